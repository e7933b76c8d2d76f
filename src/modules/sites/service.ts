import { audit } from '../../platform/audit/service.ts';
import { actorId } from '../../platform/auth/roles.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { deleteFile } from '../../platform/files/index.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import type { SitemapEntry, SiteNewsItem, SiteNewsQuery } from '../../platform/village-site.ts';
import { getVillage, type Village } from '../regions/service.ts';
import { processSiteImage, srcsetOf, storeVariants, variantUrl } from './images.ts';
import { plainText } from './markdown.ts';
import { assertMayEditSite, assertMayReadSiteDrafts, mayEditSite, mayReadSiteDrafts } from './policy.ts';
import * as repo from './repo.ts';
import type { ArticleStatus, RevisionEntity, SiteImageVariant } from './schema.ts';
import './messages.ts';

export { renderMarkdown } from './markdown.ts';
export { mayEditSite } from './policy.ts';
export type { ImageRow } from './repo.ts';

/** The village a site belongs to: the regions module's, so an unknown code is the same 404 everywhere. */
export async function siteVillage(ctx: Ctx, code: string): Promise<Village> {
  return getVillage(ctx, code);
}

// ---------- helpers ----------

type Errors = Record<string, string>;

function throwIfAny(errors: Errors): void {
  if (Object.keys(errors).length > 0) throw new Invalid(errors, t('sites.error.summary'));
}

function text(value: string | undefined): string {
  return (value ?? '').replace(/\r\n/g, '\n').trim();
}

function checkLength(errors: Errors, field: string, value: string, max: number, min = 0): void {
  if (value.length < min)
    errors[field] = min <= 1 ? t('sites.error.required') : t('sites.error.tooShort', { min });
  else if (value.length > max) errors[field] = t('sites.error.tooLong', { max });
}

function optionalNumber(
  errors: Errors,
  field: string,
  value: string | undefined,
  range: { min: number; max: number; integer?: boolean },
): number | null {
  const raw = text(value).replace(',', '.');
  if (!raw) return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < range.min || n > range.max || (range.integer && !Number.isInteger(n))) {
    errors[field] = t('sites.error.number', { min: range.min, max: range.max });
    return null;
  }
  return n;
}

/** `2026-12-05T08:30` typed in a datetime-local field is Jakarta time (UTC+7, no summer time). */
export function parseJakartaDateTime(value: string | undefined): Date | null {
  const raw = text(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(raw)) return null;
  const date = new Date(`${raw}:00+07:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The value a datetime-local field shows for an instant, in Jakarta time. */
export function jakartaDateTimeValue(instant: Date | null | undefined): string {
  if (!instant) return '';
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
}

export function slugOf(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

async function keepRevision(
  ctx: Ctx,
  villageCode: string,
  entity: RevisionEntity,
  entityId: string,
  content: Record<string, unknown>,
): Promise<void> {
  const actor = ctx.actor;
  await repo.insertRevision(ctx.db, {
    village_code: villageCode,
    entity,
    entity_id: entityId,
    content,
    saved_by: actorId(actor),
    saved_by_name: actor?.kind === 'staff' || actor?.kind === 'resident' ? actor.name : t('sites.system'),
    saved_at: ctx.clock.now(),
  });
}

// ---------- images ----------

export interface SiteImage {
  id: string;
  villageCode: string;
  alt: string;
  caption: string;
  width: number;
  height: number;
  variants: SiteImageVariant[];
}

function imageOf(row: repo.ImageRow): SiteImage {
  return {
    id: row.id,
    villageCode: row.village_code,
    alt: row.alt,
    caption: row.caption,
    width: row.width,
    height: row.height,
    variants: row.variants,
  };
}

/**
 * Takes an uploaded picture for a village's site: checked by its content, stripped of metadata,
 * stored at three widths in three formats. Alt text is required: a picture on a government site
 * must say what it shows to someone who cannot see it.
 */
export async function addImage(
  ctx: Ctx,
  villageCode: string,
  input: {
    bytes: Buffer;
    alt: string | undefined;
    caption?: string;
    inGallery?: boolean;
    field?: string;
    altField?: string;
  },
): Promise<SiteImage> {
  assertMayEditSite(ctx.actor, villageCode);
  const field = input.field ?? 'image';
  const altField = input.altField ?? 'alt';
  const errors: Errors = {};
  const alt = text(input.alt);
  const caption = text(input.caption);
  checkLength(errors, altField, alt, 200, 3);
  if (errors[altField] && !alt) errors[altField] = t('sites.error.altRequired');
  checkLength(errors, 'caption', caption, 300);
  if (input.bytes.length === 0) errors[field] = t('sites.error.chooseImage');
  throwIfAny(errors);
  const processed = await processSiteImage(input.bytes, field);
  const variants = await storeVariants(ctx, villageCode, processed);
  const row = await repo.insertImage(ctx.db, {
    village_code: villageCode,
    alt,
    caption,
    width: processed.width,
    height: processed.height,
    variants,
    in_gallery: input.inGallery ?? false,
    created_at: ctx.clock.now(),
  });
  await audit(ctx, { action: 'site_image_add', entity: 'site_image', entityId: row.id, villageCode });
  return imageOf(row);
}

export async function imagesById(
  ctx: Ctx,
  villageCode: string,
  ids: Array<string | null>,
): Promise<Map<string, SiteImage>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const rows = await repo.selectImages(ctx.db, villageCode, wanted);
  return new Map(rows.map((row) => [row.id, imageOf(row)]));
}

export async function gallery(ctx: Ctx, villageCode: string): Promise<SiteImage[]> {
  return (await repo.selectGallery(ctx.db, villageCode)).map(imageOf);
}

export async function removeGalleryImage(ctx: Ctx, villageCode: string, id: string): Promise<void> {
  assertMayEditSite(ctx.actor, villageCode);
  if (!isUuid(id)) throw new NotFound(t('sites.error.notFound'));
  const row = await repo.deleteImage(ctx.db, villageCode, id);
  if (!row) throw new NotFound(t('sites.error.notFound'));
  for (const variant of row.variants) await deleteFile(ctx, variant.fileId);
  await audit(ctx, { action: 'site_image_delete', entity: 'site_image', entityId: id, villageCode });
}

/**
 * The stored file behind an image address, or NotFound: for the public only a picture the site
 * shows (gallery, a published item's cover, an official's photo); the village's staff also see the
 * ones not shown yet (a draft's cover), and `shown` says which it is.
 */
export async function imageVariantFile(
  ctx: Ctx,
  villageCode: string,
  imageId: string,
  width: number,
  format: SiteImageVariant['format'],
): Promise<{ fileId: string; shown: boolean }> {
  if (!isUuid(imageId)) throw new NotFound(t('sites.error.notFound'));
  const shownRow = await repo.selectShownImage(ctx.db, villageCode, imageId, ctx.clock.now());
  const row =
    shownRow ??
    (mayReadSiteDrafts(ctx.actor, villageCode)
      ? (await repo.selectImages(ctx.db, villageCode, [imageId]))[0]
      : undefined);
  const variant = row?.variants.find((v) => v.width === width && v.format === format);
  if (!variant) throw new NotFound(t('sites.error.notFound'));
  return { fileId: variant.fileId, shown: Boolean(shownRow) };
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

// ---------- profile ----------

export interface ProfileInput {
  [field: string]: string | undefined;
  history?: string;
  vision?: string;
  mission?: string;
  areaKm2?: string;
  lat?: string;
  lng?: string;
  placeName?: string;
  hamlets?: string;
  rwCount?: string;
  rtCount?: string;
  about?: string;
}

export interface Profile {
  history: string;
  vision: string;
  mission: string;
  areaKm2: number | null;
  lat: number | null;
  lng: number | null;
  placeName: string;
  hamlets: string[];
  rwCount: number | null;
  rtCount: number | null;
  about: string;
  updatedAt: Date;
}

export async function getProfile(ctx: Ctx, villageCode: string): Promise<Profile | null> {
  const row = await repo.selectProfile(ctx.db, villageCode);
  if (!row) return null;
  return {
    history: row.history,
    vision: row.vision,
    mission: row.mission,
    areaKm2: row.area_km2,
    lat: row.lat,
    lng: row.lng,
    placeName: row.place_name,
    hamlets: row.hamlets
      .split('\n')
      .map((h) => h.trim())
      .filter(Boolean),
    rwCount: row.rw_count,
    rtCount: row.rt_count,
    about: row.about,
    updatedAt: row.updated_at,
  };
}

export function profileFormValues(profile: Profile | null): ProfileInput {
  const s = (n: number | null | undefined) => (n == null ? '' : String(n));
  return {
    history: profile?.history ?? '',
    vision: profile?.vision ?? '',
    mission: profile?.mission ?? '',
    areaKm2: s(profile?.areaKm2),
    lat: s(profile?.lat),
    lng: s(profile?.lng),
    placeName: profile?.placeName ?? '',
    hamlets: profile?.hamlets.join('\n') ?? '',
    rwCount: s(profile?.rwCount),
    rtCount: s(profile?.rtCount),
    about: profile?.about ?? '',
  };
}

export async function saveProfile(ctx: Ctx, villageCode: string, input: ProfileInput): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => saveProfile(tx, villageCode, input));
  assertMayEditSite(ctx.actor, villageCode);
  await getVillage(ctx, villageCode);
  const errors: Errors = {};
  const values = {
    history: text(input.history),
    vision: text(input.vision),
    mission: text(input.mission),
    placeName: text(input.placeName),
    hamlets: text(input.hamlets)
      .split('\n')
      .map((h) => h.trim())
      .filter(Boolean)
      .join('\n'),
    about: text(input.about),
  };
  checkLength(errors, 'history', values.history, 20_000);
  checkLength(errors, 'vision', values.vision, 2_000);
  checkLength(errors, 'mission', values.mission, 5_000);
  checkLength(errors, 'placeName', values.placeName, 200);
  checkLength(errors, 'hamlets', values.hamlets, 5_000);
  checkLength(errors, 'about', values.about, 20_000);
  const areaKm2 = optionalNumber(errors, 'areaKm2', input.areaKm2, { min: 0.01, max: 10_000 });
  // Kabupaten Serang lies around 6°S 106°E; anything on Earth is accepted, a typo of sign is caught by the map
  const lat = optionalNumber(errors, 'lat', input.lat, { min: -90, max: 90 });
  const lng = optionalNumber(errors, 'lng', input.lng, { min: -180, max: 180 });
  if ((lat === null) !== (lng === null) && !errors.lat && !errors.lng)
    errors[lat === null ? 'lat' : 'lng'] = t('sites.error.bothCoordinates');
  const rwCount = optionalNumber(errors, 'rwCount', input.rwCount, { min: 0, max: 500, integer: true });
  const rtCount = optionalNumber(errors, 'rtCount', input.rtCount, { min: 0, max: 2_000, integer: true });
  throwIfAny(errors);
  const row = {
    village_code: villageCode,
    history: values.history,
    vision: values.vision,
    mission: values.mission,
    area_km2: areaKm2,
    lat,
    lng,
    place_name: values.placeName,
    hamlets: values.hamlets,
    rw_count: rwCount,
    rt_count: rtCount,
    about: values.about,
    updated_at: ctx.clock.now(),
  };
  await repo.upsertProfile(ctx.db, row);
  await keepRevision(ctx, villageCode, 'profile', villageCode, {
    ...values,
    areaKm2,
    lat,
    lng,
    rwCount,
    rtCount,
  });
  await audit(ctx, {
    action: 'site_profile_save',
    entity: 'site_profile',
    entityId: villageCode,
    villageCode,
  });
}

// ---------- officials ----------

export interface OfficialInput {
  name?: string;
  position?: string;
  group?: string;
  order?: string;
  photoId?: string | null;
}

export interface Official {
  id: string;
  name: string;
  position: string;
  group: 'perangkat' | 'bpd';
  order: number;
  photoId: string | null;
}

function officialOf(row: Awaited<ReturnType<typeof repo.selectOfficials>>[number]): Official {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    group: row.grp,
    order: row.sort_order,
    photoId: row.photo_id,
  };
}

export async function listOfficials(ctx: Ctx, villageCode: string): Promise<Official[]> {
  return (await repo.selectOfficials(ctx.db, villageCode)).map(officialOf);
}

export async function getOfficial(ctx: Ctx, villageCode: string, id: string): Promise<Official> {
  assertMayReadSiteDrafts(ctx.actor, villageCode);
  const row = isUuid(id) ? await repo.selectOfficial(ctx.db, villageCode, id) : undefined;
  if (!row) throw new NotFound(t('sites.error.notFound'));
  return officialOf(row);
}

export async function saveOfficial(
  ctx: Ctx,
  villageCode: string,
  id: string | null,
  input: OfficialInput,
): Promise<string> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => saveOfficial(tx, villageCode, id, input));
  assertMayEditSite(ctx.actor, villageCode);
  const errors: Errors = {};
  const name = text(input.name);
  const position = text(input.position);
  checkLength(errors, 'name', name, 120, 2);
  checkLength(errors, 'position', position, 120, 2);
  const group: 'perangkat' | 'bpd' | null =
    input.group === 'bpd' ? 'bpd' : input.group === 'perangkat' ? 'perangkat' : null;
  if (!group) errors.group = t('sites.error.choice');
  const order = optionalNumber(errors, 'order', input.order, { min: 0, max: 999, integer: true }) ?? 0;
  throwIfAny(errors);
  let photoId = input.photoId ?? null;
  if (id) {
    const existing = await getOfficial(ctx, villageCode, id);
    if (input.photoId === undefined) photoId = existing.photoId;
  }
  if (photoId && !(await imagesById(ctx, villageCode, [photoId])).has(photoId)) photoId = null;
  const values = {
    name,
    position,
    grp: group!,
    sort_order: order,
    photo_id: photoId,
    updated_at: ctx.clock.now(),
  };
  const officialId = await repo.saveItem(ctx.db, 'site_officials', villageCode, id, values);
  await keepRevision(ctx, villageCode, 'official', officialId, { name, position, group, order, photoId });
  await audit(ctx, {
    action: 'site_official_save',
    entity: 'site_official',
    entityId: officialId,
    villageCode,
  });
  return officialId;
}

export async function removeOfficial(ctx: Ctx, villageCode: string, id: string): Promise<void> {
  assertMayEditSite(ctx.actor, villageCode);
  if (!isUuid(id) || !(await repo.deleteItem(ctx.db, 'site_officials', villageCode, id)))
    throw new NotFound(t('sites.error.notFound'));
  await audit(ctx, { action: 'site_official_delete', entity: 'site_official', entityId: id, villageCode });
}

// ---------- articles ----------

export const ARTICLE_ACTIONS = ['save', 'publish', 'schedule', 'unpublish'] as const;
export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];

export interface ArticleInput {
  kind?: string;
  title?: string;
  slug?: string;
  summary?: string;
  body?: string;
  coverId?: string | null;
  publishAt?: string;
}

export interface Article {
  id: string;
  villageCode: string;
  kind: 'berita' | 'pengumuman';
  title: string;
  slug: string;
  summary: string;
  body: string;
  coverId: string | null;
  status: ArticleStatus;
  publishAt: Date | null;
  publishedAt: Date | null;
  updatedAt: Date;
}

function articleOf(row: repo.ArticleRow): Article {
  return {
    id: row.id,
    villageCode: row.village_code,
    kind: row.kind,
    title: row.title,
    slug: row.slug,
    summary: row.summary,
    body: row.body,
    coverId: row.cover_id,
    status: row.status,
    publishAt: row.publish_at,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
  };
}

export async function getArticle(ctx: Ctx, villageCode: string, id: string): Promise<Article> {
  assertMayReadSiteDrafts(ctx.actor, villageCode);
  const row = isUuid(id) ? await repo.selectArticle(ctx.db, villageCode, id) : undefined;
  if (!row) throw new NotFound(t('sites.error.notFound'));
  return articleOf(row);
}

export async function listStaffArticles(ctx: Ctx, villageCode: string) {
  assertMayReadSiteDrafts(ctx.actor, villageCode);
  return repo.selectStaffArticles(ctx.db, villageCode);
}

/** What the public sees of an article at this moment: its status, and a schedule that has come due. */
export function publicState(
  article: Pick<Article, 'status' | 'publishedAt'>,
  now: Date,
): 'visible' | 'hidden' {
  return (article.status === 'published' || article.status === 'scheduled') &&
    article.publishedAt !== null &&
    article.publishedAt.getTime() <= now.getTime()
    ? 'visible'
    : 'hidden';
}

/** Checks an article's fields without saving (the editor's preview uses it too). */
export function checkArticle(input: ArticleInput, action: ArticleAction, now: Date) {
  const errors: Errors = {};
  const title = text(input.title);
  const summary = text(input.summary);
  const body = text(input.body);
  const kind: 'berita' | 'pengumuman' | null =
    input.kind === 'pengumuman' ? 'pengumuman' : input.kind === 'berita' || !input.kind ? 'berita' : null;
  if (!kind) errors.kind = t('sites.error.choice');
  checkLength(errors, 'title', title, 200, 5);
  checkLength(errors, 'summary', summary, 300);
  checkLength(errors, 'body', body, 50_000);
  if ((action === 'publish' || action === 'schedule') && body.length < 20 && !errors.body)
    errors.body = t('sites.error.bodyShort');
  const slug = text(input.slug) ? slugOf(text(input.slug)) : slugOf(title);
  if (!slug && !errors.title) errors.slug = t('sites.error.slug');
  let publishAt: Date | null = null;
  if (action === 'schedule') {
    publishAt = parseJakartaDateTime(input.publishAt);
    if (!publishAt) errors.publishAt = t('sites.error.dateTime');
    else if (publishAt.getTime() <= now.getTime()) errors.publishAt = t('sites.error.scheduleFuture');
  }
  return { errors, values: { kind: kind ?? 'berita', title, summary, body, slug, publishAt } };
}

export async function saveArticle(
  ctx: Ctx,
  villageCode: string,
  id: string | null,
  input: ArticleInput,
  action: ArticleAction,
): Promise<string> {
  if (!ctx.db.isTransaction)
    return inTransaction(ctx, (tx) => saveArticle(tx, villageCode, id, input, action));
  assertMayEditSite(ctx.actor, villageCode);
  const now = ctx.clock.now();
  const existing = id ? await getArticle(ctx, villageCode, id) : null;
  const { errors, values } = checkArticle(input, action, now);
  if (!errors.slug && values.slug && (await repo.slugTaken(ctx.db, villageCode, values.slug, id)))
    errors.slug = t('sites.error.slugTaken');
  throwIfAny(errors);
  let coverId = input.coverId === undefined ? (existing?.coverId ?? null) : input.coverId || null;
  if (coverId && (!isUuid(coverId) || !(await imagesById(ctx, villageCode, [coverId])).has(coverId)))
    coverId = null;
  let status: ArticleStatus = existing?.status ?? 'draft';
  let publishAt = existing?.publishAt ?? null;
  let publishedAt = existing?.publishedAt ?? null;
  if (action === 'publish') {
    status = 'published';
    // a correction to a published item keeps its date; publishing again after a withdrawal is news today
    publishedAt = existing?.status === 'published' && publishedAt ? publishedAt : now;
    publishAt = null;
  } else if (action === 'schedule') {
    status = 'scheduled';
    publishAt = values.publishAt;
    publishedAt = values.publishAt;
  } else if (action === 'unpublish') {
    status = 'unpublished';
  }
  const row = {
    kind: values.kind,
    title: values.title,
    slug: values.slug,
    summary: values.summary,
    body: values.body,
    cover_id: coverId,
    status,
    publish_at: publishAt,
    published_at: publishedAt,
    updated_at: now,
  };
  const articleId = id ?? (await repo.insertArticle(ctx.db, villageCode, row));
  if (id) await repo.updateArticle(ctx.db, villageCode, id, row);
  await keepRevision(ctx, villageCode, 'article', articleId, {
    kind: row.kind,
    title: row.title,
    slug: row.slug,
    summary: row.summary,
    body: row.body,
    coverId,
    status,
  });
  await audit(ctx, {
    action: `site_article_${action}`,
    entity: 'site_article',
    entityId: articleId,
    villageCode,
  });
  return articleId;
}

export const PUBLIC_PAGE_SIZE = 10;

export interface PublicArticle extends Article {
  cover: SiteImage | null;
}

async function withCovers(ctx: Ctx, rows: repo.ArticleRow[]): Promise<PublicArticle[]> {
  const byVillage = new Map<string, Map<string, SiteImage>>();
  for (const code of new Set(rows.map((r) => r.village_code)))
    byVillage.set(
      code,
      await imagesById(
        ctx,
        code,
        rows.filter((r) => r.village_code === code).map((r) => r.cover_id),
      ),
    );
  return rows.map((row) => ({
    ...articleOf(row),
    cover: row.cover_id ? (byVillage.get(row.village_code)?.get(row.cover_id) ?? null) : null,
  }));
}

export async function publicArticles(ctx: Ctx, villageCode: string, page: number) {
  const now = ctx.clock.now();
  const safePage = Number.isInteger(page) && page > 0 ? page : 1;
  const [rows, total] = await Promise.all([
    repo.selectPublicArticles(ctx.db, {
      villageCode,
      now,
      limit: PUBLIC_PAGE_SIZE,
      offset: (safePage - 1) * PUBLIC_PAGE_SIZE,
    }),
    repo.countPublicArticles(ctx.db, villageCode, now),
  ]);
  return { items: await withCovers(ctx, rows), total, page: safePage };
}

export async function publicArticle(ctx: Ctx, villageCode: string, slug: string): Promise<PublicArticle> {
  const row = /^[a-z0-9-]{1,80}$/.test(slug)
    ? await repo.selectPublicArticle(ctx.db, villageCode, slug, ctx.clock.now())
    : undefined;
  if (!row) throw new NotFound(t('sites.error.articleNotFound'));
  const [article] = await withCovers(ctx, [row]);
  return article!;
}

/** The descriptor's news source: published items for the portal and village home pages. */
export async function siteNews(ctx: Ctx, query: SiteNewsQuery): Promise<SiteNewsItem[]> {
  const rows = await repo.selectPublicArticles(ctx.db, {
    villageCode: query.villageCode,
    kecamatanCode: query.kecamatanCode,
    now: ctx.clock.now(),
    limit: Math.min(Math.max(query.limit, 1), 100),
    offset: 0,
  });
  return (await withCovers(ctx, rows)).map((a) => {
    const jpeg = a.cover?.variants.filter((v) => v.format === 'jpeg') ?? [];
    const middle = jpeg[Math.min(1, jpeg.length - 1)];
    return {
      villageCode: a.villageCode,
      title: a.title,
      summary: a.summary || plainText(a.body),
      url: `/desa/${a.villageCode}/berita/${a.slug}`,
      publishedAt: a.publishedAt!,
      ...(a.cover && middle
        ? {
            image: {
              src: variantUrl(a.villageCode, a.cover.id, middle.width, 'jpeg'),
              srcset: srcsetOf(a.villageCode, a.cover, 'jpeg'),
              width: middle.width,
              height: middle.height,
              alt: a.cover.alt,
            },
          }
        : {}),
    };
  });
}

/** The descriptor's sitemap source: every public page of every village site that has content. */
export async function siteSitemap(ctx: Ctx): Promise<SitemapEntry[]> {
  const [profiles, articles] = await Promise.all([
    repo.selectProfileStamps(ctx.db),
    repo.selectAllPublicArticles(ctx.db, ctx.clock.now()),
  ]);
  const entries: SitemapEntry[] = [];
  for (const p of profiles)
    for (const page of ['profil', 'perangkat', 'agenda', 'galeri'])
      entries.push({ path: `/desa/${p.village_code}/${page}`, lastModified: p.updated_at });
  const newest = new Map<string, Date>();
  for (const a of articles) {
    entries.push({ path: `/desa/${a.village_code}/berita/${a.slug}`, lastModified: a.updated_at });
    const seen = newest.get(a.village_code);
    if (!seen || seen < a.updated_at) newest.set(a.village_code, a.updated_at);
  }
  for (const [code, lastModified] of newest) entries.push({ path: `/desa/${code}/berita`, lastModified });
  return entries;
}

// ---------- agenda ----------

export interface EventInput {
  title?: string;
  startsAt?: string;
  endsAt?: string;
  place?: string;
  description?: string;
}

export interface SiteEvent {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  place: string;
  description: string;
}

function eventOf(row: Awaited<ReturnType<typeof repo.selectEvents>>[number]): SiteEvent {
  return {
    id: row.id,
    title: row.title,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    place: row.place,
    description: row.description,
  };
}

/** Upcoming first (soonest first), then the past (latest first). */
export async function listEvents(
  ctx: Ctx,
  villageCode: string,
): Promise<{ upcoming: SiteEvent[]; past: SiteEvent[] }> {
  const now = ctx.clock.now().getTime();
  const events = (await repo.selectEvents(ctx.db, villageCode)).map(eventOf);
  const ended = (e: SiteEvent) => (e.endsAt ?? e.startsAt).getTime() < now;
  return { upcoming: events.filter((e) => !ended(e)).reverse(), past: events.filter(ended).slice(0, 20) };
}

export async function getEvent(ctx: Ctx, villageCode: string, id: string): Promise<SiteEvent> {
  assertMayReadSiteDrafts(ctx.actor, villageCode);
  const row = isUuid(id) ? await repo.selectEvent(ctx.db, villageCode, id) : undefined;
  if (!row) throw new NotFound(t('sites.error.notFound'));
  return eventOf(row);
}

export async function saveEvent(
  ctx: Ctx,
  villageCode: string,
  id: string | null,
  input: EventInput,
): Promise<string> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => saveEvent(tx, villageCode, id, input));
  assertMayEditSite(ctx.actor, villageCode);
  const errors: Errors = {};
  const title = text(input.title);
  const place = text(input.place);
  const description = text(input.description);
  checkLength(errors, 'title', title, 200, 3);
  checkLength(errors, 'place', place, 200);
  checkLength(errors, 'description', description, 5_000);
  const startsAt = parseJakartaDateTime(input.startsAt);
  if (!startsAt) errors.startsAt = t('sites.error.dateTime');
  let endsAt: Date | null = null;
  if (text(input.endsAt)) {
    endsAt = parseJakartaDateTime(input.endsAt);
    if (!endsAt) errors.endsAt = t('sites.error.dateTime');
    else if (startsAt && endsAt < startsAt) errors.endsAt = t('sites.error.endBeforeStart');
  }
  throwIfAny(errors);
  if (id) await getEvent(ctx, villageCode, id);
  const values = {
    title,
    starts_at: startsAt!,
    ends_at: endsAt,
    place,
    description,
    updated_at: ctx.clock.now(),
  };
  const eventId = await repo.saveItem(ctx.db, 'site_events', villageCode, id, values);
  await keepRevision(ctx, villageCode, 'event', eventId, {
    title,
    startsAt: jakartaDateTimeValue(startsAt),
    endsAt: jakartaDateTimeValue(endsAt),
    place,
    description,
  });
  await audit(ctx, { action: 'site_event_save', entity: 'site_event', entityId: eventId, villageCode });
  return eventId;
}

export async function removeEvent(ctx: Ctx, villageCode: string, id: string): Promise<void> {
  assertMayEditSite(ctx.actor, villageCode);
  if (!isUuid(id) || !(await repo.deleteItem(ctx.db, 'site_events', villageCode, id)))
    throw new NotFound(t('sites.error.notFound'));
  await audit(ctx, { action: 'site_event_delete', entity: 'site_event', entityId: id, villageCode });
}

// ---------- revisions ----------

export const REVISION_ENTITIES = ['profile', 'article', 'official', 'event'] as const;

export interface Revision {
  id: string;
  entity: RevisionEntity;
  entityId: string;
  content: Record<string, unknown>;
  savedByName: string;
  savedAt: Date;
}

export async function listRevisions(
  ctx: Ctx,
  villageCode: string,
  entity: string,
  entityId: string,
): Promise<Revision[]> {
  assertMayReadSiteDrafts(ctx.actor, villageCode);
  if (!(REVISION_ENTITIES as readonly string[]).includes(entity))
    throw new NotFound(t('sites.error.notFound'));
  const rows = await repo.selectRevisions(ctx.db, villageCode, entity as RevisionEntity, entityId);
  return rows.map((r) => ({
    id: r.id,
    entity: r.entity,
    entityId: r.entity_id,
    content: r.content,
    savedByName: r.saved_by_name,
    savedAt: r.saved_at,
  }));
}

const str = (value: unknown): string => (value == null ? '' : String(value));

/**
 * Puts an item back as a revision had it. The restore is itself a save (checked like one, kept as
 * a new revision), so nothing of the history is lost; an article keeps its current public state.
 */
export async function restoreRevision(ctx: Ctx, villageCode: string, revisionId: string): Promise<Revision> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => restoreRevision(tx, villageCode, revisionId));
  assertMayEditSite(ctx.actor, villageCode);
  const row = isUuid(revisionId) ? await repo.selectRevision(ctx.db, villageCode, revisionId) : undefined;
  if (!row) throw new NotFound(t('sites.error.notFound'));
  const c = row.content;
  if (row.entity === 'profile')
    await saveProfile(ctx, villageCode, {
      history: str(c.history),
      vision: str(c.vision),
      mission: str(c.mission),
      areaKm2: str(c.areaKm2),
      lat: str(c.lat),
      lng: str(c.lng),
      placeName: str(c.placeName),
      hamlets: str(c.hamlets),
      rwCount: str(c.rwCount),
      rtCount: str(c.rtCount),
      about: str(c.about),
    });
  else if (row.entity === 'article')
    await saveArticle(
      ctx,
      villageCode,
      row.entity_id,
      {
        kind: str(c.kind),
        title: str(c.title),
        slug: str(c.slug),
        summary: str(c.summary),
        body: str(c.body),
        coverId: c.coverId ? str(c.coverId) : null,
      },
      'save',
    );
  else if (row.entity === 'official')
    await saveOfficial(ctx, villageCode, row.entity_id, {
      name: str(c.name),
      position: str(c.position),
      group: str(c.group),
      order: str(c.order),
      photoId: c.photoId ? str(c.photoId) : null,
    });
  else
    await saveEvent(ctx, villageCode, row.entity_id, {
      title: str(c.title),
      startsAt: str(c.startsAt),
      endsAt: str(c.endsAt),
      place: str(c.place),
      description: str(c.description),
    });
  return {
    id: row.id,
    entity: row.entity,
    entityId: row.entity_id,
    content: row.content,
    savedByName: row.saved_by_name,
    savedAt: row.saved_at,
  };
}

// ---------- onboarding ----------

export async function hasProfile(ctx: Ctx, villageCode: string): Promise<boolean> {
  const profile = await repo.selectProfile(ctx.db, villageCode);
  return Boolean(profile && (profile.history || profile.vision || profile.about));
}

export async function hasOfficials(ctx: Ctx, villageCode: string): Promise<boolean> {
  return (await repo.countOf(ctx.db, 'site_officials', villageCode)) > 0;
}

export async function hasPublishedNews(ctx: Ctx, villageCode: string): Promise<boolean> {
  return (await repo.countPublicArticles(ctx.db, villageCode, ctx.clock.now())) > 0;
}

/** `hasProfile` for many villages at once: the codes of those whose profile says something. */
export async function villagesWithProfile(ctx: Ctx, villageCodes: string[]): Promise<Set<string>> {
  return new Set(await repo.villagesWithProfileText(ctx.db, villageCodes));
}

export async function villagesWithOfficials(ctx: Ctx, villageCodes: string[]): Promise<Set<string>> {
  return new Set(await repo.villagesWithRows(ctx.db, 'site_officials', villageCodes));
}

export async function villagesWithPublishedNews(ctx: Ctx, villageCodes: string[]): Promise<Set<string>> {
  return new Set(await repo.villagesWithPublicArticles(ctx.db, villageCodes, ctx.clock.now()));
}

export function mayEdit(ctx: Ctx, villageCode: string): boolean {
  return mayEditSite(ctx.actor, villageCode);
}

// ---------- population (no person in it) ----------

export interface Population {
  population: number | null;
  male: number | null;
  female: number | null;
  families: number | null;
}

/** The village's population from the residents module's published figures (aggregates only). */
export async function villagePopulation(ctx: Ctx, villageCode: string): Promise<Population> {
  const { residentsModule } = await import('../residents/index.ts');
  const figures = residentsModule.figures ?? [];
  const read = async (name: string) => {
    const figure = figures.find((f) => f.name === `residents.${name}`);
    return figure ? (await figure.compute(ctx, villageCode)).value : null;
  };
  const [population, male, female, families] = await Promise.all([
    read('population'),
    read('male'),
    read('female'),
    read('families'),
  ]);
  return { population, male, female, families };
}

/** Refuses before a picture is processed: only the village's office (and admin) may add one. */
export function assertMayEditSiteOf(ctx: Ctx, villageCode: string): void {
  assertMayEditSite(ctx.actor, villageCode);
}
