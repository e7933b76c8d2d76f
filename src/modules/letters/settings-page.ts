import type { StaffActor } from '../../platform/auth/roles.ts';
import type { Ctx } from '../../platform/context.ts';
import type { SafeHtml } from '../../platform/ui/jsx-runtime.ts';

/**
 * The village settings page (/kelola/layanan/desa) is the letters module's: signatory, numbering and
 * letterhead. A module that keeps more village settings (services: which services are open) adds
 * its menu and its sections to the page when it loads, so letters needs to know nothing of it.
 */
export interface VillageSettingsExtension {
  /** a menu shown under the page title */
  menu?(actor: StaffActor): SafeHtml;
  /** sections shown after the letter settings */
  sections(ctx: Ctx, actor: StaffActor): Promise<SafeHtml>;
}

const extensions: VillageSettingsExtension[] = [];

export function extendVillageSettings(extension: VillageSettingsExtension): void {
  extensions.push(extension);
}

export function villageSettingsExtensions(): readonly VillageSettingsExtension[] {
  return extensions;
}
