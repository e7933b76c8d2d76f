import { readMessages } from '../i18n/catalogue.ts';
import { codePath } from '../paths.ts';

// Each agency's name in plain words, by agency code: what a resident would call it and what it
// looks after. The official acronym (DPUPR) stays beside it for officers (`agencyLabel`).
export const agencyMessages = readMessages(codePath('platform/agencies/messages.json'));
