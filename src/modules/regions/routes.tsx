import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireStaff, staffOf } from '../../platform/auth/guards.ts';
import { setFlash } from '../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../platform/http/form-route.ts';
import { t } from '../../platform/i18n/index.ts';
import { assertMayKeepVillageOffice } from './policy.ts';
import {
  getVillage,
  listKecamatan,
  listVillages,
  updateVillageOffice,
  type VillageOffice,
} from './service.ts';
import { VillageOfficePage } from './views/office.tsx';
import './messages.ts';

const VillageSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  slug: Type.String(),
  kecamatanCode: Type.String(),
  kecamatanName: Type.String(),
});

export async function regionRoutes(app: FastifyInstance): Promise<void> {
  // village staff land on their own village's office profile
  app.get(
    '/kelola/desa',
    { preHandler: requireStaff('kepala_desa', 'sekretaris_desa', 'operator_desa'), schema: { hide: true } },
    async (request, reply) => {
      return reply.redirect(`/kelola/desa/${staffOf(request).scope.code}`, 303);
    },
  );

  app.get(
    '/kelola/desa/:code',
    { preHandler: requireStaff(), schema: { hide: true } },
    async (request, reply) => {
      const { code } = request.params as { code: string };
      assertMayKeepVillageOffice(request.ctx.actor, code);
      const village = await getVillage(request.ctx, code);
      return reply.page(<VillageOfficePage village={village} values={officeValues(village)} />);
    },
  );

  formRoute(app, '/kelola/desa/:code', {
    preHandler: requireStaff(),
    body: formBody({
      address: textField(),
      phone: textField(),
      email: textField(),
      officeHours: textField(),
    }),
    page: async (request, { values, errors }) => (
      <VillageOfficePage
        village={await getVillage(request.ctx, request.params.code)}
        values={officeValues(values)}
        errors={errors}
      />
    ),
    handle: async (request, reply, form) => {
      const { code } = request.params;
      await updateVillageOffice(request.ctx, code, officeValues(form));
      setFlash(reply, t('regions.officeSaved'));
      return reply.redirect(`/kelola/desa/${code}`, 303);
    },
  });

  app.get(
    '/api/v1/regions/kecamatan',
    {
      schema: {
        tags: ['wilayah'],
        summary: 'Kecamatan of the served regency',
        response: {
          200: Type.Array(
            Type.Object({ code: Type.String(), name: Type.String(), villageCount: Type.Integer() }),
          ),
        },
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
        querystring: Type.Object({
          kecamatan: Type.Optional(Type.String({ pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}$' })),
          q: Type.Optional(Type.String({ maxLength: 60 })),
        }),
        response: { 200: Type.Array(VillageSchema) },
      },
    },
    async (request) => {
      const query = request.query as { kecamatan?: string; q?: string };
      const villages = await listVillages(request.ctx, { kecamatanCode: query.kecamatan, search: query.q });
      return villages.map(({ code, name, slug, kecamatanCode, kecamatanName }) => ({
        code,
        name,
        slug,
        kecamatanCode,
        kecamatanName,
      }));
    },
  );
}

/** The office form's values, from the stored village or a posted form; an empty field is ''. */
function officeValues(source: {
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  officeHours?: string | null;
}): VillageOffice {
  return {
    address: source.address ?? '',
    phone: source.phone ?? '',
    email: source.email ?? '',
    officeHours: source.officeHours ?? '',
  };
}
