import type { RawBuilder } from 'kysely';
import type { Ctx } from './context.ts';

/**
 * What the platform needs to know of regions (checking a staff scope, naming it on a page),
 * handed to it by the regions module when that module loads: the platform imports no module.
 */
export interface RegionDirectory {
  exists(ctx: Ctx, code: string): Promise<boolean>;
  name(ctx: Ctx, code: string): Promise<string>;
  /** SQL for the array of the region's own code and every code below it (kecamatan, villages) */
  codesWithin(code: string): RawBuilder<string[]>;
}

let directory: RegionDirectory | null = null;

export function setRegionDirectory(next: RegionDirectory): void {
  directory = next;
}

export function regionDirectory(): RegionDirectory {
  if (!directory) throw new Error('no region directory: the regions module has not been loaded');
  return directory;
}
