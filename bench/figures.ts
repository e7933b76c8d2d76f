// The summary figures every benchmark prints.

/** The middle value (the upper of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The 95th percentile, nearest rank. */
export function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
}

/**
 * Prints the median and p95 of `runs` visits after one warm-up visit, which must answer 200
 * (a page that fails would otherwise be timed as a fast one).
 */
export async function timePage(
  label: string,
  runs: number,
  visit: () => Promise<{ statusCode: number }>,
): Promise<void> {
  const first = await visit();
  if (first.statusCode !== 200) throw new Error(`${label}: ${first.statusCode}`);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await visit();
    ms.push(performance.now() - t0);
  }
  console.log(`${label}: median ${median(ms).toFixed(0)} ms, p95 ${p95(ms).toFixed(0)} ms (${runs} runs)`);
}
