import { readMessages } from '../i18n/catalogue.ts';

// The words of the stored-files integrity findings on the background work page.
export const fileMessages = readMessages(new URL('./messages.json', import.meta.url));
