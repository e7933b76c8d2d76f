import { readMessages } from '../i18n/catalogue.ts';

// The words of "Kerja saya" (the officer's own queue) and its performance page.
export const workMessages = readMessages(new URL('./messages.json', import.meta.url));
