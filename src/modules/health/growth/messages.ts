import { readMessages } from '../../../platform/i18n/index.ts';

// Category names as Permenkes 2/2020 (Lampiran, "Kategori dan Ambang Batas Status Gizi Anak")
// writes them; the health module spreads these into its own catalogue.
export const growthMessages = readMessages(new URL('./messages.json', import.meta.url));
