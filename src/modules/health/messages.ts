import type { Messages } from '../../platform/i18n/index.ts';
import { registerMessages } from '../../platform/i18n/index.ts';

const id: Messages = {
  'health.nav': 'Kesehatan & posyandu',
};

const en: Messages = {
  'health.nav': 'Health & posyandu',
};

export const messages = { id, en };
registerMessages(messages);
