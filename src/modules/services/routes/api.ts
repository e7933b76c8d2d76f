import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../../platform/auth/guards.ts';
import { MAX_PAGE } from '../../../platform/http/input.ts';
import { currentLocale } from '../../../platform/i18n/index.ts';
import { textOf } from '../forms.ts';
import { REQUEST_STATES } from '../schema.ts';
import { listCatalog, listQueue } from '../service.ts';

/** The services JSON API: the catalog and the staff queue. */
export async function apiRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const catalogItem = Type.Object({
    slug: Type.String(),
    name: Type.String(),
    description: Type.String(),
    owner: Type.String({ description: 'village, or the agency code' }),
    letterCode: Type.String(),
    classificationCode: Type.String(),
    slaDays: Type.Integer(),
    selfService: Type.Boolean(),
    version: Type.Integer(),
    fields: Type.Array(
      Type.Object({
        name: Type.String(),
        label: Type.String(),
        type: Type.String(),
        required: Type.Boolean(),
      }),
    ),
    attachments: Type.Array(
      Type.Object({ name: Type.String(), label: Type.String(), required: Type.Boolean() }),
    ),
  });

  app.get(
    '/api/v1/services',
    {
      schema: {
        summary: 'Katalog layanan (surat desa dan layanan OPD)',
        tags: ['services'],
        querystring: Type.Object({
          village: Type.Optional(Type.String({ pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{4}$' })),
        }),
        response: { 200: Type.Object({ services: Type.Array(catalogItem) }) },
      },
    },
    async (request) => {
      const { village } = request.query;
      const locale = currentLocale();
      const entries = (await listCatalog(request.ctx, { villageCode: village })).filter(
        (e) => e.enabledInVillage,
      );
      return {
        services: entries.map((e) => {
          const d = e.definition;
          return {
            slug: e.slug,
            name: textOf(d.name, locale),
            description: textOf(d.description, locale),
            owner: d.owner.type === 'agency' ? d.owner.code : 'village',
            letterCode: d.letterCode,
            classificationCode: d.classificationCode,
            slaDays: d.slaDays,
            selfService: d.selfService,
            version: e.version,
            fields: d.fields.map((f) => ({
              name: f.name,
              label: textOf(f.label, locale),
              type: f.type,
              required: Boolean(f.required),
            })),
            attachments: d.attachments.map((a) => ({
              name: a.name,
              label: textOf(a.label, locale),
              required: Boolean(a.required),
            })),
          };
        }),
      };
    },
  );

  app.get(
    '/api/v1/service-requests',
    {
      preHandler: requireStaff(),
      schema: {
        summary: 'Antrean permohonan layanan dalam cakupan pengguna',
        tags: ['services'],
        security: [{ bearer: [] }, { session: [] }],
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union([Type.Literal('aktif'), ...REQUEST_STATES.map((s) => Type.Literal(s))]),
          ),
          service: Type.Optional(Type.String()),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            requests: Type.Array(
              Type.Object({
                id: Type.String(),
                code: Type.String(),
                service: Type.String(),
                state: Type.String(),
                villageCode: Type.String(),
                applicantName: Type.String(),
                applicantNik: Type.String(),
                submittedAt: Type.Union([Type.String(), Type.Null()]),
                dueAt: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const queue = await listQueue(request.ctx, {
        state: q.status ?? 'aktif',
        serviceSlug: q.service,
        page: q.page ?? 1,
      });
      return {
        total: queue.total,
        requests: queue.rows.map((r) => ({
          id: r.id,
          code: r.code,
          service: r.slug,
          state: r.state,
          villageCode: r.village_code,
          applicantName: r.applicant_name,
          applicantNik: r.applicant_nik,
          submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
          dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
        })),
      };
    },
  );
}
