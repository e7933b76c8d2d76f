import { readMessages, registerMessages } from '../../platform/i18n/index.ts';
import { codePath } from '../../platform/paths.ts';

// Texts of the puskesmas pages and the health work items; the module's messages.ts spreads them in.
export const puskesmasMessages = readMessages(codePath('modules/health/puskesmas-messages.json'));
// registered as soon as the module's code loads, so its services speak outside an app too (CLI, tests)
registerMessages(puskesmasMessages);
