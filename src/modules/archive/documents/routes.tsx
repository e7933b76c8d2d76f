import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff } from '../../../platform/auth/guards.ts';
import { sendPrivateFile } from '../../../platform/http/download.ts';
import { Invalid } from '../../../platform/http/errors.ts';
import { setFlash } from '../../../platform/http/flash.ts';
import { formBody, formRoute, textField, textFields } from '../../../platform/http/form-route.ts';
import { pageNumber, queryText } from '../../../platform/http/input.ts';
import { t } from '../../../platform/i18n/index.ts';
import { codePath } from '../../../platform/paths.ts';
import { registerAssetFolder } from '../../../platform/ui/assets.ts';
import { mayFile, mayReviewRetention } from '../policy.ts';
import {
  approveDestruction,
  deleteDocument,
  documentEditForm,
  documentFor,
  downloadDocument,
  editDocument,
  listArchive,
  MAX_FILE_BYTES,
  MAX_FILES,
  openUploadForm,
  retentionReview,
  type UploadedFile,
  uploadDocuments,
} from './service.ts';
import {
  ArchivePage,
  BASE,
  DocumentPage,
  EditPage,
  ReviewPage,
  UploadPage,
  UploadResultPage,
} from './views/pages.tsx';

const UploadForm = formBody({
  title: textField({ maxLength: 300 }),
  number: textField({ maxLength: 100 }),
  date: textField({ maxLength: 20 }),
  classification: textField({ maxLength: 40 }),
  category: textField({ maxLength: 40 }),
  activeYears: textField({ maxLength: 5 }),
  inactiveYears: textField({ maxLength: 5 }),
  disposition: textField({ maxLength: 40 }),
  accessClass: textField({ maxLength: 40 }),
  location: textField({ maxLength: 200 }),
});

/** A file past the limit is cut short and flagged (`truncated`), not an error ending the whole form. */
const PART_OPTIONS = {
  limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES * 5 },
  throwFileSizeLimit: false,
};

export interface UploadedFiles {
  files: UploadedFile[];
  tooMany: boolean;
}

/**
 * Reads the upload form as it streams: the text fields, then each file whole (up to the size
 * limit; a larger one is kept as "too large" without its bytes), so one bad file refuses only itself.
 */
async function readUpload(
  request: FastifyRequest,
): Promise<{ fields: Record<string, unknown>; files: UploadedFiles }> {
  const out: UploadedFiles = { files: [], tooMany: false };
  const fields: Record<string, unknown> = {};
  if (!request.isMultipart()) return { fields: (request.body ?? {}) as Record<string, unknown>, files: out };
  try {
    for await (const part of request.parts(PART_OPTIONS)) {
      if (part.type !== 'file') {
        fields[part.fieldname] = part.value;
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      if (!part.filename) continue;
      out.files.push(
        part.file.truncated
          ? { filename: part.filename, bytes: null, problem: 'tooLarge' }
          : { filename: part.filename, bytes: Buffer.concat(chunks) },
      );
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'FST_FILES_LIMIT') throw error;
    out.tooMany = true;
  }
  return { fields, files: out };
}

const DeleteForm = formBody({ reason: textField({ maxLength: 2000 }) });
const ReviewForm = formBody({
  ids: textFields(),
  reason: textField({ maxLength: 2000 }),
  minutesNumber: textField({ maxLength: 100 }),
});

export async function archiveDocumentsRoutes(app: FastifyInstance): Promise<void> {
  const preHandler = requireStaff();
  registerAssetFolder(app, {
    root: codePath('modules/archive/documents/assets'),
    prefix: '/arsip-dokumen/aset/',
  });

  app.get(BASE, { preHandler, schema: { hide: true } }, async (request, reply) => {
    const q = queryText(request);
    const listing = await listArchive(request.ctx, {
      q: q.q,
      year: q.tahun,
      category: q.kategori,
      classification: q.klasifikasi,
      accessClass: q.akses,
      page: pageNumber(q.page),
    });
    const query = {
      q: q.q,
      tahun: q.tahun,
      kategori: q.kategori,
      klasifikasi: q.klasifikasi,
      akses: q.akses,
    };
    return reply.page(
      <ArchivePage
        listing={listing}
        query={query}
        mayFile={mayFile(request.ctx.actor)}
        mayReview={mayReviewRetention(request.ctx.actor)}
      />,
    );
  });

  app.get(`${BASE}/unggah`, { preHandler, schema: { hide: true } }, async (request, reply) => {
    openUploadForm(request.ctx);
    return reply.page(<UploadPage values={{}} />);
  });

  formRoute(app, `${BASE}/unggah`, {
    preHandler,
    body: UploadForm,
    read: readUpload,
    page: (request, { values, errors }) => {
      openUploadForm(request.ctx);
      return <UploadPage values={values} errors={errors} />;
    },
    handle: async (request, reply, form, uploaded) => {
      if (uploaded.tooMany)
        throw new Invalid({ files: t('archiveDocuments.error.tooManyFiles', { max: MAX_FILES }) });
      const results = await uploadDocuments(request.ctx, { fields: form, files: uploaded.files });
      // one answer per file, right away: the list is the result of this one submission
      return reply.page(<UploadResultPage results={results} />);
    },
  });

  app.get(`${BASE}/usul-musnah`, { preHandler, schema: { hide: true } }, async (request, reply) => {
    const review = await retentionReview(request.ctx);
    return reply.page(<ReviewPage due={review.due} mayApprove={review.mayApprove} />);
  });

  formRoute(app, `${BASE}/usul-musnah`, {
    preHandler,
    config: { repeatableFields: ['ids'] },
    body: ReviewForm,
    page: async (request, { values, errors }) => {
      const review = await retentionReview(request.ctx);
      return <ReviewPage due={review.due} mayApprove={review.mayApprove} values={values} errors={errors} />;
    },
    handle: async (request, reply, form) => {
      const done = await approveDestruction(request.ctx, form);
      setFlash(reply, t('archiveDocuments.flash.destroyed', { count: done.destroyed }));
      return reply.redirect(`${BASE}/usul-musnah`, 303);
    },
  });

  app.get(`${BASE}/:id`, { preHandler, schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return reply.page(<DocumentPage detail={await documentFor(request.ctx, id)} />);
  });

  app.get(`${BASE}/:id/berkas`, { preHandler, schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return sendPrivateFile(reply, await downloadDocument(request.ctx, id), 'attachment');
  });

  app.get(`${BASE}/:id/ubah`, { preHandler, schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const form = await documentEditForm(request.ctx, id);
    return reply.page(<EditPage id={form.id} title={form.title} values={form.values} />);
  });

  formRoute(app, `${BASE}/:id/ubah`, {
    preHandler,
    body: UploadForm,
    page: async (request, { values, errors }) => {
      const form = await documentEditForm(request.ctx, request.params.id);
      return <EditPage id={form.id} title={form.title} values={values} errors={errors} />;
    },
    handle: async (request, reply, form) => {
      await editDocument(request.ctx, request.params.id, form);
      setFlash(reply, t('archiveDocuments.flash.edited'));
      return reply.redirect(`${BASE}/${request.params.id}`, 303);
    },
  });

  formRoute(app, `${BASE}/:id/hapus`, {
    preHandler,
    body: DeleteForm,
    page: async (request, { values, errors }) => (
      <DocumentPage
        detail={await documentFor(request.ctx, request.params.id)}
        values={values}
        errors={errors}
      />
    ),
    handle: async (request, reply, form) => {
      await deleteDocument(request.ctx, request.params.id, form);
      setFlash(reply, t('archiveDocuments.flash.deleted'));
      return reply.redirect(`${BASE}/${request.params.id}`, 303);
    },
  });
}
