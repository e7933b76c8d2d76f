import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setAgencyHeadEmail } from '../../../platform/agencies/service.ts';
import { requireStaff, staffOf } from '../../../platform/auth/guards.ts';
import { setFlash } from '../../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../../platform/http/form-route.ts';
import { t } from '../../../platform/i18n/index.ts';
import { regencyName } from '../../regions/service.ts';
import {
  addHoliday,
  addTemplate,
  agencyOptions,
  createCategory,
  createOpen311Client,
  getCategory,
  kecamatanOptions,
  listCategories,
  listHolidays,
  listOpen311Clients,
  listRoutes,
  listTemplates,
  moderate,
  moderationQueue,
  removeHoliday,
  removeRoute,
  removeTemplate,
  revokeOpen311Client,
  saveRoute,
  updateCategory,
  villageOptions,
} from '../service.ts';
import type { FormValues } from '../views/public.tsx';
import {
  AgencyContactsPage,
  CategoriesPage,
  CategoryEditPage,
  ClientsPage,
  HolidaysPage,
  ModerationPage,
  RulesPage,
  TemplatesPage,
} from '../views/staff.tsx';

const CategoryForm = formBody({
  code: textField(),
  name: textField(),
  nameEn: textField(),
  group: textField(),
  description: textField(),
  handler: textField(),
  slaVerify: textField(),
  slaResponse: textField(),
  slaResolve: textField(),
  reopenDays: textField(),
  confidentialDefault: textField(),
  anonymousAllowed: textField(),
  publicReopen: textField(),
  active: textField(),
});

async function rulesPage(request: FastifyRequest, errors?: Record<string, string>, values?: FormValues) {
  const ctx = request.ctx;
  const [rules, categories, agencies, villages, kecamatan, name] = await Promise.all([
    listRoutes(ctx),
    listCategories(ctx, { activeOnly: false }),
    agencyOptions(ctx),
    villageOptions(ctx),
    kecamatanOptions(ctx),
    regencyName(ctx),
  ]);
  return (
    <RulesPage
      actor={staffOf(request)}
      rules={rules}
      categories={categories}
      agencies={agencies}
      villages={villages}
      kecamatan={kecamatan}
      regency={{ code: ctx.config.regencyCode, name }}
      {...(errors ? { errors } : {})}
      {...(values ? { values } : {})}
    />
  );
}

async function categoriesPage(request: FastifyRequest, errors?: Record<string, string>, values?: FormValues) {
  const [categories, agencies] = await Promise.all([
    listCategories(request.ctx, { activeOnly: false }),
    agencyOptions(request.ctx),
  ]);
  return (
    <CategoriesPage
      actor={staffOf(request)}
      categories={categories}
      agencies={agencies}
      {...(errors ? { errors } : {})}
      {...(values ? { values } : {})}
    />
  );
}

async function templatesPage(request: FastifyRequest, errors?: Record<string, string>, values?: FormValues) {
  const [templates, categories] = await Promise.all([
    listTemplates(request.ctx),
    listCategories(request.ctx, { activeOnly: false }),
  ]);
  return (
    <TemplatesPage
      actor={staffOf(request)}
      templates={templates}
      categories={categories}
      {...(errors ? { errors } : {})}
      {...(values ? { values } : {})}
    />
  );
}

/** The regency administrator's pages: moderation, routing rules, categories, holidays, templates, agencies, Open311 clients. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const adminOnly = requireStaff('admin_kabupaten');
  const admin = { preHandler: adminOnly, schema: { hide: true } };

  app.get('/kelola/pengaduan/moderasi', admin, async (request, reply) => {
    return reply.page(<ModerationPage actor={staffOf(request)} rows={await moderationQueue(request.ctx)} />);
  });

  formRoute(app, '/kelola/pengaduan/moderasi/:ticket', {
    preHandler: adminOnly,
    body: formBody({ action: textField(), publicTitle: textField(), publicDescription: textField() }),
    page: async (request, { errors }) => (
      <ModerationPage actor={staffOf(request)} rows={await moderationQueue(request.ctx)} errors={errors} />
    ),
    handle: async (request, reply, form) => {
      const action = form.action === 'hide' || form.action === 'redact' ? form.action : 'approve';
      await moderate(request.ctx, request.params.ticket, {
        action,
        publicTitle: form.publicTitle ?? '',
        publicDescription: form.publicDescription ?? '',
      });
      setFlash(reply, t('complaints.flash.moderated'));
      return reply.redirect('/kelola/pengaduan/moderasi', 303);
    },
  });

  app.get('/kelola/pengaduan/aturan', admin, async (request, reply) => reply.page(await rulesPage(request)));

  formRoute(app, '/kelola/pengaduan/aturan', {
    preHandler: adminOnly,
    body: formBody({ categoryCode: textField(), regionCode: textField(), handler: textField() }),
    page: (request, { values, errors }) => rulesPage(request, errors, values),
    handle: async (request, reply, form) => {
      await saveRoute(request.ctx, {
        categoryCode: form.categoryCode ?? '',
        regionCode: form.regionCode ?? '',
        handler: form.handler ?? '',
      });
      setFlash(reply, t('complaints.flash.ruleSaved'));
      return reply.redirect('/kelola/pengaduan/aturan', 303);
    },
  });

  formRoute(app, '/kelola/pengaduan/aturan/:id/hapus', {
    preHandler: adminOnly,
    body: formBody({}),
    page: (request, { errors }) => rulesPage(request, errors),
    handle: async (request, reply) => {
      await removeRoute(request.ctx, request.params.id);
      setFlash(reply, t('complaints.flash.ruleDeleted'));
      return reply.redirect('/kelola/pengaduan/aturan', 303);
    },
  });

  app.get('/kelola/pengaduan/kategori', admin, async (request, reply) =>
    reply.page(await categoriesPage(request)),
  );

  formRoute(app, '/kelola/pengaduan/kategori', {
    preHandler: adminOnly,
    body: CategoryForm,
    page: (request, { values, errors }) => categoriesPage(request, errors, values),
    handle: async (request, reply, form) => {
      await createCategory(request.ctx, {
        code: form.code ?? '',
        name: form.name ?? '',
        nameEn: form.nameEn ?? '',
        group: form.group ?? '',
        description: form.description ?? '',
        handler: form.handler ?? '',
        slaVerify: form.slaVerify ?? '',
        slaResponse: form.slaResponse ?? '',
        slaResolve: form.slaResolve ?? '',
        reopenDays: form.reopenDays ?? '',
        confidentialDefault: form.confidentialDefault === '1',
        anonymousAllowed: true,
        publicReopen: true,
        active: true,
      });
      setFlash(reply, t('complaints.flash.categorySaved'));
      return reply.redirect('/kelola/pengaduan/kategori', 303);
    },
  });

  app.get('/kelola/pengaduan/kategori/:code', admin, async (request, reply) => {
    const { code } = request.params as { code: string };
    const c = await getCategory(request.ctx, code);
    const flag = (b: boolean) => (b ? '1' : '');
    const values = {
      name: c.name,
      nameEn: c.nameEn,
      description: c.description,
      slaVerify: String(c.sla.verify),
      slaResponse: String(c.sla.response),
      slaResolve: String(c.sla.resolve),
      reopenDays: String(c.reopenDays),
      confidentialDefault: flag(c.confidentialDefault),
      anonymousAllowed: flag(c.anonymousAllowed),
      publicReopen: flag(c.publicReopen),
      active: flag(c.active),
    };
    return reply.page(<CategoryEditPage actor={staffOf(request)} category={c} values={values} />);
  });

  formRoute(app, '/kelola/pengaduan/kategori/:code', {
    preHandler: adminOnly,
    body: CategoryForm,
    page: async (request, { values, errors }) => {
      const category = await getCategory(request.ctx, request.params.code);
      return (
        <CategoryEditPage actor={staffOf(request)} category={category} values={values} errors={errors} />
      );
    },
    handle: async (request, reply, form) => {
      await updateCategory(request.ctx, request.params.code, {
        name: form.name ?? '',
        nameEn: form.nameEn ?? '',
        description: form.description ?? '',
        slaVerify: form.slaVerify ?? '',
        slaResponse: form.slaResponse ?? '',
        slaResolve: form.slaResolve ?? '',
        reopenDays: form.reopenDays ?? '',
        confidentialDefault: form.confidentialDefault === '1',
        anonymousAllowed: form.anonymousAllowed === '1',
        publicReopen: form.publicReopen === '1',
        active: form.active === '1',
      });
      setFlash(reply, t('complaints.flash.categorySaved'));
      return reply.redirect('/kelola/pengaduan/kategori', 303);
    },
  });

  app.get('/kelola/pengaduan/libur', admin, async (request, reply) => {
    return reply.page(<HolidaysPage actor={staffOf(request)} holidays={await listHolidays(request.ctx)} />);
  });

  formRoute(app, '/kelola/pengaduan/libur', {
    preHandler: adminOnly,
    body: formBody({ date: textField(), name: textField() }),
    page: async (request, { values, errors }) => (
      <HolidaysPage
        actor={staffOf(request)}
        holidays={await listHolidays(request.ctx)}
        errors={errors}
        values={values}
      />
    ),
    handle: async (request, reply, form) => {
      await addHoliday(request.ctx, { date: form.date ?? '', name: form.name ?? '' });
      setFlash(reply, t('complaints.flash.holidaySaved'));
      return reply.redirect('/kelola/pengaduan/libur', 303);
    },
  });

  formRoute(app, '/kelola/pengaduan/libur/:date/hapus', {
    preHandler: adminOnly,
    body: formBody({}),
    handle: async (request, reply) => {
      await removeHoliday(request.ctx, request.params.date);
      setFlash(reply, t('complaints.flash.holidayDeleted'));
      return reply.redirect('/kelola/pengaduan/libur', 303);
    },
  });

  app.get('/kelola/pengaduan/templat', admin, async (request, reply) =>
    reply.page(await templatesPage(request)),
  );

  formRoute(app, '/kelola/pengaduan/templat', {
    preHandler: adminOnly,
    body: formBody({ categoryCode: textField(), state: textField(), title: textField(), body: textField() }),
    page: (request, { values, errors }) => templatesPage(request, errors, values),
    handle: async (request, reply, form) => {
      await addTemplate(request.ctx, {
        categoryCode: form.categoryCode ?? '',
        state: form.state ?? '',
        title: form.title ?? '',
        body: form.body ?? '',
      });
      setFlash(reply, t('complaints.flash.templateSaved'));
      return reply.redirect('/kelola/pengaduan/templat', 303);
    },
  });

  formRoute(app, '/kelola/pengaduan/templat/:id/hapus', {
    preHandler: adminOnly,
    body: formBody({}),
    handle: async (request, reply) => {
      await removeTemplate(request.ctx, request.params.id);
      setFlash(reply, t('complaints.flash.templateDeleted'));
      return reply.redirect('/kelola/pengaduan/templat', 303);
    },
  });

  app.get('/kelola/pengaduan/opd', admin, async (request, reply) => {
    return reply.page(
      <AgencyContactsPage actor={staffOf(request)} agencies={await agencyOptions(request.ctx)} />,
    );
  });

  // one form per agency, its field named head_<code>
  formRoute(app, '/kelola/pengaduan/opd/:code', {
    preHandler: adminOnly,
    body: Type.Record(Type.String(), Type.String()),
    page: async (request, { values, errors }) => (
      <AgencyContactsPage
        actor={staffOf(request)}
        agencies={await agencyOptions(request.ctx)}
        errors={errors}
        values={values}
      />
    ),
    handle: async (request, reply, form) => {
      const { code } = request.params;
      await setAgencyHeadEmail(request.ctx, code, form[`head_${code}`] ?? '');
      setFlash(reply, t('complaints.flash.agencySaved'));
      return reply.redirect('/kelola/pengaduan/opd', 303);
    },
  });

  app.get('/kelola/pengaduan/klien-api', admin, async (request, reply) => {
    return reply.page(
      <ClientsPage actor={staffOf(request)} clients={await listOpen311Clients(request.ctx)} />,
    );
  });

  formRoute(app, '/kelola/pengaduan/klien-api', {
    preHandler: adminOnly,
    body: formBody({ name: textField() }),
    page: async (request, { errors }) => (
      <ClientsPage actor={staffOf(request)} clients={await listOpen311Clients(request.ctx)} errors={errors} />
    ),
    handle: async (request, reply, form) => {
      const key = await createOpen311Client(request.ctx, form.name ?? '');
      return reply.page(
        <ClientsPage actor={staffOf(request)} clients={await listOpen311Clients(request.ctx)} newKey={key} />,
      );
    },
  });

  formRoute(app, '/kelola/pengaduan/klien-api/:id/cabut', {
    preHandler: adminOnly,
    body: formBody({}),
    handle: async (request, reply) => {
      await revokeOpen311Client(request.ctx, request.params.id);
      setFlash(reply, t('complaints.flash.clientRevoked'));
      return reply.redirect('/kelola/pengaduan/klien-api', 303);
    },
  });
}
