import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { NotFound } from '../../platform/http/errors.ts';
import { findVillage, listKecamatan, listVillages } from './service.ts';
import { HomePage, VillagePage } from './views/home.tsx';

const VillageSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  slug: Type.String(),
  kecamatanCode: Type.String(),
  kecamatanName: Type.String(),
});

export async function regionRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const search = String((request.query as { cari?: string }).cari ?? '').trim();
    const [kecamatan, villages] = await Promise.all([listKecamatan(request.ctx), listVillages(request.ctx, { search: search || undefined })]);
    return reply.page(<HomePage kecamatan={kecamatan} villages={villages} search={search} />);
  });

  app.get('/desa/:code', { schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const village = await findVillage(request.ctx, code);
    if (!village) throw new NotFound('Desa tidak ditemukan.');
    // a readable slug (/desa/kramatwatu) redirects to the one canonical address
    if (village.code !== code) return reply.redirect(`/desa/${village.code}`, 301);
    const neighbours = await listVillages(request.ctx, { kecamatanCode: village.kecamatanCode });
    return reply.page(<VillagePage village={village} neighbours={neighbours} />);
  });

  app.get(
    '/api/v1/regions/kecamatan',
    {
      schema: {
        tags: ['wilayah'],
        summary: 'Kecamatan of the served regency',
        response: { 200: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), villageCount: Type.Integer() })) },
      },
    },
    async (request) => listKecamatan(request.ctx),
  );

  app.get(
    '/api/v1/regions/villages',
    {
      schema: {
        tags: ['wilayah'],
        summary: 'Villages of the served regency',
        querystring: Type.Object({ kecamatan: Type.Optional(Type.String({ pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}$' })), q: Type.Optional(Type.String({ maxLength: 60 })) }),
        response: { 200: Type.Array(VillageSchema) },
      },
    },
    async (request) => {
      const query = request.query as { kecamatan?: string; q?: string };
      const villages = await listVillages(request.ctx, { kecamatanCode: query.kecamatan, search: query.q });
      return villages.map(({ code, name, slug, kecamatanCode, kecamatanName }) => ({ code, name, slug, kecamatanCode, kecamatanName }));
    },
  );
}
