import type { FastifyReply, FastifyRequest } from 'fastify';
import { Forbidden, Unauthenticated } from '../http/errors.ts';
import { t } from '../i18n/index.ts';
import type { ResidentActor, Role, StaffActor } from './roles.ts';

/** preHandler: staff only, optionally of these roles. Pages redirect to /masuk, the API answers 401. */
export function requireStaff(...roles: Role[]) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const actor = request.ctx.actor;
    if (!actor || actor.kind !== 'staff') throw new Unauthenticated();
    if (roles.length > 0 && !roles.includes(actor.role)) throw new Forbidden(t('error.roleCannotOpen'));
  };
}

export function requireResident() {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (request.ctx.actor?.kind !== 'resident')
      throw new Unauthenticated(t('error.residentLogin'), '/masuk/warga');
  };
}

export function staffOf(request: FastifyRequest): StaffActor {
  const actor = request.ctx.actor;
  if (actor?.kind !== 'staff') throw new Unauthenticated();
  return actor;
}

export function residentOf(request: FastifyRequest): ResidentActor {
  const actor = request.ctx.actor;
  if (actor?.kind !== 'resident') throw new Unauthenticated(t('error.residentLogin'), '/masuk/warga');
  return actor;
}
