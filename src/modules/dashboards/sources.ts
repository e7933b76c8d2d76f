import type { FigureSource } from '../../platform/figures/index.ts';

/**
 * The modules whose figures the dashboards read. The module list imports this module, so it is
 * looked up when a page is asked for, not when the file loads.
 */
export async function figureSources(): Promise<readonly FigureSource[]> {
  return (await import('../index.ts')).modules;
}
