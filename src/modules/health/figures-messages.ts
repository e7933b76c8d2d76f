import { readMessages, registerMessages } from '../../platform/i18n/index.ts';
import { codePath } from '../../platform/paths.ts';

// Texts of the figures, scorecard and e-PPGBM export pages; the module's messages.ts spreads them in.
export const figuresMessages = readMessages(codePath('modules/health/figures-messages.json'));
// registered as soon as the module's code loads, so its services speak outside an app too (CLI, tests)
registerMessages(figuresMessages);
