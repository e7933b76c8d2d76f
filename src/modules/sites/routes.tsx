import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireStaff, staffOf } from '../../platform/auth/guards.ts';
import { scopeLevel } from '../../platform/auth/policy.ts';
import { readFile } from '../../platform/files/index.ts';
import { PRIVATE_PAGE_CACHE, PUBLIC_PAGE_CACHE } from '../../platform/http/cache.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { setFlash } from '../../platform/http/flash.ts';
import { formBody, formRoute, textField } from '../../platform/http/form-route.ts';
import { pageNumber, queryText } from '../../platform/http/input.ts';
import type { Locale } from '../../platform/http/request-context.ts';
import { readBufferedForm } from '../../platform/http/upload.ts';
import { t } from '../../platform/i18n/index.ts';
import { codePath } from '../../platform/paths.ts';
import { IMMUTABLE, registerAssetFolder } from '../../platform/ui/assets.ts';
import { listVillages } from '../regions/service.ts';
import { contentTypeOf } from './images.ts';
import { renderMarkdown } from './markdown.ts';
import { assertMayReadSiteDrafts } from './policy.ts';
import * as site from './service.ts';
import * as publicViews from './views/public.tsx';
import * as staffViews from './views/staff.tsx';
import './messages.ts';

/** A form with pictures: text fields checked by formRoute's schema, each file's bytes apart. */
interface Uploads {
  files: Map<string, Buffer>;
  problem: string | null;
}

async function readUploadForm(
  request: FastifyRequest,
): Promise<{ fields: Record<string, unknown>; files: Uploads }> {
  const form = await readBufferedForm(request);
  const files = new Map(form.files.map((file) => [file.field, file.bytes]));
  const problem = form.tooLarge.length > 0 || form.tooMany ? t('sites.error.imageTooLarge') : null;
  return { fields: form.fields, files: { files, problem } };
}

/** Article and profile pages may carry an allow-listed embed: the frame sources are named on those pages only. */
function allowEmbeds(reply: FastifyReply): void {
  const policy = reply.getHeader('content-security-policy');
  if (typeof policy !== 'string') return;
  reply.header(
    'content-security-policy',
    `${policy};frame-src https://www.youtube-nocookie.com https://www.youtube.com https://www.openstreetmap.org`,
  );
}

const SITE_PAGES = { hide: true } as const;

function codeOf(request: FastifyRequest): string {
  return (request.params as { code: string }).code;
}

async function publicVillage(request: FastifyRequest) {
  const code = codeOf(request);
  if (scopeLevel(code) !== 'village') throw new NotFound(t('sites.error.villageNotFound'));
  return site.siteVillage(request.ctx, code);
}

/** Staff pages: the drafts of a village its office, its camat and admin may read. */
async function staffVillage(request: FastifyRequest) {
  const code = codeOf(request);
  assertMayReadSiteDrafts(request.ctx.actor, code);
  return site.siteVillage(request.ctx, code);
}

const ProfileBody = formBody({
  about: textField(),
  history: textField(),
  vision: textField(),
  mission: textField(),
  areaKm2: textField(),
  lat: textField(),
  lng: textField(),
  placeName: textField(),
  hamlets: textField(),
  rwCount: textField(),
  rtCount: textField(),
});

const OfficialBody = formBody({
  name: textField(),
  position: textField(),
  group: textField(),
  order: textField(),
  photoAlt: textField(),
});

const ArticleBody = formBody({
  kind: textField(),
  title: textField(),
  slug: textField(),
  summary: textField(),
  body: textField(),
  coverId: textField(),
  coverAlt: textField(),
  publishAt: textField(),
  action: textField(),
});

const EventBody = formBody({
  title: textField(),
  startsAt: textField(),
  endsAt: textField(),
  place: textField(),
  description: textField(),
});

const GalleryBody = formBody({ alt: textField(), caption: textField() });
const EmptyBody = formBody({});

function officialValues(o: site.Official): Record<string, string> {
  return { name: o.name, position: o.position, group: o.group, order: String(o.order) };
}

function eventValues(e: site.SiteEvent): Record<string, string> {
  return {
    title: e.title,
    startsAt: site.jakartaDateTimeValue(e.startsAt),
    endsAt: site.jakartaDateTimeValue(e.endsAt),
    place: e.place,
    description: e.description,
  };
}

function articleValues(a: site.Article): Record<string, string> {
  return {
    kind: a.kind,
    title: a.title,
    slug: a.slug,
    summary: a.summary,
    body: a.body,
    coverId: a.coverId ?? '',
    publishAt: a.status === 'scheduled' ? site.jakartaDateTimeValue(a.publishAt) : '',
  };
}

async function photoOf(request: FastifyRequest, code: string, id: string | null | undefined) {
  if (!id || !site.isUuid(id)) return null;
  return (await site.imagesById(request.ctx, code, [id])).get(id) ?? null;
}

/** Uploads a picture sent with a form (a cover, a photo); the Invalid names the form's own fields. */
async function uploadedImage(
  request: FastifyRequest,
  code: string,
  uploads: Uploads,
  field: string,
  altField: string,
  alt: string | undefined,
): Promise<string | null> {
  if (uploads.problem) throw new Invalid({ [field]: uploads.problem }, t('sites.error.summary'));
  const bytes = uploads.files.get(field);
  if (!bytes) return null;
  const image = await site.addImage(request.ctx, code, { bytes, alt, field, altField });
  return image.id;
}

/** The Markdown toolbar's words in one language, for assets/editor.js (a static file cannot call t()). */
export function toolbarLabels(locale: Locale) {
  const button = (name: string) => ({
    title: t(`sites.toolbar.${name}`, undefined, locale),
    sample: t(`sites.toolbar.${name}Sample`, undefined, locale),
  });
  return {
    label: t('sites.toolbar.label', undefined, locale),
    bold: button('bold'),
    italic: button('italic'),
    heading: button('heading'),
    list: button('list'),
    link: button('link'),
  };
}

export async function siteRoutes(app: FastifyInstance): Promise<void> {
  registerAssetFolder(app, { root: codePath('modules/sites/assets'), prefix: '/situs/aset/' });
  app.get('/situs/teks-editor/:lang', { schema: { hide: true } }, async (request, reply) => {
    const { lang } = request.params as { lang: string };
    if (lang !== 'id' && lang !== 'en') throw new NotFound(t('sites.error.notFound'));
    return reply.header('cache-control', PUBLIC_PAGE_CACHE).send(toolbarLabels(lang));
  });

  // ---------- public pages ----------

  app.get('/desa/:code/profil', { schema: SITE_PAGES }, async (request, reply) => {
    const village = await publicVillage(request);
    const [profile, population] = await Promise.all([
      site.getProfile(request.ctx, village.code),
      site.villagePopulation(request.ctx, village.code),
    ]);
    allowEmbeds(reply);
    return reply.page(
      <publicViews.ProfilePage
        village={village}
        profile={profile}
        population={population}
        showMap={queryText(request).peta === '1'}
        publicUrl={request.ctx.config.publicUrl}
      />,
    );
  });

  app.get('/desa/:code/perangkat', { schema: SITE_PAGES }, async (request, reply) => {
    const village = await publicVillage(request);
    const officials = await site.listOfficials(request.ctx, village.code);
    const photos = await site.imagesById(
      request.ctx,
      village.code,
      officials.map((o) => o.photoId),
    );
    return reply.page(
      <publicViews.OfficialsPage
        village={village}
        officials={officials}
        photos={photos}
        publicUrl={request.ctx.config.publicUrl}
      />,
    );
  });

  app.get('/desa/:code/berita', { schema: SITE_PAGES }, async (request, reply) => {
    const village = await publicVillage(request);
    const list = await site.publicArticles(request.ctx, village.code, pageNumber(queryText(request).page));
    return reply.page(
      <publicViews.NewsListPage village={village} {...list} publicUrl={request.ctx.config.publicUrl} />,
    );
  });

  app.get('/desa/:code/berita/:slug', { schema: SITE_PAGES }, async (request, reply) => {
    const village = await publicVillage(request);
    const article = await site.publicArticle(
      request.ctx,
      village.code,
      (request.params as { slug: string }).slug,
    );
    allowEmbeds(reply);
    return reply.page(
      <publicViews.ArticlePage
        village={village}
        article={article}
        publicUrl={request.ctx.config.publicUrl}
      />,
    );
  });

  app.get('/desa/:code/agenda', { schema: SITE_PAGES }, async (request, reply) => {
    const village = await publicVillage(request);
    const events = await site.listEvents(request.ctx, village.code);
    return reply.page(
      <publicViews.AgendaPage village={village} {...events} publicUrl={request.ctx.config.publicUrl} />,
    );
  });

  app.get('/desa/:code/galeri', { schema: SITE_PAGES }, async (request, reply) => {
    const village = await publicVillage(request);
    const images = await site.gallery(request.ctx, village.code);
    return reply.page(
      <publicViews.GalleryPage village={village} images={images} publicUrl={request.ctx.config.publicUrl} />,
    );
  });

  app.get('/desa/:code/gambar/:image/:file', { schema: SITE_PAGES }, async (request, reply) => {
    const { code, image, file } = request.params as { code: string; image: string; file: string };
    const match = /^(\d{2,4})\.(avif|webp|jpg)$/.exec(file);
    if (!match || scopeLevel(code) !== 'village') throw new NotFound(t('sites.error.notFound'));
    const format = match[2] === 'jpg' ? 'jpeg' : (match[2] as 'avif' | 'webp');
    const { fileId, shown } = await site.imageVariantFile(request.ctx, code, image, Number(match[1]), format);
    const stored = await readFile(request.ctx, fileId);
    // an image's address names its bytes for good (a new upload gets a new address): cached for a
    // year once the site shows it; a draft's picture, seen by its staff only, is kept by no one
    return reply
      .type(contentTypeOf(format))
      .header('cache-control', shown ? IMMUTABLE : PRIVATE_PAGE_CACHE)
      .header('x-content-type-options', 'nosniff')
      .send(stored.bytes);
  });

  // ---------- staff pages ----------

  app.get('/kelola/situs', { preHandler: requireStaff(), schema: SITE_PAGES }, async (request, reply) => {
    const actor = staffOf(request);
    const scope = actor.scope;
    if (scope.type === 'region' && scopeLevel(scope.code) === 'village')
      return reply.redirect(`/kelola/situs/${scope.code}`, 303);
    if (scope.type !== 'region') throw new Forbidden(t('sites.error.forbidden'));
    const villages = await listVillages(
      request.ctx,
      scopeLevel(scope.code) === 'kecamatan' ? { kecamatanCode: scope.code } : {},
    );
    return reply.page(<staffViews.ChooseVillagePage villages={villages} />);
  });

  app.get(
    '/kelola/situs/:code',
    { preHandler: requireStaff(), schema: SITE_PAGES },
    async (request, reply) => {
      const village = await staffVillage(request);
      const ctx = request.ctx;
      const [officials, articles, events, images, hasProfile] = await Promise.all([
        site.listOfficials(ctx, village.code),
        site.listStaffArticles(ctx, village.code),
        site.listEvents(ctx, village.code),
        site.gallery(ctx, village.code),
        site.hasProfile(ctx, village.code),
      ]);
      return reply.page(
        <staffViews.OverviewPage
          village={village}
          editable={site.mayEdit(ctx, village.code)}
          hasProfile={hasProfile}
          counts={{
            officials: officials.length,
            articles: articles.length,
            events: events.upcoming.length + events.past.length,
            images: images.length,
          }}
        />,
      );
    },
  );

  // profile
  app.get(
    '/kelola/situs/:code/profil',
    { preHandler: requireStaff(), schema: SITE_PAGES },
    async (request, reply) => {
      const village = await staffVillage(request);
      const profile = await site.getProfile(request.ctx, village.code);
      return reply.page(
        <staffViews.ProfileFormPage
          village={village}
          values={site.profileFormValues(profile)}
          editable={site.mayEdit(request.ctx, village.code)}
        />,
      );
    },
  );

  formRoute(app, '/kelola/situs/:code/profil', {
    preHandler: requireStaff(),
    body: ProfileBody,
    page: async (request, { values, errors }) => (
      <staffViews.ProfileFormPage
        village={await staffVillage(request)}
        values={values}
        errors={errors}
        editable
      />
    ),
    handle: async (request, reply, form) => {
      await site.saveProfile(request.ctx, request.params.code, form);
      setFlash(reply, t('sites.flash.profileSaved'));
      return reply.redirect(`/kelola/situs/${request.params.code}/profil`, 303);
    },
  });

  // officials
  const officialsPage = async (
    request: FastifyRequest,
    values: Record<string, string | undefined>,
    errors?: Record<string, string>,
  ) => {
    const village = await staffVillage(request);
    const officials = await site.listOfficials(request.ctx, village.code);
    const photos = await site.imagesById(
      request.ctx,
      village.code,
      officials.map((o) => o.photoId),
    );
    return (
      <staffViews.OfficialsStaffPage
        village={village}
        officials={officials}
        photos={photos}
        values={values}
        errors={errors}
        editable={site.mayEdit(request.ctx, village.code)}
      />
    );
  };

  app.get(
    '/kelola/situs/:code/perangkat',
    { preHandler: requireStaff(), schema: SITE_PAGES },
    async (request, reply) => reply.page(await officialsPage(request, {})),
  );

  formRoute(app, '/kelola/situs/:code/perangkat', {
    preHandler: requireStaff(),
    body: OfficialBody,
    read: readUploadForm,
    page: (request, { values, errors }) => officialsPage(request, values, errors),
    handle: async (request, reply, form, uploads) => {
      const code = request.params.code;
      site.assertMayEditSiteOf(request.ctx, code);
      const photoId = await uploadedImage(request, code, uploads, 'photo', 'photoAlt', form.photoAlt);
      await site.saveOfficial(request.ctx, code, null, { ...form, photoId });
      setFlash(reply, t('sites.flash.officialSaved'));
      return reply.redirect(`/kelola/situs/${code}/perangkat`, 303);
    },
  });

  const officialPage = async (
    request: FastifyRequest,
    values?: Record<string, string | undefined>,
    errors?: Record<string, string>,
  ) => {
    const village = await staffVillage(request);
    const official = await site.getOfficial(request.ctx, village.code, (request.params as { id: string }).id);
    const photo = await photoOf(request, village.code, official.photoId);
    return (
      <staffViews.OfficialEditPage
        village={village}
        official={official}
        photo={photo ?? undefined}
        values={values ?? officialValues(official)}
        errors={errors}
      />
    );
  };

  app.get(
    '/kelola/situs/:code/perangkat/:id',
    { preHandler: requireStaff(), schema: SITE_PAGES },
    async (request, reply) => reply.page(await officialPage(request)),
  );

  formRoute(app, '/kelola/situs/:code/perangkat/:id', {
    preHandler: requireStaff(),
    body: OfficialBody,
    read: readUploadForm,
    page: (request, { values, errors }) => officialPage(request, values, errors),
    handle: async (request, reply, form, uploads) => {
      const { code, id } = request.params;
      site.assertMayEditSiteOf(request.ctx, code);
      const photoId = await uploadedImage(request, code, uploads, 'photo', 'photoAlt', form.photoAlt);
      await site.saveOfficial(request.ctx, code, id, { ...form, ...(photoId ? { photoId } : {}) });
      setFlash(reply, t('sites.flash.officialSaved'));
      return reply.redirect(`/kelola/situs/${code}/perangkat`, 303);
    },
  });

  formRoute(app, '/kelola/situs/:code/perangkat/:id/hapus', {
    preHandler: requireStaff(),
    body: EmptyBody,
    handle: async (request, reply) => {
      await site.removeOfficial(request.ctx, request.params.code, request.params.id);
      setFlash(reply, t('sites.flash.deleted'));
      return reply.redirect(`/kelola/situs/${request.params.code}/perangkat`, 303);
    },
  });

  // articles
  app.get(
    '/kelola/situs/:code/berita',
    { preHandler: requireStaff(), schema: SITE_PAGES },
    async (request, reply) => {
      const village = await staffVillage(request);
      const articles = await site.listStaffArticles(request.ctx, village.code);
      return reply.page(
        <staffViews.ArticlesStaffPage
          village={village}
          articles={articles}
          editable={site.mayEdit(request.ctx, village.code)}
        />,
      );
    },
  );

  const editorPage = async (
    request: FastifyRequest,
    articleId: string | null,
    values: Record<string, string | undefined> | null,
    extra: { errors?: Record<string, string>; previewHtml?: string } = {},
  ) => {
    const village = await staffVillage(request);
    const article = articleId ? await site.getArticle(request.ctx, village.code, articleId) : null;
    const shown = values ?? (article ? articleValues(article) : { kind: 'berita' });
    return (
      <staffViews.ArticleEditorPage
        village={village}
        articleId={articleId}
        status={article?.status ?? null}
        values={shown}
        cover={await photoOf(request, village.code, shown.coverId)}
        editable={site.mayEdit(request.ctx, village.code)}
        {...extra}
      />
    );
  };

  app.get(
    '/kelola/situs/:code/berita/baru',
    { preHandler: requireStaff(), schema: SITE_PAGES },
    async (request, reply) => reply.page(await editorPage(request, null, null)),
  );

  app.get(
    '/kelola/situs/:code/berita/:id',
    { preHandler: requireStaff(), schema: SITE_PAGES },
    async (request, reply) =>
      reply.page(await editorPage(request, (request.params as { id: string }).id, null)),
  );

  const articleHandler =
    (existing: boolean) =>
    async (
      request: FastifyRequest<{ Params: { code: string; id?: string } }>,
      reply: FastifyReply,
      form: typeof ArticleBody.static,
      uploads: Uploads,
    ) => {
      const code = request.params.code;
      const id = existing ? (request.params.id ?? null) : null;
      await staffVillage(request);
      const coverId =
        (await uploadedImage(request, code, uploads, 'cover', 'coverAlt', form.coverAlt)) ??
        form.coverId ??
        '';
      const values = { ...form, coverId };
      if (form.action === 'preview')
        return reply.page(
          await editorPage(request, id, values, { previewHtml: renderMarkdown(form.body ?? '') }),
        );
      const action = (site.ARTICLE_ACTIONS as readonly string[]).includes(form.action ?? '')
        ? (form.action as site.ArticleAction)
        : 'save';
      try {
        const savedId = await site.saveArticle(
          request.ctx,
          code,
          id,
          { ...form, coverId: coverId || null },
          action,
        );
        setFlash(reply, t(`sites.flash.article.${action}`));
        return reply.redirect(`/kelola/situs/${code}/berita/${savedId}`, 303);
      } catch (error) {
        // the picture is already stored: the page drawn again keeps it instead of asking for it twice
        if (error instanceof Invalid && error.status === 422)
          return reply.page(await editorPage(request, id, values, { errors: error.fields }), 422);
        throw error;
      }
    };

  formRoute(app, '/kelola/situs/:code/berita/baru', {
    preHandler: requireStaff(),
    body: ArticleBody,
    read: readUploadForm,
    page: (request, { values, errors }) => editorPage(request, null, values, { errors }),
    handle: articleHandler(false),
  });

  formRoute(app, '/kelola/situs/:code/berita/:id', {
    preHandler: requireStaff(),
    body: ArticleBody,
    read: readUploadForm,
    page: (request, { values, errors }) => editorPage(request, request.params.id, values, { errors }),
    handle: articleHandler(true),
  });

  // agenda
  const agendaPage = async (
    request: FastifyRequest,
    values: Record<string, string | undefined>,
    errors?: Record<string, string>,
  ) => {
    const village = await staffVillage(request);
    const { upcoming, past } = await site.listEvents(request.ctx, village.code);
    return (
      <staffViews.AgendaStaffPage
        village={village}
        events={[...upcoming, ...past]}
        values={values}
        errors={errors}
        editable={site.mayEdit(request.ctx, village.code)}
      />
    );
  };

  app.get(
    '/kelola/situs/:code/agenda',
    { preHandler: requireStaff(), schema: SITE_PAGES },
    async (request, reply) => reply.page(await agendaPage(request, {})),
  );

  formRoute(app, '/kelola/situs/:code/agenda', {
    preHandler: requireStaff(),
    body: EventBody,
    page: (request, { values, errors }) => agendaPage(request, values, errors),
    handle: async (request, reply, form) => {
      await site.saveEvent(request.ctx, request.params.code, null, form);
      setFlash(reply, t('sites.flash.eventSaved'));
      return reply.redirect(`/kelola/situs/${request.params.code}/agenda`, 303);
    },
  });

  const eventPage = async (
    request: FastifyRequest,
    values?: Record<string, string | undefined>,
    errors?: Record<string, string>,
  ) => {
    const village = await staffVillage(request);
    const event = await site.getEvent(request.ctx, village.code, (request.params as { id: string }).id);
    return (
      <staffViews.EventEditPage
        village={village}
        event={event}
        values={values ?? eventValues(event)}
        errors={errors}
      />
    );
  };

  app.get(
    '/kelola/situs/:code/agenda/:id',
    { preHandler: requireStaff(), schema: SITE_PAGES },
    async (request, reply) => reply.page(await eventPage(request)),
  );

  formRoute(app, '/kelola/situs/:code/agenda/:id', {
    preHandler: requireStaff(),
    body: EventBody,
    page: (request, { values, errors }) => eventPage(request, values, errors),
    handle: async (request, reply, form) => {
      await site.saveEvent(request.ctx, request.params.code, request.params.id, form);
      setFlash(reply, t('sites.flash.eventSaved'));
      return reply.redirect(`/kelola/situs/${request.params.code}/agenda`, 303);
    },
  });

  formRoute(app, '/kelola/situs/:code/agenda/:id/hapus', {
    preHandler: requireStaff(),
    body: EmptyBody,
    handle: async (request, reply) => {
      await site.removeEvent(request.ctx, request.params.code, request.params.id);
      setFlash(reply, t('sites.flash.deleted'));
      return reply.redirect(`/kelola/situs/${request.params.code}/agenda`, 303);
    },
  });

  // gallery
  const galleryPage = async (
    request: FastifyRequest,
    values: Record<string, string | undefined>,
    errors?: Record<string, string>,
  ) => {
    const village = await staffVillage(request);
    const images = await site.gallery(request.ctx, village.code);
    return (
      <staffViews.GalleryStaffPage
        village={village}
        images={images}
        values={values}
        errors={errors}
        editable={site.mayEdit(request.ctx, village.code)}
      />
    );
  };

  app.get(
    '/kelola/situs/:code/galeri',
    { preHandler: requireStaff(), schema: SITE_PAGES },
    async (request, reply) => reply.page(await galleryPage(request, {})),
  );

  formRoute(app, '/kelola/situs/:code/galeri', {
    preHandler: requireStaff(),
    body: GalleryBody,
    read: readUploadForm,
    page: (request, { values, errors }) => galleryPage(request, values, errors),
    handle: async (request, reply, form, uploads) => {
      const code = request.params.code;
      if (uploads.problem) throw new Invalid({ image: uploads.problem }, t('sites.error.summary'));
      await site.addImage(request.ctx, code, {
        bytes: uploads.files.get('image') ?? Buffer.alloc(0),
        alt: form.alt,
        caption: form.caption,
        inGallery: true,
      });
      setFlash(reply, t('sites.flash.imageAdded'));
      return reply.redirect(`/kelola/situs/${code}/galeri`, 303);
    },
  });

  formRoute(app, '/kelola/situs/:code/galeri/:id/hapus', {
    preHandler: requireStaff(),
    body: EmptyBody,
    handle: async (request, reply) => {
      await site.removeGalleryImage(request.ctx, request.params.code, request.params.id);
      setFlash(reply, t('sites.flash.deleted'));
      return reply.redirect(`/kelola/situs/${request.params.code}/galeri`, 303);
    },
  });

  // revisions
  app.get(
    '/kelola/situs/:code/riwayat/:entity/:id',
    { preHandler: requireStaff(), schema: SITE_PAGES },
    async (request, reply) => {
      const village = await staffVillage(request);
      const { entity, id } = request.params as { entity: string; id: string };
      const revisions = await site.listRevisions(request.ctx, village.code, entity, id);
      return reply.page(
        <staffViews.RevisionsPage
          village={village}
          revisions={revisions}
          editable={site.mayEdit(request.ctx, village.code)}
        />,
      );
    },
  );

  formRoute(app, '/kelola/situs/:code/riwayat/:id/pulihkan', {
    preHandler: requireStaff(),
    body: EmptyBody,
    handle: async (request, reply) => {
      const { code, id } = request.params;
      const revision = await site.restoreRevision(request.ctx, code, id);
      setFlash(reply, t('sites.flash.restored'));
      return reply.redirect(`/kelola/situs/${code}/riwayat/${revision.entity}/${revision.entityId}`, 303);
    },
  });
}
