import type { Ctx } from '../../platform/context.ts';
import {
  removeSearchDocuments,
  type SearchDocument,
  type SearchProvider,
  upsertSearchDocuments,
} from '../../platform/search/service.ts';
import { kbliName } from './kbli.ts';
import * as repo from './repo.ts';

export const SEARCH_KIND = 'umkm.usaha';

export function showcaseUrl(villageCode: string, id: string): string {
  return `/desa/${villageCode}/umkm#usaha-${id}`;
}

/** Only what the showcase shows: name, products, sector, dusun; nothing the owner kept back. */
function documentOf(row: repo.ShowcaseRow): SearchDocument {
  return {
    module: 'umkm',
    kind: SEARCH_KIND,
    refId: row.id,
    villageCode: row.village_code,
    visibility: 'public',
    title: row.name,
    body: [row.products, kbliName(row.kbli_category), row.dusun].filter(Boolean).join(' · '),
    url: showcaseUrl(row.village_code, row.id),
  };
}

/** Puts one enterprise in the public index, or takes it out when it is not (or no longer) published. */
export async function indexEnterprise(ctx: Ctx, id: string): Promise<void> {
  const row = await repo.publishedById(ctx.db, id);
  if (row) await upsertSearchDocuments(ctx, [documentOf(row)]);
  else await removeSearchDocuments(ctx, { module: 'umkm', kind: SEARCH_KIND, refIds: [id] });
}

export const umkmSearch: SearchProvider = {
  kinds: [{ kind: SEARCH_KIND, label: 'umkm.search.kind' }],
  async reindex(ctx, villageCode) {
    await removeSearchDocuments(ctx, { module: 'umkm', kind: SEARCH_KIND, villageCode });
    const rows = await repo.publishedOf(ctx.db, villageCode);
    await upsertSearchDocuments(ctx, rows.map(documentOf));
    return rows.length;
  },
};
