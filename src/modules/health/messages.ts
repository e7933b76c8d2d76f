import { mergeMessages, readMessages, registerMessages } from '../../platform/i18n/index.ts';
import { figuresMessages } from './figures-messages.ts';
import { growthMessages } from './growth/messages.ts';
import { puskesmasMessages } from './puskesmas-messages.ts';

export const messages = mergeMessages(
  growthMessages,
  figuresMessages,
  puskesmasMessages,
  readMessages(new URL('./messages.json', import.meta.url)),
);
// registered as soon as the module's code loads, so its services speak outside an app too (CLI, tests)
registerMessages(messages);
