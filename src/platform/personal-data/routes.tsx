import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../auth/guards.ts';
import { Invalid } from '../http/errors.ts';
import { t } from '../i18n/index.ts';
import { erasePerson, exportPerson, type PersonalDataSource, personalDataHolders } from './index.ts';
import { ConfirmErasurePage, ErasureDonePage, PersonalDataPage } from './views.tsx';

type Form = Record<string, string | undefined>;

/** The admin page for one person's data: export as JSON, or erase after a confirmation step. */
export async function personalDataRoutes(
  app: FastifyInstance,
  options: { sources: readonly PersonalDataSource[] },
): Promise<void> {
  const { sources } = options;
  const admin = { preHandler: requireStaff('admin_kabupaten'), schema: { hide: true } };

  app.get('/kelola/data-pribadi', admin, async (_request, reply) => reply.page(<PersonalDataPage />));

  app.post('/kelola/data-pribadi', admin, async (request, reply) => {
    const form = request.body as Form;
    const nik = (form.nik ?? '').trim();
    try {
      if (form.do === 'hapus') {
        const holders = await personalDataHolders(request.ctx, sources, nik);
        return reply.page(<ConfirmErasurePage nik={nik} holders={holders} />);
      }
      const document = await exportPerson(request.ctx, sources, nik);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="data-pribadi-${document.nik}.json"`)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(document, null, 2));
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return reply.page(<PersonalDataPage values={{ nik }} errors={error.fields} />, 422);
    }
  });

  app.post('/kelola/data-pribadi/hapus', admin, async (request, reply) => {
    const form = request.body as Form;
    const nik = (form.nik ?? '').trim();
    try {
      if (form.confirm !== '1') {
        const holders = await personalDataHolders(request.ctx, sources, nik);
        return reply.page(
          <ConfirmErasurePage
            nik={nik}
            holders={holders}
            errors={{ confirm: t('personalData.confirmNeeded') }}
          />,
          422,
        );
      }
      const erasure = await erasePerson(request.ctx, sources, nik);
      return reply.page(<ErasureDonePage erasure={erasure} />);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return reply.page(<PersonalDataPage values={{ nik }} errors={error.fields} />, 422);
    }
  });
}
