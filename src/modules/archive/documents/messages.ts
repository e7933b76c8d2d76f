import { readMessages } from '../../../platform/i18n/index.ts';
import { codePath } from '../../../platform/paths.ts';

export const messages = readMessages(codePath('modules/archive/documents/messages.json'));
