import type { Ctx } from '../../platform/context.ts';
import type { ErasureOutcome, PersonalDataProvider } from '../../platform/personal-data/index.ts';
import { findResidentByNik } from '../residents/service.ts';
import './schema.ts';

/**
 * The reports a resident filed while logged in, and the reports that share a phone number or an
 * e-mail address with those (filed by the same person without logging in).
 */
async function reportsOf(ctx: Ctx, nik: string) {
  const resident = await findResidentByNik(ctx, nik);
  if (!resident) return [];
  const own = await ctx.db
    .selectFrom('complaints')
    .select(['reporter_phone', 'reporter_email'])
    .where('reporter_resident_id', '=', resident.id)
    .execute();
  const phones = [...new Set(own.map((r) => r.reporter_phone).filter((v): v is string => Boolean(v)))];
  const emails = [...new Set(own.map((r) => r.reporter_email).filter((v): v is string => Boolean(v)))];
  return ctx.db
    .selectFrom('complaints')
    .select([
      'id',
      'ticket',
      'kind',
      'category_code',
      'village_code',
      'title',
      'description',
      'address',
      'lat',
      'lng',
      'state',
      'anonymous',
      'confidential',
      'reporter_name',
      'reporter_phone',
      'reporter_email',
      'created_at',
      'resolved_at',
    ])
    .where((eb) =>
      eb.or([
        eb('reporter_resident_id', '=', resident.id),
        ...(phones.length > 0 ? [eb('reporter_phone', 'in', phones)] : []),
        ...(emails.length > 0 ? [eb('reporter_email', 'in', emails)] : []),
      ]),
    )
    .orderBy('created_at')
    .execute();
}

/**
 * On erasure the reporter's identity goes (name, phone, e-mail, the link to the resident, device
 * and address hash; the report becomes anonymous) while the report itself stays: it is about a
 * public matter (a road, a service) and its handling is the record of the agency's work under
 * UU 25/2009 (Pelayanan Publik). Nothing in a report is deleted.
 */
export const complaintPersonalData: PersonalDataProvider = {
  label: 'complaints.personalData.section',
  async export(ctx, nik) {
    const reports = await reportsOf(ctx, nik);
    if (reports.length === 0) return null;
    const ids = reports.map((r) => r.id);
    const updates = await ctx.db
      .selectFrom('complaint_updates')
      .select(['complaint_id', 'at', 'kind', 'body', 'from_state', 'to_state', 'actor_kind'])
      // internal notes are the handler's working notes; the reporter sees what was public, and their own
      .where('complaint_id', 'in', ids)
      .where((eb) => eb.or([eb('public', '=', true), eb('actor_kind', 'in', ['reporter', 'resident'])]))
      .orderBy('at')
      .execute();
    return {
      data: {
        reports: reports.map((r) => ({
          ticket: r.ticket,
          kind: r.kind,
          category: r.category_code,
          villageCode: r.village_code,
          title: r.title,
          description: r.description,
          address: r.address,
          lat: r.lat,
          lng: r.lng,
          state: r.state,
          anonymous: r.anonymous,
          confidential: r.confidential,
          reporter: { name: r.reporter_name, phone: r.reporter_phone, email: r.reporter_email },
          createdAt: r.created_at,
          resolvedAt: r.resolved_at,
          history: updates
            .filter((u) => u.complaint_id === r.id)
            .map((u) => ({
              at: u.at,
              kind: u.kind,
              body: u.body,
              from: u.from_state,
              to: u.to_state,
              by: u.actor_kind,
            })),
        })),
      },
      records: ids.map((id) => ({ entity: 'complaint', id })),
    };
  },
  async erase(ctx, nik): Promise<ErasureOutcome> {
    const reports = await reportsOf(ctx, nik);
    if (reports.length === 0) return { erased: [], anonymised: [], kept: [] };
    const ids = reports.map((r) => r.id);
    await ctx.db
      .updateTable('complaints')
      .set({
        anonymous: true,
        reporter_name: null,
        reporter_phone: null,
        reporter_email: null,
        reporter_resident_id: null,
        device_id: null,
        ip_hash: null,
        updated_at: ctx.clock.now(),
      })
      .where('id', 'in', ids)
      .execute();
    await ctx.db
      .updateTable('complaint_updates')
      .set({ actor_id: null, actor_label: 'Pelapor' })
      .where('complaint_id', 'in', ids)
      .where('actor_kind', 'in', ['reporter', 'resident'])
      .execute();
    return {
      erased: [],
      anonymised: [{ what: 'complaints.personalData.reporter', count: ids.length }],
      kept: [
        {
          what: 'complaints.personalData.reports',
          count: ids.length,
          why: 'complaints.personalData.keptWhy',
        },
      ],
    };
  },
};
