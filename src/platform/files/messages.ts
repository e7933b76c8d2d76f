import { readMessages } from '../i18n/catalogue.ts';
import { codePath } from '../paths.ts';

// The words of the stored-files integrity findings on the background work page.
export const fileMessages = readMessages(codePath('platform/files/messages.json'));
