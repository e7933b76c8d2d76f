import { readMessages } from '../../../platform/i18n/index.ts';
import { codePath } from '../../../platform/paths.ts';

// Category names as Permenkes 2/2020 (Lampiran, "Kategori dan Ambang Batas Status Gizi Anak")
// writes them; the health module spreads these into its own catalogue.
export const growthMessages = readMessages(codePath('modules/health/growth/messages.json'));
