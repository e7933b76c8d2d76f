import { readMessages } from '../i18n/catalogue.ts';
import { codePath } from '../paths.ts';

// The words of "Kerja saya" (the officer's own queue) and its performance page.
export const workMessages = readMessages(codePath('platform/work/messages.json'));
