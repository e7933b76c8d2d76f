import { agencyMessages } from './agencies/messages.ts';
import { auditMessages } from './audit/messages.ts';
import { fileMessages } from './files/messages.ts';
import { mergeMessages, readMessages } from './i18n/catalogue.ts';
import { codePath } from './paths.ts';
import { searchMessages } from './search/messages.ts';
import { workMessages } from './work/messages.ts';

export const platformMessages = mergeMessages(
  searchMessages,
  fileMessages,
  workMessages,
  agencyMessages,
  readMessages(codePath('platform/messages.json')),
  auditMessages,
);
