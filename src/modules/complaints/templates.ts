/** Reply templates officers pick from (FixMyStreet's lesson): all categories or one. */
import { audit } from '../../platform/audit/service.ts';
import { isStaff } from '../../platform/auth/roles.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { longDate, requireManage } from './common.ts';
import * as repo from './repo.ts';
import { isState } from './states.ts';

/** {tiket}, {unit} and {batas} (the resolve deadline) filled in for this report. */
export function fillTemplate(
  body: string,
  row: { ticket: string; handler_name: string; resolve_due_at: Date },
): string {
  return body
    .replace(/\{tiket\}/g, row.ticket)
    .replace(/\{unit\}/g, row.handler_name)
    .replace(/\{batas\}/g, longDate(row.resolve_due_at));
}

export async function listTemplates(ctx: Ctx, categoryCode?: string) {
  if (!isStaff(ctx.actor)) throw new Forbidden();
  return repo.selectTemplates(ctx.db, categoryCode);
}

export async function addTemplate(
  ctx: Ctx,
  input: { categoryCode: string; state: string; title: string; body: string },
): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => addTemplate(tx, input));
  requireManage(ctx);
  const problems: Record<string, string> = {};
  if (input.categoryCode && !(await repo.selectCategory(ctx.db, input.categoryCode)))
    problems.categoryCode = t('complaints.errors.chooseCategory');
  if (input.state && !isState(input.state)) problems.state = t('complaints.errors.chooseState');
  if (input.title.trim().length < 3) problems.title = t('complaints.errors.templateTitleShort');
  if (input.body.trim().length < 10) problems.body = t('complaints.errors.templateBodyShort');
  else if (input.body.length > 4000) problems.body = t('complaints.errors.templateBodyLong');
  if (Object.keys(problems).length) throw new Invalid(problems);
  await repo.insertTemplate(ctx.db, {
    category_code: input.categoryCode || null,
    state: isState(input.state) ? input.state : null,
    title: input.title.trim(),
    body: input.body.trim(),
  });
  await audit(ctx, {
    action: 'complaint_template_add',
    entity: 'complaint_template',
    detail: { title: input.title },
  });
}

export async function removeTemplate(ctx: Ctx, id: string): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => removeTemplate(tx, id));
  requireManage(ctx);
  await repo.deleteTemplate(ctx.db, id);
  await audit(ctx, { action: 'complaint_template_delete', entity: 'complaint_template', entityId: id });
}
