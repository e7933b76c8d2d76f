import { readMessages } from '../../platform/i18n/index.ts';

export const messages = readMessages(new URL('./messages.json', import.meta.url));
