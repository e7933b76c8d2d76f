import { readMessages } from '../i18n/catalogue.ts';
import { codePath } from '../paths.ts';

export const searchMessages = readMessages(codePath('platform/search/messages.json'));
