/**
 * The one retry rule of background work: after the n-th failure in a row, wait 1, 2, 4, 8 …
 * minutes, never more than an hour. Scheduled jobs (the `jobs` table) and each outbox message
 * use it, so an operator reading "next attempt" on either knows what to expect.
 */
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_CAP_MS = 60 * 60_000;

export function backoffDelay(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 30));
}
