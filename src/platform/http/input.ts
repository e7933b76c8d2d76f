/**
 * Parsing of what arrives from outside, shared by every module: the platform refuses what no form
 * of ours could have sent before a route sees it, and gives routes small parsers for the values
 * that need more than a schema (pages, dates, coordinates, ids). Each failure is a 400/404/422 with
 * the field named, never a database error.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { t } from '../i18n/index.ts';
import { isCalendarDate } from '../time.ts';
import { Invalid, NotFound } from './errors.ts';
import type { Locale } from './request-context.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** form or query fields this route reads as a list (checkboxes); any other repeat is refused */
    repeatableFields?: readonly string[];
    /** set by formRoute: a page's form, whose fields must be text even though it has a body schema */
    form?: boolean;
  }
}

/** Any C0 control or DEL: never part of a path segment or a query value we produce. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_IN_URL = /[\u0000-\u001f\u007f]/;
/** In bodies a textarea may carry TAB, LF and CR; the other C0 controls (NUL first: PostgreSQL refuses it in text) may not. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_IN_BODY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

function localeOf(request: FastifyRequest): Locale {
  return request.view?.locale ?? 'id';
}

/** The first field (dotted path) whose key or string value matches `pattern`, if any. */
function fieldWith(value: unknown, pattern: RegExp, path: string, depth = 0): string | null {
  if (typeof value === 'string') return pattern.test(value) ? path || '_' : null;
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  if (Buffer.isBuffer(value)) return null;
  for (const [key, inner] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (pattern.test(key)) return here;
    const found = fieldWith(inner, pattern, here, depth + 1);
    if (found) return found;
  }
  return null;
}

function isUrlEncoded(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

function repeatedField(values: unknown, allowed: readonly string[]): string | null {
  if (!values || typeof values !== 'object') return null;
  // `name[]` is the convention for a list (Open311's attribute[code][]), as are the route's own lists
  for (const [key, value] of Object.entries(values))
    if (Array.isArray(value) && !key.endsWith('[]') && !allowed.includes(key)) return key;
  return null;
}

/**
 * Refuses control characters in the path, the query and the body, and a field sent twice in the
 * query or a url-encoded form, before validation and before any handler: such input is not a
 * mistake a person makes in a form, and left alone it reaches PostgreSQL as a 500.
 */
export function installInputGuards(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const locale = localeOf(request);
    const refuse = (field: string, key: string): never => {
      throw new Invalid({ [field]: t(key, undefined, locale) }, t('input.summary', undefined, locale), 400);
    };
    const control =
      fieldWith(request.params, CONTROL_IN_URL, '') ??
      fieldWith(request.query, CONTROL_IN_URL, '') ??
      fieldWith(request.body, CONTROL_IN_BODY, '');
    if (control) refuse(control, 'input.control');
    const allowed = request.routeOptions.config?.repeatableFields ?? [];
    const repeated =
      repeatedField(request.query, allowed) ??
      (isUrlEncoded(request) ? repeatedField(request.body, allowed) : null);
    if (repeated) refuse(repeated, 'input.repeated');
    const nested = isFormRoute(request) ? fieldNotText(request.body) : null;
    if (nested) refuse(nested, 'input.notText');
  });
}

/**
 * A page's form route reads its body as text fields; one without a body schema that is sent JSON
 * (objects, numbers) would hand the service something it never checks.
 */
function isFormRoute(request: FastifyRequest): boolean {
  if (request.routeOptions.config?.form) return true;
  const url = request.routeOptions.url ?? '';
  return !url.startsWith('/api/') && !url.startsWith('/open311/') && !request.routeOptions.schema?.body;
}

function fieldNotText(body: unknown): string | null {
  if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) return null;
  for (const [name, value] of Object.entries(body)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v !== 'string')) return name;
  }
  return null;
}

/** Checks a text field read from a multipart part, which the hook cannot see before the handler. */
export function assertPlainText(field: string, value: string): string {
  if (CONTROL_IN_BODY.test(value))
    throw new Invalid({ [field]: t('input.control') }, t('input.summary'), 400);
  return value;
}

/**
 * A GET route's query as text fields (filters, return paths): the guard has already refused
 * repeated fields, so every value is one string; anything else is left out.
 */
export function queryText(request: FastifyRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>))
    if (typeof value === 'string') out[name] = value;
  return out;
}

/** The highest page a list offers; beyond it OFFSET would overflow PostgreSQL's bigint. */
export const MAX_PAGE = 10_000;

/** A page number from a query string: anything not a positive whole number is page 1, and pages stop at MAX_PAGE. */
export function pageNumber(raw: unknown): number {
  const value =
    typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : 1;
  if (!Number.isFinite(value) || value < 1) return 1;
  return Math.min(Math.floor(value), MAX_PAGE);
}

/**
 * An optional date field: '' or absent is undefined; anything but a real YYYY-MM-DD date (a
 * 2026-02-30 does not round-trip) is an Invalid naming the field.
 */
export function optionalDate(field: string, raw: unknown): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw === 'string' && isCalendarDate(raw.trim())) return raw.trim();
  throw new Invalid({ [field]: t('input.date') });
}

/**
 * An optional coordinate: '' or absent is null; otherwise a finite number within range
 * (1e309 is Infinity, and PostgreSQL's double precision would refuse it later).
 */
export function optionalCoordinate(field: string, axis: 'lat' | 'lng', raw: unknown): number | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
  const limit = axis === 'lat' ? 90 : 180;
  if (!Number.isFinite(value) || Math.abs(value) > limit)
    throw new Invalid({ [field]: t(axis === 'lat' ? 'input.latitude' : 'input.longitude') });
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** An id from a path or a form: a value that is not a UUID names nothing, so it is a 404 before any query. */
export function uuidOrNotFound(raw: unknown, message?: string): string {
  if (!isUuid(raw)) throw new NotFound(message);
  return raw;
}

/**
 * A search box's text for ILIKE and pg_trgm: trimmed and cut to `maxLength`; null when nothing
 * searchable is left (a term without a letter or digit has no trigrams and matches everything).
 */
export function searchTerm(raw: unknown, maxLength = 100): string | null {
  if (typeof raw !== 'string') return null;
  const term = raw.trim().slice(0, maxLength);
  return /[\p{L}\p{N}]/u.test(term) ? term : null;
}

/** A term made safe to put between `%…%` in ILIKE: its own % _ and \ match themselves. */
export function likeEscape(term: string): string {
  return term.replace(/[%_\\]/g, '\\$&');
}
