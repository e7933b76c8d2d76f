import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/index.ts';
import {
  removeSearchDocuments,
  type SearchDocument,
  type SearchProvider,
  upsertSearchDocuments,
} from '../../platform/search/service.ts';
import { redactPersonalData } from './redact.ts';
import './schema.ts';

/**
 * Reports in the platform's search index. A public report (not confidential, not hidden, not
 * waiting in moderation) is a public document with its public text (a moderator's redaction when
 * there is one, personal data redacted); any other report is a record for the staff who may read
 * it (its region, its handler; a confidential one for its handler and admin only). Never the
 * reporter's name, phone or e-mail.
 */
interface Row {
  id: string;
  ticket: string;
  village_code: string;
  title: string;
  description: string;
  public_title: string | null;
  public_description: string | null;
  address: string | null;
  handler_kind: 'agency' | 'village';
  handler_code: string;
  confidential: boolean;
  hidden: boolean;
  flagged: boolean;
}

function documentOf(r: Row): SearchDocument {
  const open = !r.confidential && !r.hidden && !r.flagged;
  const address = r.address ? ` · ${redactPersonalData(r.address)}` : '';
  return {
    module: 'complaints',
    kind: 'report',
    refId: r.id,
    villageCode: r.village_code,
    handler: { kind: r.handler_kind, code: r.handler_code },
    confidential: r.confidential,
    visibility: open ? 'public' : 'record',
    title: open ? redactPersonalData(r.public_title ?? r.title) : r.title,
    body: `${r.ticket} · ${open ? redactPersonalData(r.public_description ?? r.description) : r.description}${address}`,
    url: open ? `/pengaduan/${r.ticket}` : `/kelola/pengaduan/${r.ticket}`,
  };
}

function rows(db: Db) {
  return db
    .selectFrom('complaints')
    .select([
      'id',
      'ticket',
      'village_code',
      'title',
      'description',
      'public_title',
      'public_description',
      'address',
      'handler_kind',
      'handler_code',
      'confidential',
      'hidden',
      'flagged',
    ]);
}

/** Writes the report's document again after anything that changes its text, handler or visibility. */
export async function indexReport(ctx: Ctx, complaintId: string): Promise<void> {
  const row = await rows(ctx.db).where('id', '=', complaintId).executeTakeFirst();
  if (row) await upsertSearchDocuments(ctx, [documentOf(row)]);
}

const BATCH = 1000;

export async function reindexComplaints(ctx: Ctx, villageCode?: string): Promise<number> {
  await removeSearchDocuments(ctx, { module: 'complaints', ...(villageCode ? { villageCode } : {}) });
  let written = 0;
  for (let after = ''; ; ) {
    let q = rows(ctx.db).where('id', '>', after || '00000000-0000-0000-0000-000000000000');
    if (villageCode) q = q.where('village_code', '=', villageCode);
    const batch = await q.orderBy('id').limit(BATCH).execute();
    if (batch.length === 0) return written;
    await upsertSearchDocuments(ctx, batch.map(documentOf));
    written += batch.length;
    after = batch[batch.length - 1]!.id;
  }
}

export const complaintSearch: SearchProvider = {
  kinds: [{ kind: 'report', label: 'complaints.searchKind' }],
  reindex: reindexComplaints,
};
