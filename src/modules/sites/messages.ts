import { readMessages, registerMessages } from '../../platform/i18n/index.ts';

export const messages = readMessages(new URL('./messages.json', import.meta.url));
// registered as soon as the module's code loads, so its services speak outside an app too (CLI, tests)
registerMessages(messages);
