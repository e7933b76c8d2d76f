import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff } from '../../platform/auth/guards.ts';
import { setFlash } from '../../platform/http/flash.ts';
import { formBody, formRoute, textField, textFields } from '../../platform/http/form-route.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  addPuskesmas,
  assignPuskesmasOfficer,
  assignVillages,
  editPuskesmas,
  puskesmasDetail,
  puskesmasList,
  unassignPuskesmasOfficer,
} from './puskesmas.ts';
import { PUSKESMAS_URL, PuskesmasListPage, PuskesmasPage, puskesmasUrl } from './views/puskesmas.tsx';

type Values = Record<string, string | undefined>;
type State = { values?: Values; errors?: Record<string, string>; chosen?: string[] };

const PuskesmasForm = {
  nama: textField({ maxLength: 200 }),
  kecamatan: textField({ maxLength: 20 }),
  aktif: textField({ maxLength: 4 }),
};

async function listPage(request: FastifyRequest, state: State = {}) {
  const data = await puskesmasList(request.ctx);
  return <PuskesmasListPage rows={data.rows} kecamatan={data.kecamatan} {...state} />;
}

async function detailPage(request: FastifyRequest, code: string, state: State = {}) {
  return <PuskesmasPage data={await puskesmasDetail(request.ctx, code)} {...state} />;
}

/** The puskesmas list, its areas and assigned officers (admin kabupaten and Dinkes' regency desk). */
export async function puskesmasRoutes(app: FastifyInstance): Promise<void> {
  const staff = { preHandler: requireStaff(), schema: { hide: true } };

  app.get(PUSKESMAS_URL, staff, async (request, reply) => reply.page(await listPage(request)));

  formRoute(app, PUSKESMAS_URL, {
    preHandler: requireStaff(),
    body: formBody({ kode: textField({ maxLength: 40 }), ...PuskesmasForm }),
    page: (request, { values, errors }) => listPage(request, { values, errors }),
    handle: async (request, reply, form) => {
      const { code } = await addPuskesmas(request.ctx, form);
      setFlash(reply, t('health.puskesmas.saved', { name: form.nama ?? code }));
      return reply.redirect(puskesmasUrl(code), 303);
    },
  });

  app.get(`${PUSKESMAS_URL}/:code`, staff, async (request, reply) =>
    reply.page(await detailPage(request, (request.params as { code: string }).code)),
  );

  formRoute(app, `${PUSKESMAS_URL}/:code/ubah`, {
    preHandler: requireStaff(),
    body: formBody(PuskesmasForm),
    page: (request, { values, errors }) => detailPage(request, request.params.code, { values, errors }),
    handle: async (request, reply, form) => {
      await editPuskesmas(request.ctx, request.params.code, form);
      setFlash(reply, t('health.puskesmas.updated'));
      return reply.redirect(puskesmasUrl(request.params.code), 303);
    },
  });

  formRoute(app, `${PUSKESMAS_URL}/:code/desa`, {
    preHandler: requireStaff(),
    body: formBody({ desa: textFields() }),
    page: (request, { errors }) => {
      const sent = (request.body as { desa?: string | string[] } | undefined)?.desa;
      const chosen = Array.isArray(sent) ? sent : sent ? [sent] : [];
      return detailPage(request, request.params.code, { errors, chosen });
    },
    handle: async (request, reply, form) => {
      const change = await assignVillages(request.ctx, request.params.code, form);
      setFlash(
        reply,
        t('health.puskesmas.villagesSaved', { added: change.added.length, removed: change.removed.length }),
      );
      return reply.redirect(puskesmasUrl(request.params.code), 303);
    },
  });

  formRoute(app, `${PUSKESMAS_URL}/:code/petugas`, {
    preHandler: requireStaff(),
    body: formBody({ email: textField({ maxLength: 200 }) }),
    page: (request, { values, errors }) => detailPage(request, request.params.code, { values, errors }),
    handle: async (request, reply, form) => {
      await assignPuskesmasOfficer(request.ctx, request.params.code, form);
      setFlash(reply, t('health.puskesmas.officerAssigned'));
      return reply.redirect(puskesmasUrl(request.params.code), 303);
    },
  });

  formRoute(app, `${PUSKESMAS_URL}/:code/petugas/lepas`, {
    preHandler: requireStaff(),
    body: formBody({ petugas: textField({ maxLength: 64 }) }),
    page: (request, { errors }) => detailPage(request, request.params.code, { errors }),
    handle: async (request, reply, form) => {
      await unassignPuskesmasOfficer(request.ctx, request.params.code, form);
      setFlash(reply, t('health.puskesmas.officerUnassigned'));
      return reply.redirect(puskesmasUrl(request.params.code), 303);
    },
  });
}
