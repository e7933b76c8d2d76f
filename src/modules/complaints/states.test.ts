import { describe, expect, it } from 'vitest';
import { canTransition, open311Status, reporterWindowOpen, STATES, transitionProblems } from './states.ts';

describe('report state machine', () => {
  it('lets an officer verify, forward, process, schedule and finish a new report', () => {
    for (const to of ['diverifikasi', 'diteruskan', 'diproses', 'dijadwalkan', 'selesai'] as const)
      expect(canTransition('baru', to)).toBe(true);
  });

  it('keeps rejected and duplicate reports closed for good', () => {
    for (const to of STATES) {
      expect(canTransition('ditolak', to)).toBe(false);
      expect(canTransition('duplikat', to)).toBe(false);
    }
  });

  it('lets a finished report go back only to being processed (a reopen)', () => {
    expect(STATES.filter((to) => canTransition('selesai', to))).toEqual(['diproses']);
  });

  it('asks for a reason when rejecting and for the original when marking a duplicate', () => {
    expect(transitionProblems('baru', { to: 'ditolak' })).toHaveProperty('reason');
    expect(transitionProblems('baru', { to: 'ditolak', reason: 'Bukan wewenang kabupaten' })).toEqual({});
    expect(transitionProblems('baru', { to: 'duplikat' })).toHaveProperty('duplicateOf');
  });

  it('asks for the new handler and a reason on a hand-over, and a date for a schedule', () => {
    const problems = transitionProblems('diproses', { to: 'diteruskan' });
    expect(Object.keys(problems).sort()).toEqual(['agencyCode', 'reason']);
    expect(transitionProblems('diproses', { to: 'dijadwalkan', scheduledFor: 'besok' })).toHaveProperty(
      'scheduledFor',
    );
  });

  it('refuses a move the machine does not allow, with a message naming both states', () => {
    expect(transitionProblems('dijadwalkan', { to: 'ditolak', reason: 'alasan panjang' }).state).toContain(
      'dijadwalkan',
    );
  });

  it('collapses the eight states onto the two Open311 statuses', () => {
    expect(STATES.map(open311Status)).toEqual([
      'open',
      'open',
      'open',
      'open',
      'open',
      'closed',
      'closed',
      'closed',
    ]);
  });

  it('opens the confirm-or-reopen window only for finished reports and only for the set days', () => {
    const resolved = new Date('2026-11-01T00:00:00Z');
    expect(reporterWindowOpen('selesai', resolved, 14, new Date('2026-11-10T00:00:00Z'))).toBe(true);
    expect(reporterWindowOpen('selesai', resolved, 14, new Date('2026-11-16T00:00:01Z'))).toBe(false);
    expect(reporterWindowOpen('diproses', resolved, 14, new Date('2026-11-10T00:00:00Z'))).toBe(false);
  });
});
