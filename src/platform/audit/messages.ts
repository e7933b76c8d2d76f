import { readMessages } from '../i18n/catalogue.ts';
import { codePath } from '../paths.ts';

// The audit log's words: what each action code means to a person reading the log (audit.act.*),
// the names of the things acted on (audit.thing.*) and of the detail fields (audit.key.*). Codes
// without a text here are shown as they are.
export const auditMessages = readMessages(codePath('platform/audit/messages.json'));
