import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  complianceFigures,
  getPublicReport,
  listCategories,
  listPublicReports,
  nearbyReports,
  submitReport,
  trackingUrl,
} from '../service.ts';
import { STATES } from '../states.ts';

const ReportBody = Type.Object({
  categoryCode: Type.String({ maxLength: 40 }),
  villageCode: Type.String({ maxLength: 20 }),
  kind: Type.Optional(
    Type.Union([Type.Literal('pengaduan'), Type.Literal('aspirasi'), Type.Literal('informasi')]),
  ),
  title: Type.String({ maxLength: 200 }),
  description: Type.String({ maxLength: 5000 }),
  details: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Array(Type.String())])),
  ),
  lat: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  lng: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  anonymous: Type.Optional(Type.Boolean()),
  confidential: Type.Optional(Type.Boolean()),
  name: Type.Optional(Type.String({ maxLength: 120 })),
  phone: Type.Optional(Type.String({ maxLength: 30 })),
  email: Type.Optional(Type.String({ maxLength: 200 })),
  website: Type.Optional(Type.String({ description: 'honeypot: leave empty' })),
});

const PublicReportSchema = Type.Object({
  ticket: Type.String(),
  title: Type.String(),
  description: Type.String(),
  state: Type.String(),
  categoryCode: Type.String(),
  categoryName: Type.String(),
  villageCode: Type.String(),
  villageName: Type.String(),
  kecamatanName: Type.String(),
  handlerName: Type.String(),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lng: Type.Union([Type.Number(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  resolveDueAt: Type.String(),
  supportCount: Type.Integer(),
});

/** The complaints JSON API (Open311 has its own file). */
export async function apiRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/complaints/categories',
    {
      schema: {
        tags: ['pengaduan'],
        summary: 'Complaint categories with their extra fields and SLA (working days)',
      },
    },
    async (request) => listCategories(request.ctx),
  );

  app.get(
    '/api/v1/complaints',
    {
      schema: {
        tags: ['pengaduan'],
        summary: 'Public, non-confidential reports (personal data redacted)',
        querystring: Type.Object({
          category: Type.Optional(Type.String({ maxLength: 40 })),
          kecamatan: Type.Optional(Type.String({ pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}$' })),
          state: Type.Optional(Type.Union(STATES.map((s) => Type.Literal(s)))),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
        }),
        response: {
          200: Type.Object({
            page: Type.Integer(),
            pageSize: Type.Integer(),
            total: Type.Integer(),
            more: Type.Boolean({
              description: 'true when there are more reports than total (counting stops at 10,000)',
            }),
            rows: Type.Array(PublicReportSchema),
          }),
        },
      },
    },
    async (request) => {
      const list = await listPublicReports(request.ctx, request.query);
      return {
        ...list,
        rows: list.rows.map((r) => ({
          ...r,
          createdAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
          resolveDueAt: r.resolveDueAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/v1/complaints',
    {
      schema: {
        tags: ['pengaduan'],
        summary: 'File a report (JSON, without photos); returns the ticket and the reporter key',
        body: ReportBody,
        response: {
          201: Type.Object({
            ticket: Type.String(),
            key: Type.String(),
            trackingUrl: Type.String(),
            confidential: Type.Boolean(),
            verifyDueAt: Type.String(),
            resolveDueAt: Type.String(),
          }),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const receipt = await submitReport(request.ctx, {
        ...body,
        source: 'api',
        honeypot: body.website ?? null,
        ip: request.ip,
      });
      return reply.code(201).send({
        ticket: receipt.ticket,
        key: receipt.key,
        trackingUrl: trackingUrl(request.ctx, receipt.ticket, receipt.key),
        confidential: receipt.confidential,
        verifyDueAt: receipt.verifyDueAt.toISOString(),
        resolveDueAt: receipt.resolveDueAt.toISOString(),
      });
    },
  );

  app.get(
    '/api/v1/complaints/nearby',
    {
      schema: {
        tags: ['pengaduan'],
        summary: 'Reports of the same category near a point (to support instead of duplicating)',
        querystring: Type.Object({
          category: Type.String({ maxLength: 40 }),
          lat: Type.Number({ minimum: -90, maximum: 90 }),
          lng: Type.Number({ minimum: -180, maximum: 180 }),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return nearbyReports(request.ctx, { categoryCode: q.category, lat: q.lat, lng: q.lng });
    },
  );

  app.get(
    '/api/v1/complaints/stats',
    { schema: { tags: ['pengaduan'], summary: 'Response figures per agency over the last 90 days' } },
    async (request) => complianceFigures(request.ctx, { days: 90 }),
  );

  app.get(
    '/api/v1/complaints/:ticket',
    { schema: { tags: ['pengaduan'], summary: 'One report as the public sees it, with its public history' } },
    async (request) => {
      const { ticket } = request.params as { ticket: string };
      const { isReporter: _r, reporterMayAct: _m, ...report } = await getPublicReport(request.ctx, ticket);
      return report;
    },
  );
}
