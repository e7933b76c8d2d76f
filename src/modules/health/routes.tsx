import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireResident, requireStaff } from '../../platform/auth/guards.ts';
import { attachment } from '../../platform/http/download.ts';
import { setFlash } from '../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../platform/http/form-route.ts';
import { queryText } from '../../platform/http/input.ts';
import { readOneUpload } from '../../platform/http/upload.ts';
import { t } from '../../platform/i18n/index.ts';
import { figuresRoutes } from './figures-routes.tsx';
import { zscoreApi } from './growth/api.ts';
import {
  createHealthImport,
  healthImportErrors,
  importPageData,
  queueHealthImport,
  refuseHealthImport,
  refuseNoFile,
  templateCsv,
} from './import.ts';
import { mayKeepPuskesmas, mayRecordAt } from './policy.ts';
import { addPregnancyCheck, getPregnancy, listPregnancies, registerPregnancy } from './pregnancy.ts';
import { puskesmasRoutes } from './puskesmas-routes.tsx';
import { childForEdit, editChild, editPosyandu, posyanduForEdit } from './registry-edit.ts';
import {
  atRisk,
  createKaderAccount,
  createPosyandu,
  getChild,
  getPosyandu,
  healthAccess,
  linkChildToResident,
  linkKader,
  listPosyandu,
  mayOpenPosyandu,
  myChild,
  myChildren,
  refuseHeldRows,
  registerChild,
  saveSession,
  sessionSheet,
  today,
} from './service.ts';
import { MyChildPage, MyChildrenPage, PARENT_BASE } from './views/parent.tsx';
import { BASE, childUrl, posyanduUrl, sessionUrl } from './views/parts.tsx';
import { EditChildPage, EditPosyanduPage } from './views/registry-edit.tsx';
import { SessionPage } from './views/session.tsx';
import {
  AtRiskPage,
  ChildPage,
  ImportPage,
  KaderCreatedPage,
  PosyanduListPage,
  PosyanduPage,
  PregnanciesPage,
  PregnancyPage,
} from './views/staff.tsx';
import './messages.ts';

/** A month's sheet of one posyandu is a few hundred rows: 5 MB is generous. */
const MAX_UPLOAD = 5 * 1024 * 1024;

type Values = Record<string, string | undefined>;

async function listPage(
  request: FastifyRequest,
  state: { values?: Values; errors?: Record<string, string> } = {},
) {
  return (
    <PosyanduListPage
      rows={await listPosyandu(request.ctx)}
      openIn={mayOpenPosyandu(request.ctx)}
      keepsPuskesmas={mayKeepPuskesmas(await healthAccess(request.ctx))}
      {...state}
    />
  );
}

async function posyanduPage(
  request: FastifyRequest,
  id: string,
  state: { values?: Values; errors?: Record<string, string> } = {},
) {
  return <PosyanduPage data={await getPosyandu(request.ctx, id)} today={today(request.ctx)} {...state} />;
}

async function childPage(request: FastifyRequest, id: string, errors?: Record<string, string>) {
  const child = await getChild(request.ctx, id);
  const mayLink = mayRecordAt(await healthAccess(request.ctx), {
    id: child.posyanduId,
    villageCode: child.villageCode,
  });
  return <ChildPage child={child} mayLink={mayLink} errors={errors} />;
}

async function sessionPage(
  request: FastifyRequest,
  id: string,
  state: { values?: Values; errors?: Record<string, string>; summary?: string } = {},
) {
  const sheet = await sessionSheet(request.ctx, id, queryText(request).tanggal);
  return <SessionPage posyandu={sheet.posyandu} day={sheet.day} rows={sheet.rows} {...state} />;
}

const ChildForm = formBody({
  nik: textField({ maxLength: 32 }),
  nama: textField({ maxLength: 200 }),
  jenis_kelamin: textField({ maxLength: 20 }),
  tanggal_lahir: textField({ maxLength: 20 }),
  no_kk: textField({ maxLength: 32 }),
  nama_ibu: textField({ maxLength: 200 }),
  nik_ibu: textField({ maxLength: 32 }),
});

const PosyanduEditForm = formBody({
  nama: textField({ maxLength: 200 }),
  dusun: textField({ maxLength: 200 }),
  jadwal: textField({ maxLength: 4 }),
  alamat: textField({ maxLength: 400 }),
  aktif: textField({ maxLength: 4 }),
});

const ChildEditForm = formBody({
  nama: textField({ maxLength: 200 }),
  jenis_kelamin: textField({ maxLength: 20 }),
  tanggal_lahir: textField({ maxLength: 20 }),
  nik: textField({ maxLength: 32 }),
  lepas: textField({ maxLength: 4 }),
  no_kk: textField({ maxLength: 32 }),
  posyandu: textField({ maxLength: 64 }),
  nama_ibu: textField({ maxLength: 200 }),
  nik_ibu: textField({ maxLength: 32 }),
});

/** Editing a posyandu (office) and a child (office, the child's kader): registry-edit.ts. */
function registryEditRoutes(app: FastifyInstance): void {
  const staff = { preHandler: requireStaff(), schema: { hide: true } };
  const posyanduEdit = async (
    request: FastifyRequest,
    id: string,
    state: { values?: Values; errors?: Record<string, string> } = {},
  ) => <EditPosyanduPage posyandu={await posyanduForEdit(request.ctx, id)} {...state} />;
  const childEdit = async (
    request: FastifyRequest,
    id: string,
    state: { values?: Values; errors?: Record<string, string> } = {},
  ) => {
    const data = await childForEdit(request.ctx, id);
    return <EditChildPage child={data.child} posyandu={data.posyandu} {...state} />;
  };
  app.get(`${BASE}/posyandu/:id/ubah`, staff, async (request, reply) =>
    reply.page(await posyanduEdit(request, (request.params as { id: string }).id)),
  );
  formRoute(app, `${BASE}/posyandu/:id/ubah`, {
    preHandler: requireStaff(),
    body: PosyanduEditForm,
    page: (request, { values, errors }) => posyanduEdit(request, request.params.id, { values, errors }),
    handle: async (request, reply, form) => {
      await editPosyandu(request.ctx, request.params.id, form);
      setFlash(reply, t('health.posyanduUpdated'));
      return reply.redirect(posyanduUrl(request.params.id), 303);
    },
  });
  app.get(`${BASE}/anak/:id/ubah`, staff, async (request, reply) =>
    reply.page(await childEdit(request, (request.params as { id: string }).id)),
  );
  formRoute(app, `${BASE}/anak/:id/ubah`, {
    preHandler: requireStaff(),
    body: ChildEditForm,
    page: (request, { values, errors }) => childEdit(request, request.params.id, { values, errors }),
    handle: async (request, reply, form) => {
      const { rejudged } = await editChild(request.ctx, request.params.id, form);
      setFlash(
        reply,
        rejudged > 0 ? t('health.childUpdatedRejudged', { count: rejudged }) : t('health.childUpdated'),
      );
      return reply.redirect(childUrl(request.params.id), 303);
    },
  });
}

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const staff = { preHandler: requireStaff(), schema: { hide: true } };
  await app.register(figuresRoutes);
  await app.register(zscoreApi);
  await app.register(puskesmasRoutes);
  registryEditRoutes(app);

  app.get(BASE, staff, async (_request, reply) => reply.redirect(`${BASE}/posyandu`, 303));

  app.get(`${BASE}/posyandu`, staff, async (request, reply) => {
    const access = await healthAccess(request.ctx);
    if (access.kaderPosyanduId) return reply.redirect(posyanduUrl(access.kaderPosyanduId), 303);
    return reply.page(await listPage(request));
  });

  formRoute(app, `${BASE}/posyandu`, {
    preHandler: requireStaff(),
    body: formBody({
      nama: textField({ maxLength: 200 }),
      dusun: textField({ maxLength: 200 }),
      jadwal: textField({ maxLength: 4 }),
      alamat: textField({ maxLength: 400 }),
    }),
    page: (request, { values, errors }) => listPage(request, { values, errors }),
    handle: async (request, reply, form) => {
      const village = mayOpenPosyandu(request.ctx) ?? '';
      const posyandu = await createPosyandu(request.ctx, village, form);
      setFlash(reply, t('health.posyanduSaved', { name: posyandu.name }));
      return reply.redirect(posyanduUrl(posyandu.id), 303);
    },
  });

  app.get(`${BASE}/posyandu/:id`, staff, async (request, reply) =>
    reply.page(await posyanduPage(request, (request.params as { id: string }).id)),
  );

  formRoute(app, `${BASE}/posyandu/:id/anak`, {
    preHandler: requireStaff(),
    body: ChildForm,
    page: (request, { values, errors }) => posyanduPage(request, request.params.id, { values, errors }),
    handle: async (request, reply, form) => {
      const child = await registerChild(request.ctx, request.params.id, form);
      setFlash(reply, t('health.childSaved'));
      return reply.redirect(childUrl(child.id), 303);
    },
  });

  formRoute(app, `${BASE}/posyandu/:id/kader`, {
    preHandler: requireStaff(),
    body: formBody({ email: textField({ maxLength: 200 }) }),
    page: (request, { values, errors }) => posyanduPage(request, request.params.id, { values, errors }),
    handle: async (request, reply, form) => {
      await linkKader(request.ctx, request.params.id, form);
      setFlash(reply, t('health.kaderLinked'));
      return reply.redirect(posyanduUrl(request.params.id), 303);
    },
  });

  formRoute(app, `${BASE}/posyandu/:id/kader-baru`, {
    preHandler: requireStaff(),
    body: formBody({
      kader_nama: textField({ maxLength: 200 }),
      kader_telepon: textField({ maxLength: 40 }),
      kader_email: textField({ maxLength: 200 }),
    }),
    page: (request, { values, errors }) => posyanduPage(request, request.params.id, { values, errors }),
    handle: async (request, reply, form) => {
      const created = await createKaderAccount(request.ctx, request.params.id, form);
      // the code is shown on this answer and in the letter only
      reply.header('cache-control', 'no-store');
      return reply.page(<KaderCreatedPage created={created} />);
    },
  });

  formRoute(app, `${BASE}/posyandu/:id/ibu-hamil`, {
    preHandler: requireStaff(),
    body: formBody({
      nik: textField({ maxLength: 32 }),
      nama: textField({ maxLength: 200 }),
      hpl: textField({ maxLength: 20 }),
    }),
    page: (request, { values, errors }) =>
      posyanduPage(request, request.params.id, { values: { hamil_nik: values.nik }, errors }),
    handle: async (request, reply, form) => {
      const pregnancy = await registerPregnancy(request.ctx, request.params.id, form);
      return reply.redirect(`${BASE}/ibu-hamil/${pregnancy.id}`, 303);
    },
  });

  app.get(`${BASE}/posyandu/:id/penimbangan`, staff, async (request, reply) =>
    reply.page(await sessionPage(request, (request.params as { id: string }).id)),
  );

  formRoute(app, `${BASE}/posyandu/:id/penimbangan`, {
    preHandler: requireStaff(),
    body: formBody({}, { extra: 'text' }),
    page: (request, { values, errors, summary }) =>
      sessionPage(request, request.params.id, { values, errors, summary }),
    handle: async (request, reply, form) => {
      const outcome = await saveSession(request.ctx, request.params.id, queryText(request).tanggal, form);
      refuseHeldRows(outcome);
      setFlash(reply, t('health.sessionSaved', { count: outcome.saved }));
      return reply.redirect(`${BASE}/perlu-kunjungan?posyandu=${request.params.id}`, 303);
    },
  });

  app.get(`${BASE}/anak/:id`, staff, async (request, reply) =>
    reply.page(await childPage(request, (request.params as { id: string }).id)),
  );

  formRoute(app, `${BASE}/anak/:id/tautkan`, {
    preHandler: requireStaff(),
    body: formBody({ nik: textField({ maxLength: 32 }) }),
    page: (request, { errors }) => childPage(request, request.params.id, errors),
    handle: async (request, reply, form) => {
      await linkChildToResident(request.ctx, request.params.id, form);
      setFlash(reply, t('health.childLinked'));
      return reply.redirect(childUrl(request.params.id), 303);
    },
  });

  app.get(`${BASE}/perlu-kunjungan`, staff, async (request, reply) => {
    const query = queryText(request);
    const result = await atRisk(request.ctx, { posyanduId: query.posyandu || undefined, month: query.bulan });
    return reply.page(
      <AtRiskPage month={result.month} children={result.children} posyanduId={query.posyandu || undefined} />,
    );
  });

  app.get(`${BASE}/ibu-hamil`, staff, async (request, reply) =>
    reply.page(<PregnanciesPage rows={await listPregnancies(request.ctx)} />),
  );

  app.get(`${BASE}/ibu-hamil/:id`, staff, async (request, reply) =>
    reply.page(
      <PregnancyPage pregnancy={await getPregnancy(request.ctx, (request.params as { id: string }).id)} />,
    ),
  );

  formRoute(app, `${BASE}/ibu-hamil/:id/periksa`, {
    preHandler: requireStaff(),
    body: formBody({
      tanggal: textField({ maxLength: 20 }),
      usia_kehamilan: textField({ maxLength: 4 }),
      lila: textField({ maxLength: 8 }),
      ttd: textField({ maxLength: 4 }),
      kunjungan: textField({ maxLength: 4 }),
    }),
    page: async (request, { values, errors }) => (
      <PregnancyPage
        pregnancy={await getPregnancy(request.ctx, request.params.id)}
        values={values}
        errors={errors}
      />
    ),
    handle: async (request, reply, form) => {
      const check = await addPregnancyCheck(request.ctx, request.params.id, form);
      setFlash(reply, t(check.kekRisk ? 'health.checkSavedKek' : 'health.checkSaved'));
      return reply.redirect(`${BASE}/ibu-hamil/${request.params.id}`, 303);
    },
  });

  app.get(`${BASE}/impor`, staff, async (request, reply) => {
    const data = await importPageData(request.ctx, queryText(request).posyandu ?? '');
    return reply.page(<ImportPage posyandu={data.posyandu} imports={data.imports} />);
  });

  formRoute(app, `${BASE}/impor`, {
    preHandler: requireStaff(),
    body: formBody({}),
    read: (request) =>
      readOneUpload(request, {
        maxBytes: MAX_UPLOAD,
        start: (fileName) => createHealthImport(request.ctx, queryText(request).posyandu ?? '', fileName),
        noFile: t('health.error.noFile'),
        tooLarge: t('health.error.fileTooLarge'),
      }),
    page: async (request, { errors }) => {
      const data = await importPageData(request.ctx, queryText(request).posyandu ?? '');
      return (
        <ImportPage
          posyandu={data.posyandu}
          imports={data.imports}
          error={errors.file ?? Object.values(errors).join(' ')}
        />
      );
    },
    handle: async (request, reply, _form, upload) => {
      const posyanduId = queryText(request).posyandu ?? '';
      if (upload.problem || !upload.job) {
        if (upload.job) await refuseHealthImport(request.ctx, upload.job.id, upload.problem ?? '');
        return refuseNoFile(request.ctx, posyanduId, upload.problem ?? t('health.error.noFile'));
      }
      await queueHealthImport(request.ctx, upload.job.id);
      setFlash(reply, t('health.importQueued'));
      return reply.redirect(`${BASE}/impor?posyandu=${posyanduId}`, 303);
    },
  });

  app.get(`${BASE}/impor/:id/galat.csv`, staff, async (request, reply) => {
    const file = await healthImportErrors(request.ctx, (request.params as { id: string }).id);
    return attachment(reply, 'baris-ditolak-penimbangan.csv', 'text/csv; charset=utf-8').send(file.bytes);
  });

  app.get('/kesehatan/templat-impor.csv', { schema: { hide: true } }, async (_request, reply) =>
    attachment(reply, 'templat-penimbangan.csv', 'text/csv; charset=utf-8').send(templateCsv()),
  );

  const resident = { preHandler: requireResident(), schema: { hide: true } };
  app.get(PARENT_BASE, resident, async (request, reply) =>
    reply.page(<MyChildrenPage children={await myChildren(request.ctx)} />),
  );
  app.get(`${PARENT_BASE}/:id`, resident, async (request, reply) =>
    reply.page(<MyChildPage child={await myChild(request.ctx, (request.params as { id: string }).id)} />),
  );
}

export { sessionUrl };
