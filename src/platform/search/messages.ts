import { readMessages } from '../i18n/catalogue.ts';

export const searchMessages = readMessages(new URL('./messages.json', import.meta.url));
