import type { Ctx } from './context.ts';

/**
 * A part of every village's website that a module serves itself under `/desa/{code}/{path}`
 * (APBDes, public information, UMKM): the sites module lists them in the site's menu without
 * importing the module that owns them.
 */
export interface VillageSiteSection {
  /** the path under `/desa/{code}/`, without slashes (e.g. `apbdes`) */
  path: string;
  /** i18n key of the menu label */
  label: string;
  /** position in the site's menu: lower comes first */
  order: number;
}

/**
 * One step of a new village operator's first-day checklist (profile, officials, office contact,
 * first news item, services on offer), published by the module that owns the thing to fill in.
 */
export interface OnboardingStep {
  /** `module.what`, stable */
  key: string;
  /** i18n key of the step's label */
  label: string;
  order: number;
  /** the staff page where the operator does it */
  href(villageCode: string): string;
  isDone(ctx: Ctx, villageCode: string): Promise<boolean>;
}

let sections: VillageSiteSection[] = [];
let steps: OnboardingStep[] = [];

/** The app hands every module's sections over when it starts; the platform imports no module. */
export function registerVillageSiteSections(list: VillageSiteSection[]): void {
  sections = [...list].sort((a, b) => a.order - b.order);
}

export function villageSiteSections(): VillageSiteSection[] {
  return sections;
}

export function registerOnboardingSteps(list: OnboardingStep[]): void {
  steps = [...list].sort((a, b) => a.order - b.order);
}

export function onboardingSteps(): OnboardingStep[] {
  return steps;
}
