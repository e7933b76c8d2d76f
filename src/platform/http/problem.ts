import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: Record<string, string>;
}

/** The same body as a response schema, for the OpenAPI document of every JSON route. */
export const ProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Record(Type.String(), Type.String())),
});

/** RFC 9457 problem details. */
export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply
    .code(problem.status)
    .type('application/problem+json; charset=utf-8')
    .send({ type: problem.type ?? 'about:blank', ...problem });
}

/** API clients get problem+json; browsers get HTML pages. */
export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** Turns AJV's schema errors into field → Indonesian message. */
export function validationMessages(
  errors: ReadonlyArray<{
    instancePath?: string;
    keyword: string;
    params?: Record<string, unknown>;
    message?: string;
  }>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors) {
    const missing = error.keyword === 'required' ? String(error.params?.missingProperty ?? '') : '';
    const field = missing || (error.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || '_';
    out[field] ??= messageFor(error.keyword, error.params ?? {});
  }
  return out;
}

function messageFor(keyword: string, params: Record<string, unknown>): string {
  switch (keyword) {
    case 'required':
      return 'Wajib diisi.';
    case 'type':
      return `Harus bertipe ${String(params.type)}.`;
    case 'minLength':
      return `Minimal ${String(params.limit)} karakter.`;
    case 'maxLength':
      return `Maksimal ${String(params.limit)} karakter.`;
    case 'pattern':
      return 'Formatnya tidak sesuai.';
    case 'format':
      return `Format ${String(params.format)} tidak sesuai.`;
    case 'minimum':
      return `Minimal ${String(params.limit)}.`;
    case 'maximum':
      return `Maksimal ${String(params.limit)}.`;
    case 'enum':
      return 'Pilih salah satu nilai yang tersedia.';
    case 'additionalProperties':
      return `Kolom ${String(params.additionalProperty)} tidak dikenal.`;
    default:
      return 'Nilai tidak valid.';
  }
}
