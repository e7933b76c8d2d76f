import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff } from '../../platform/auth/guards.ts';
import { sendPrivateFile } from '../../platform/http/download.ts';
import { setFlash } from '../../platform/http/flash.ts';
import { formBody, formRoute } from '../../platform/http/form-route.ts';
import { readBufferedForm } from '../../platform/http/upload.ts';
import { t } from '../../platform/i18n/index.ts';
import { PHOTO_BYTES, type PhotoUpload, recordPhoto, setPhoto, showcasePhoto } from './photo.ts';
import { getEnterprise } from './service.ts';
import { BASE } from './views/parts.tsx';
import { EnterprisePage } from './views/staff.tsx';

async function readPhotoForm(
  request: FastifyRequest,
): Promise<{ fields: Record<string, unknown>; files: PhotoUpload }> {
  const form = await readBufferedForm(request, { fileSize: PHOTO_BYTES, files: 1 });
  return { fields: {}, files: { photo: form.files[0] ?? null, tooLarge: form.tooLarge.length > 0 } };
}

/** The enterprise's photo: set by the office, seen by staff in scope, on the showcase once published. */
export function photoRoutes(app: FastifyInstance): void {
  formRoute(app, `${BASE}/:id/foto`, {
    preHandler: requireStaff(),
    body: formBody({}),
    read: readPhotoForm,
    page: async (request, { errors }) => (
      <EnterprisePage enterprise={await getEnterprise(request.ctx, request.params.id)} errors={errors} />
    ),
    handle: async (request, reply, _form, files) => {
      await setPhoto(request.ctx, request.params.id, files);
      setFlash(reply, t('umkm.photo.saved'));
      return reply.redirect(`${BASE}/${request.params.id}`, 303);
    },
  });
  app.get(
    `${BASE}/:id/foto`,
    { preHandler: requireStaff(), schema: { hide: true } },
    async (request, reply) =>
      sendPrivateFile(reply, await recordPhoto(request.ctx, (request.params as { id: string }).id), 'inline'),
  );
  app.get('/desa/:code/umkm/:id/foto', { schema: { hide: true } }, async (request, reply) => {
    const params = request.params as { code: string; id: string };
    const file = await showcasePhoto(request.ctx, params.code, params.id);
    // short: an owner who withdraws consent is off the showcase within minutes
    return reply
      .type(file.contentType)
      .header('cache-control', 'public, max-age=300')
      .header('x-content-type-options', 'nosniff')
      .send(file.bytes);
  });
}
