import { mergeMessages, readMessages, registerMessages } from '../../platform/i18n/index.ts';
import { codePath } from '../../platform/paths.ts';
import { figuresMessages } from './figures-messages.ts';
import { growthMessages } from './growth/messages.ts';
import { puskesmasMessages } from './puskesmas-messages.ts';

export const messages = mergeMessages(
  growthMessages,
  figuresMessages,
  puskesmasMessages,
  readMessages(codePath('modules/health/messages.json')),
);
// registered as soon as the module's code loads, so its services speak outside an app too (CLI, tests)
registerMessages(messages);
