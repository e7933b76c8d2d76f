/**
 * The complaints module's public surface: routes, the Open311 API, seeds, jobs and other modules
 * import from here. The work itself sits in one file per concern beside it.
 */
import type { Ctx } from '../../platform/context.ts';
import { countPublicReportsByVillage } from './repo.ts';

export {
  agencyOptions,
  type Category,
  type CategoryInput,
  createCategory,
  getCategory,
  kecamatanOptions,
  listCategories,
  listRoutes,
  removeRoute,
  resolveHandler,
  saveRoute,
  seedComplaintReference,
  updateCategory,
  villageOptions,
} from './categories.ts';
export { stateLabel, trackingUrl } from './common.ts';
export {
  type ComplaintCounts,
  type ComplaintStats,
  type ComplaintStatsScope,
  complaintStats,
} from './dashboard-stats.ts';
export {
  addAfterPhotos,
  addReply,
  changeState,
  getReportForStaff,
  listQueue,
  QUEUE_PAGE_SIZE,
  type QueueFilter,
  type StaffView,
} from './handling.ts';
export { type ReportInput, submitReport } from './intake.ts';
export { normalisePhone, normaliseTicket, sendTicketsByPhone } from './lookup.ts';
export { flagReport, moderate, moderationQueue, photoFileFor, setPhotoVisibility } from './moderation.ts';
export {
  createOpen311Client,
  listOpen311Clients,
  open311ClientForKey,
  revokeOpen311Client,
  ticketForOpen311Token,
} from './open311-clients.ts';
export {
  confirmFixed,
  getPublicReport,
  listForOpen311,
  listPublicReports,
  mapPoints,
  nearbyReports,
  PUBLIC_PAGE_SIZE,
  type PublicListRow,
  type PublicView,
  reopenReport,
  supportReport,
} from './reading.ts';
export { refreshComplaintRollup } from './rollup.ts';
export {
  addHoliday,
  type ComplianceRow,
  complianceFigures,
  escalateOverdue,
  listHolidays,
  removeHoliday,
} from './sla.ts';
export { STATES } from './states.ts';
export { addTemplate, fillTemplate, listTemplates, removeTemplate } from './templates.ts';

/** Public reports per village of a region (open, finished), for public pages: counts only, nobody named. */
export async function publicComplaintCounts(
  ctx: Ctx,
  region: string,
): Promise<Array<{ villageCode: string; open: number; finished: number }>> {
  return countPublicReportsByVillage(ctx.db, region);
}
