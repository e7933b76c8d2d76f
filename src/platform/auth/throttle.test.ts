import { describe, expect, it } from 'vitest';
import { afterFailedLogin, THROTTLE, type ThrottleState } from './throttle.ts';

const start = new Date('2026-11-20T01:00:00Z');

function failures(n: number, allowance: number, gapMs = 0): ThrottleState[] {
  const out: ThrottleState[] = [];
  let state: ThrottleState | null = null;
  for (let i = 0; i < n; i++) {
    state = afterFailedLogin(state, new Date(start.getTime() + i * gapMs), allowance);
    out.push(state);
  }
  return out;
}

const waitMinutes = (s: ThrottleState) =>
  s.blockedUntil && s.lastFailureAt ? (s.blockedUntil.getTime() - s.lastFailureAt.getTime()) / 60_000 : 0;

describe('afterFailedLogin', () => {
  it('lets the allowance pass without a wait, then waits 1, 2, 4, 8 and at most 15 minutes', () => {
    expect(failures(10, 5).map(waitMinutes)).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 15, 15]);
  });

  it('starts counting again after a day without failures', () => {
    const [last] = failures(5, 5).slice(-1);
    const later = afterFailedLogin(last!, new Date(start.getTime() + THROTTLE.forgetAfterMs + 1), 5);
    expect(later.failures).toBe(1);
    expect(later.blockedUntil).toBeNull();
  });
});
