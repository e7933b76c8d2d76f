/** Open311 clients: the apps that file reports for residents, each with its own key. */
import { randomBytes } from 'node:crypto';
import { audit } from '../../platform/audit/service.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { Invalid } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { requireManage, sha256 } from './common.ts';
import * as repo from './repo.ts';

export async function createOpen311Client(ctx: Ctx, name: string): Promise<string> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => createOpen311Client(tx, name));
  const actor = requireManage(ctx);
  if (name.trim().length < 3) throw new Invalid({ name: t('complaints.errors.clientNameShort') });
  const key = `o311_${randomBytes(18).toString('base64url')}`;
  const { id } = await repo.insertClient(ctx.db, {
    name: name.trim(),
    key_hash: sha256(key),
    created_by: actor.id,
  });
  await audit(ctx, {
    action: 'open311_client_create',
    entity: 'open311_client',
    entityId: id,
    detail: { name },
  });
  return key;
}

export async function listOpen311Clients(ctx: Ctx) {
  requireManage(ctx);
  return repo.selectClients(ctx.db);
}

export async function revokeOpen311Client(ctx: Ctx, id: string): Promise<void> {
  requireManage(ctx);
  await repo.deactivateClient(ctx.db, id);
  await audit(ctx, { action: 'open311_client_revoke', entity: 'open311_client', entityId: id });
}

export async function open311ClientForKey(ctx: Ctx, key: string) {
  return key ? repo.selectClientByKeyHash(ctx.db, sha256(key)) : undefined;
}

export async function ticketForOpen311Token(ctx: Ctx, token: string): Promise<string | null> {
  return (await repo.selectByOpen311Token(ctx.db, token))?.ticket ?? null;
}
