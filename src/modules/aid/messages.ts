import { readMessages, registerMessages } from '../../platform/i18n/index.ts';
import { codePath } from '../../platform/paths.ts';

export const messages = readMessages(codePath('modules/aid/messages.json'));
// registered as soon as the module's code loads, so its services speak outside an app too (CLI, tests)
registerMessages(messages);
