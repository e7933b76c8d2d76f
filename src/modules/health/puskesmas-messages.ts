import { readMessages, registerMessages } from '../../platform/i18n/index.ts';

// Texts of the puskesmas pages and the health work items; the module's messages.ts spreads them in.
export const puskesmasMessages = readMessages(new URL('./puskesmas-messages.json', import.meta.url));
// registered as soon as the module's code loads, so its services speak outside an app too (CLI, tests)
registerMessages(puskesmasMessages);
