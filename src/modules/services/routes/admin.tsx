import type { FastifyInstance } from 'fastify';
import { requireStaff, staffOf } from '../../../platform/auth/guards.ts';
import { setFlash } from '../../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../../platform/http/form-route.ts';
import { t } from '../../../platform/i18n/index.ts';
import { getService, listCatalog, saveServiceDefinition, setServiceActive } from '../service.ts';
import { CatalogAdminPage, ServiceEditPage } from '../views/staff.tsx';

const DefinitionForm = formBody({ definition: textField() });

/** The regency administrator's catalog: service definitions as JSON, versioned, switched on and off. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const adminOnly = requireStaff('admin_kabupaten');
  const admin = { schema: { hide: true }, preHandler: adminOnly };

  app.get('/kelola/layanan/katalog', admin, async (request, reply) =>
    reply.page(
      <CatalogAdminPage
        actor={staffOf(request)}
        services={await listCatalog(request.ctx, { includeInactive: true })}
      />,
    ),
  );

  app.get('/kelola/layanan/katalog/baru', admin, async (request, reply) => {
    const template = (await getService(request.ctx, 'keterangan-umum')).definition;
    const json = JSON.stringify({ ...template, slug: 'layanan-baru' }, null, 2);
    return reply.page(<ServiceEditPage slug={null} json={json} version={null} active />);
  });

  formRoute(app, '/kelola/layanan/katalog/baru', {
    preHandler: adminOnly,
    body: DefinitionForm,
    page: (_request, { values, errors, summary }) => (
      <ServiceEditPage
        slug={null}
        json={values.definition ?? ''}
        version={null}
        active
        errors={errors}
        message={summary}
      />
    ),
    handle: async (request, reply, form) => {
      const saved = await saveServiceDefinition(request.ctx, form.definition ?? '');
      setFlash(reply, t('services.flash.serviceSaved', { version: saved.version }));
      return reply.redirect(`/kelola/layanan/katalog/${saved.slug}`, 303);
    },
  });

  app.get('/kelola/layanan/katalog/:slug', admin, async (request, reply) => {
    const service = await getService(request.ctx, (request.params as { slug: string }).slug);
    return reply.page(
      <ServiceEditPage
        slug={service.slug}
        json={JSON.stringify(service.definition, null, 2)}
        version={service.version}
        active={service.active}
      />,
    );
  });

  formRoute(app, '/kelola/layanan/katalog/:slug', {
    preHandler: adminOnly,
    body: DefinitionForm,
    page: async (request, { values, errors, summary }) => {
      const { slug } = request.params;
      const service = await getService(request.ctx, slug);
      return (
        <ServiceEditPage
          slug={slug}
          json={values.definition ?? ''}
          version={service.version}
          active={service.active}
          errors={errors}
          message={summary}
        />
      );
    },
    handle: async (request, reply, form) => {
      const { slug } = request.params;
      const saved = await saveServiceDefinition(request.ctx, form.definition ?? '', slug);
      setFlash(reply, t('services.flash.serviceSaved', { version: saved.version }));
      return reply.redirect(`/kelola/layanan/katalog/${slug}`, 303);
    },
  });

  formRoute(app, '/kelola/layanan/katalog/:slug/status', {
    preHandler: adminOnly,
    body: formBody({ active: textField() }),
    handle: async (request, reply, form) => {
      const { slug } = request.params;
      await setServiceActive(request.ctx, slug, form.active === '1');
      setFlash(reply, t('services.flash.settingsSaved'));
      return reply.redirect(`/kelola/layanan/katalog/${slug}`, 303);
    },
  });
}
