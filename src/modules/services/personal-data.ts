import type { Ctx } from '../../platform/context.ts';
import { deleteFile } from '../../platform/files/index.ts';
import type {
  ErasureLine,
  ErasureOutcome,
  PersonalDataProvider,
} from '../../platform/personal-data/index.ts';
import { findResidentByNik } from '../residents/service.ts';
import './schema.ts';

/** Filed and not yet decided: the office still owes the applicant an answer. */
const OPEN = ['diperiksa', 'belum_lengkap', 'menunggu_tanda_tangan'] as const;

function line(what: string, count: number, why?: string): ErasureLine[] {
  return count > 0 ? [{ what, count, ...(why ? { why } : {}) }] : [];
}

async function requestsOf(ctx: Ctx, residentId: string) {
  return ctx.db
    .selectFrom('service_requests as r')
    .innerJoin('services as s', 's.id', 'r.service_id')
    .select([
      'r.id',
      'r.code',
      's.slug as service',
      'r.village_code',
      'r.state',
      'r.applicant',
      'r.data',
      'r.contact_phone',
      'r.contact_channel',
      'r.created_at',
      'r.submitted_at',
      'r.finished_at',
    ])
    .where('r.resident_id', '=', residentId)
    .orderBy('r.created_at')
    .execute();
}

async function attachmentsOf(ctx: Ctx, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return ctx.db
    .selectFrom('service_request_attachments')
    .selectAll()
    .where('request_id', 'in', requestIds)
    .execute();
}

async function removeAttachments(ctx: Ctx, requestIds: string[]): Promise<number> {
  const attachments = await attachmentsOf(ctx, requestIds);
  if (attachments.length === 0) return 0;
  await ctx.db
    .deleteFrom('service_request_attachments')
    .where(
      'id',
      'in',
      attachments.map((a) => a.id),
    )
    .execute();
  for (const a of attachments) await deleteFile(ctx, a.file_id);
  return attachments.length;
}

/**
 * Requests, their attachments and the resident's PIN. On erasure (reasons in the README):
 * - drafts the office never saw go entirely, attachments with them;
 * - decided requests keep their record (code, service, applicant, dates, history: the record of an
 *   administrative decision, UU 30/2014, and what an issued letter's verification stands on), but
 *   their scanned attachments, form answers and contact phone are erased: they served the decision;
 * - requests still being processed are kept whole: the office owes an answer (the resident may
 *   withdraw one, then it is erased the next time);
 * - the PIN goes (the village issues a new one on request).
 */
export const servicePersonalData: PersonalDataProvider = {
  label: 'services.personalData.section',
  async export(ctx, nik) {
    const resident = await findResidentByNik(ctx, nik);
    if (!resident) return null;
    const requests = await requestsOf(ctx, resident.id);
    const attachments = await attachmentsOf(
      ctx,
      requests.map((r) => r.id),
    );
    const events =
      requests.length === 0
        ? []
        : await ctx.db
            .selectFrom('service_request_events')
            .select(['request_id', 'at', 'kind', 'note', 'actor_kind'])
            .where(
              'request_id',
              'in',
              requests.map((r) => r.id),
            )
            .orderBy('at')
            .execute();
    const pin = await ctx.db
      .selectFrom('resident_pins')
      .select(['issued_at', 'last_login_at', 'must_change'])
      .where('resident_id', '=', resident.id)
      .executeTakeFirst();
    if (requests.length === 0 && !pin) return null;
    return {
      data: {
        pin: pin
          ? { issuedAt: pin.issued_at, lastLoginAt: pin.last_login_at, mustChange: pin.must_change }
          : null,
        requests: requests.map((r) => ({
          code: r.code,
          service: r.service,
          villageCode: r.village_code,
          state: r.state,
          applicant: r.applicant,
          answers: r.data,
          contactPhone: r.contact_phone,
          contactChannel: r.contact_channel,
          createdAt: r.created_at,
          submittedAt: r.submitted_at,
          finishedAt: r.finished_at,
          attachments: attachments
            .filter((a) => a.request_id === r.id)
            .map((a) => ({
              field: a.name,
              fileName: a.file_name,
              contentType: a.content_type,
              size: a.size,
            })),
          history: events
            .filter((e) => e.request_id === r.id)
            .map((e) => ({ at: e.at, kind: e.kind, note: e.note, by: e.actor_kind })),
        })),
      },
      records: requests.map((r) => ({ entity: 'service_request', id: r.id })),
    };
  },
  async erase(ctx, nik): Promise<ErasureOutcome> {
    const resident = await findResidentByNik(ctx, nik);
    if (!resident) return { erased: [], anonymised: [], kept: [] };
    const requests = await requestsOf(ctx, resident.id);
    const drafts = requests.filter((r) => r.state === 'draf').map((r) => r.id);
    const decided = requests.filter((r) => r.finished_at !== null).map((r) => r.id);
    const open = requests.filter((r) => (OPEN as readonly string[]).includes(r.state)).length;

    const attachments = await removeAttachments(ctx, [...drafts, ...decided]);
    if (drafts.length > 0) {
      await ctx.db.deleteFrom('service_request_events').where('request_id', 'in', drafts).execute();
      await ctx.db.deleteFrom('service_requests').where('id', 'in', drafts).execute();
    }
    if (decided.length > 0)
      await ctx.db
        .updateTable('service_requests')
        .set({
          data: '{}',
          remarks: '{}',
          remark_note: null,
          contact_phone: null,
          contact_channel: null,
          updated_at: ctx.clock.now(),
        })
        .where('id', 'in', decided)
        .execute();
    const pin = await ctx.db
      .deleteFrom('resident_pins')
      .where('resident_id', '=', resident.id)
      .executeTakeFirst();
    return {
      erased: [
        ...line('services.personalData.drafts', drafts.length),
        ...line('services.personalData.attachments', attachments),
        ...line('services.personalData.pin', Number(pin.numDeletedRows)),
      ],
      anonymised: line('services.personalData.answers', decided.length),
      kept: [
        ...line('services.personalData.decided', decided.length, 'services.personalData.decidedWhy'),
        ...line('services.personalData.open', open, 'services.personalData.openWhy'),
      ],
    };
  },
};
