import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { listAudit } from '../audit/service.ts';
import { requireStaff } from '../auth/guards.ts';
import { createStaffUser, listStaffUsers } from '../auth/users.ts';
import { Unauthenticated } from '../http/errors.ts';
import { MAX_PAGE } from '../http/input.ts';
import { ProblemSchema } from '../http/problem.ts';

/** The platform's JSON API: who is calling, staff accounts, the audit log. */
export async function apiRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const Problem = ProblemSchema;
  const StaffUser = Type.Object({
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    role: Type.String(),
    scope: Type.Object({ type: Type.String(), code: Type.String() }),
  });

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['akun'],
        summary: 'Who is calling',
        security: [{ bearer: [] }, { session: [] }],
        response: {
          200: Type.Object({
            kind: Type.String(),
            id: Type.String(),
            name: Type.String(),
            role: Type.Optional(Type.String()),
            scope: Type.Optional(Type.Object({ type: Type.String(), code: Type.String() })),
          }),
          401: Problem,
        },
      },
    },
    async (request) => {
      const actor = request.ctx.actor;
      if (!actor || actor.kind === 'system') throw new Unauthenticated();
      return actor.kind === 'staff'
        ? { kind: 'staff', id: actor.id, name: actor.name, role: actor.role, scope: actor.scope }
        : { kind: 'resident', id: actor.id, name: actor.name };
    },
  );

  app.get(
    '/api/v1/users',
    {
      preHandler: requireStaff('admin_kabupaten'),
      schema: {
        tags: ['pengguna'],
        summary: 'List staff accounts (admin kabupaten)',
        security: [{ bearer: [] }, { session: [] }],
        querystring: Type.Object({
          role: Type.Optional(Type.String()),
          q: Type.Optional(Type.String()),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })),
        }),
        response: {
          200: Type.Object({ total: Type.Integer(), page: Type.Integer(), items: Type.Array(StaffUser) }),
          401: Problem,
          403: Problem,
        },
      },
    },
    async (request) => {
      const result = await listStaffUsers(request.ctx, request.query);
      return {
        total: result.total,
        page: result.page,
        items: result.rows.map((u) => ({
          id: u.id,
          email: u.email,
          name: u.name,
          role: u.role,
          scope: { type: u.scope_type, code: u.scope_code },
        })),
      };
    },
  );

  app.post(
    '/api/v1/users',
    {
      preHandler: requireStaff('admin_kabupaten'),
      schema: {
        tags: ['pengguna'],
        summary: 'Create a staff account (admin kabupaten)',
        security: [{ bearer: [] }, { session: [] }],
        body: Type.Object({
          email: Type.String(),
          name: Type.String(),
          role: Type.String(),
          scope: Type.String(),
          password: Type.String(),
        }),
        response: { 201: StaffUser, 400: Problem, 401: Problem, 403: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const user = await createStaffUser(request.ctx, request.body);
      return reply
        .code(201)
        .send({ id: user.id, email: user.email, name: user.name, role: user.role, scope: user.scope });
    },
  );

  app.get(
    '/api/v1/audit',
    {
      preHandler: requireStaff('admin_kabupaten'),
      schema: {
        tags: ['audit'],
        summary: 'Read the audit log (admin kabupaten)',
        security: [{ bearer: [] }, { session: [] }],
        querystring: Type.Object({
          action: Type.Optional(Type.String()),
          entity: Type.Optional(Type.String()),
          actor: Type.Optional(Type.String()),
          villageCode: Type.Optional(Type.String()),
          from: Type.Optional(Type.String({ format: 'date' })),
          to: Type.Optional(Type.String({ format: 'date' })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })),
        }),
      },
    },
    async (request) => {
      const result = await listAudit(request.ctx, request.query);
      return { total: result.total, page: result.page, items: result.rows };
    },
  );
}
