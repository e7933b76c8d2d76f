// What the dashboards module offers: its pages as data (tables, charts, definitions), each asking
// the module's policy first. It reads other modules through their figures and services only.
export {
  adoptionCounts,
  adoptionPage,
  type VillageAdoption,
  villageAdoption,
  visitOrder,
} from './adoption.ts';
export { complaintsPage } from './complaints.ts';
export type { DashboardPage, DataTable } from './model.ts';
export { type Period, parsePeriod } from './period.ts';
export { maySee, type Section } from './policy.ts';
export { publicCount, publicStatistics, SMALL_CELL } from './public.ts';
export { socialPage } from './social.ts';
export { speedPage } from './speed.ts';
