import type { RawBuilder } from 'kysely';
import type { Ctx } from './context.ts';
import { handedOver } from './handed-over.ts';

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

const handed = handedOver<RegionDirectory>('region directory', 'regions');
export const setRegionDirectory = handed.set;
export const regionDirectory = handed.get;
