/** The life of a report. Names are the ones officers and residents already use (SP4N-LAPOR!). */
export const STATES = [
  'baru',
  'diverifikasi',
  'diteruskan',
  'diproses',
  'dijadwalkan',
  'selesai',
  'ditolak',
  'duplikat',
] as const;
export type State = (typeof STATES)[number];

export const OPEN_STATES: ReadonlySet<State> = new Set([
  'baru',
  'diverifikasi',
  'diteruskan',
  'diproses',
  'dijadwalkan',
]);
export const CLOSED_STATES: ReadonlySet<State> = new Set(['selesai', 'ditolak', 'duplikat']);

/** What an officer may move a report to from each state. Closed reports only move on reopen. */
const OFFICER_TRANSITIONS: Record<State, readonly State[]> = {
  baru: ['diverifikasi', 'diteruskan', 'diproses', 'dijadwalkan', 'selesai', 'ditolak', 'duplikat'],
  diverifikasi: ['diteruskan', 'diproses', 'dijadwalkan', 'selesai', 'ditolak', 'duplikat'],
  diteruskan: ['diteruskan', 'diproses', 'dijadwalkan', 'selesai', 'ditolak', 'duplikat'],
  diproses: ['diteruskan', 'dijadwalkan', 'selesai', 'ditolak', 'duplikat'],
  dijadwalkan: ['diteruskan', 'diproses', 'selesai'],
  selesai: ['diproses'],
  ditolak: [],
  duplikat: [],
};

export function isState(value: unknown): value is State {
  return typeof value === 'string' && (STATES as readonly string[]).includes(value);
}

export function allowedTransitions(from: State): readonly State[] {
  return OFFICER_TRANSITIONS[from];
}

export function canTransition(from: State, to: State): boolean {
  return OFFICER_TRANSITIONS[from].includes(to);
}

interface TransitionInput {
  to: State;
  reason?: string | null;
  duplicateOf?: string | null;
  agencyCode?: string | null;
  scheduledFor?: string | null;
}

/**
 * Checks a requested state change and says, field by field and in Indonesian, what is missing:
 * a rejection needs its reason, a duplicate its original, a hand-over its new agency and reason,
 * a schedule its date.
 */
export function transitionProblems(from: State, input: TransitionInput): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!canTransition(from, input.to)) {
    problems.state = `Status "${from}" tidak dapat diubah menjadi "${input.to}".`;
    return problems;
  }
  const reason = input.reason?.trim() ?? '';
  if (input.to === 'ditolak' && reason.length < 5) problems.reason = 'Tuliskan alasan penolakan.';
  // the reporter and the neighbours read this note to know what was done; "selesai" alone says nothing
  if (input.to === 'selesai' && reason.length < 10)
    problems.reason = 'Tuliskan catatan untuk publik: apa yang sudah dikerjakan (minimal 10 huruf).';
  if (input.to === 'duplikat' && !input.duplicateOf?.trim())
    problems.duplicateOf = 'Sebutkan nomor tiket laporan aslinya.';
  if (input.to === 'diteruskan') {
    if (!input.agencyCode?.trim()) problems.agencyCode = 'Pilih OPD atau desa tujuan.';
    if (reason.length < 5) problems.reason = 'Tuliskan alasan penerusan.';
  }
  if (input.to === 'dijadwalkan' && !/^\d{4}-\d{2}-\d{2}$/.test(input.scheduledFor ?? ''))
    problems.scheduledFor = 'Isi tanggal jadwal penanganan (tttt-bb-hh).';
  return problems;
}

/** Open311 knows only open and closed; the detail goes in status_notes. */
export function open311Status(state: State): 'open' | 'closed' {
  return CLOSED_STATES.has(state) ? 'closed' : 'open';
}

/** The reporter may confirm or reopen a finished report only within the category's window. */
export function reporterWindowOpen(
  state: State,
  resolvedAt: Date | null,
  reopenDays: number,
  now: Date,
): boolean {
  if (state !== 'selesai' || !resolvedAt) return false;
  return now.getTime() - resolvedAt.getTime() <= reopenDays * 86_400_000;
}
