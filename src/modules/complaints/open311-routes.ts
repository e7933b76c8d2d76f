import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, Invalid, NotFound, TooManyRequests } from '../../platform/http/errors.ts';
import { isoJakarta } from '../../platform/time.ts';
import {
  definitionFromCategory,
  type Open311Error,
  type PublicReport,
  requestFromReport,
  serviceFromCategory,
  toXml,
} from './open311.ts';
import {
  getCategory,
  listCategories,
  listForOpen311,
  open311ClientForKey,
  submitReport,
  ticketForOpen311Token,
  villageOptions,
} from './service.ts';

/**
 * Open311 GeoReport v2. The format is the path's suffix (.json or .xml); errors are arrays of
 * {code, description}; codes and ids are strings. One jurisdiction: jurisdiction_id is accepted
 * when it names this regency and refused (404) when it names another.
 */
type Format = 'json' | 'xml';
type Params = Record<string, unknown>;

const CHANGESET = '2026-11-22T00:00:00+07:00';
const MAX_RESULTS = 1000;
const WINDOW_MS = 90 * 86_400_000;

class Open311Failure extends Error {
  constructor(
    readonly status: number,
    readonly errors: Open311Error[],
  ) {
    super(errors.map((e) => e.description).join('; '));
  }
}

function splitName(file: string): { name: string; format: Format } {
  const match = /^(.+)\.(json|xml)$/.exec(file);
  if (!match) throw new Open311Failure(404, [{ code: 404, description: 'Format harus .json atau .xml.' }]);
  return { name: match[1]!, format: match[2] as Format };
}

function send(
  reply: FastifyReply,
  format: Format,
  root: Parameters<typeof toXml>[0],
  body: unknown,
  status = 200,
) {
  if (format === 'xml') return reply.code(status).type('text/xml; charset=utf-8').send(toXml(root, body));
  return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

function param(source: Params, key: string): string | undefined {
  const value = source[key];
  const first = Array.isArray(value) ? value[0] : value;
  // an empty parameter means the parameter is absent
  return first === undefined || first === null || String(first).trim() === ''
    ? undefined
    : String(first).trim();
}

function jurisdictions(request: FastifyRequest): string[] {
  const { publicUrl, regencyCode } = request.ctx.config;
  return [new URL(publicUrl).hostname, regencyCode];
}

function checkJurisdiction(request: FastifyRequest, source: Params): void {
  const id = param(source, 'jurisdiction_id');
  if (id && !jurisdictions(request).includes(id))
    throw new Open311Failure(404, [
      { code: 404, description: `jurisdiction_id "${id}" tidak dilayani di sini.` },
    ]);
}

function parseDate(source: Params, key: string): Date | undefined {
  const value = param(source, key);
  if (!value) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value))
    throw new Open311Failure(400, [
      { code: 400, description: `${key} harus tanggal ISO 8601, misalnya 2026-11-22T08:00:00+07:00.` },
    ]);
  return date;
}

function list(source: Params, key: string): string[] | undefined {
  const value = param(source, key);
  return value
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function toOpen311(reports: PublicReport[]) {
  return reports.map(requestFromReport);
}

/** attribute[code]=v and attribute[code][]=v (form-encoded) or {attribute:{code:v}} (JSON). */
function attributes(body: Params): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const nested = body.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) Object.assign(out, nested);
  for (const [key, value] of Object.entries(body)) {
    const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (match) out[match[1]!] = match[2] ? (Array.isArray(value) ? value : [value]) : value;
  }
  return out;
}

async function villageFor(request: FastifyRequest, body: Params): Promise<string> {
  const addressId = param(body, 'address_id');
  if (addressId) return addressId;
  const address = param(body, 'address_string');
  if (address) {
    const villages = await villageOptions(request.ctx);
    const lower = address.toLowerCase();
    // the longest village name found in the address wins ("Kramatwatu" over "Kramat")
    const found = villages
      .filter((v) => lower.includes(v.name.toLowerCase()))
      .sort((a, b) => b.name.length - a.name.length)[0];
    if (found) return found.code;
  }
  throw new Open311Failure(400, [
    {
      code: 400,
      description:
        'Lokasi harus menyebut desa: address_id berisi kode desa (mis. 36.04.05.2001) atau address_string yang memuat nama desa; lat dan long melengkapinya.',
    },
  ]);
}

export async function open311Routes(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error, request, reply) => {
    const file = String((request.params as Params)?.file ?? '');
    const format: Format = file.endsWith('.xml') ? 'xml' : 'json';
    let status = 500;
    let errors: Open311Error[];
    if (error instanceof Open311Failure) {
      status = error.status;
      errors = error.errors;
    } else if (error instanceof Invalid) {
      status = 400;
      errors = Object.entries(error.fields).map(([field, message]) => ({
        code: 400,
        description: `${field}: ${message}`,
      }));
    } else if (error instanceof NotFound) {
      status = 404;
      errors = [{ code: 404, description: error.message }];
    } else if (error instanceof TooManyRequests) {
      status = 400;
      errors = [{ code: 429, description: error.message }];
    } else if (error instanceof DomainError) {
      status = error.status >= 500 ? 500 : 400;
      errors = [{ code: error.status, description: error.message }];
    } else {
      const code = (error as { statusCode?: number }).statusCode;
      status = code && code >= 400 && code < 500 ? 400 : 500;
      if (status === 500) request.log.error({ err: error }, 'open311 error');
      errors = [
        { code: status, description: status === 500 ? 'Kesalahan server.' : (error as Error).message },
      ];
    }
    return send(reply, format, 'errors', errors, status);
  });

  app.get('/open311/v2/:file', { schema: { hide: true } }, async (request, reply) => {
    const { name, format } = splitName((request.params as { file: string }).file);
    const query = request.query as Params;
    checkJurisdiction(request, query);
    if (name === 'discovery') {
      const base = request.ctx.config.publicUrl;
      return send(reply, format, 'discovery', {
        changeset: CHANGESET,
        contact: `Diskominfosatik — ${base}/pengaduan`,
        key_service: `Kunci API diterbitkan admin kabupaten di ${base}/kelola/pengaduan/klien-api`,
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${base}/open311/v2`,
            changeset: CHANGESET,
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      });
    }
    if (name === 'services') {
      const categories = await listCategories(request.ctx);
      return send(reply, format, 'services', categories.map(serviceFromCategory));
    }
    if (name === 'requests') {
      const tickets = list(query, 'service_request_id');
      let filter: Parameters<typeof listForOpen311>[1];
      if (tickets) filter = { tickets };
      else {
        const now = request.ctx.clock.now();
        let from = parseDate(query, 'start_date');
        let to = parseDate(query, 'end_date');
        if (from && to && from > to)
          throw new Open311Failure(400, [{ code: 400, description: 'start_date harus sebelum end_date.' }]);
        if (from && to && to.getTime() - from.getTime() > WINDOW_MS)
          throw new Open311Failure(400, [
            { code: 400, description: 'Rentang start_date–end_date paling lama 90 hari.' },
          ]);
        if (!from && !to) from = new Date(now.getTime() - WINDOW_MS);
        else if (from && !to) to = new Date(from.getTime() + WINDOW_MS);
        else if (!from && to) from = new Date(to.getTime() - WINDOW_MS);
        const statuses = list(query, 'status');
        if (statuses?.some((s) => s !== 'open' && s !== 'closed'))
          throw new Open311Failure(400, [{ code: 400, description: 'status harus open atau closed.' }]);
        filter = {
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          ...(statuses && statuses.length === 1 ? { status: statuses[0] as 'open' | 'closed' } : {}),
          ...(list(query, 'service_code') ? { categories: list(query, 'service_code')! } : {}),
        };
      }
      const rows = await listForOpen311(request.ctx, filter, MAX_RESULTS);
      return send(reply, format, 'service_requests', toOpen311(rows));
    }
    throw new Open311Failure(404, [{ code: 404, description: `Tidak ada sumber "${name}".` }]);
  });

  app.get('/open311/v2/services/:file', { schema: { hide: true } }, async (request, reply) => {
    const { name, format } = splitName((request.params as { file: string }).file);
    checkJurisdiction(request, request.query as Params);
    const category = await getCategory(request.ctx, name).catch(() => null);
    if (!category?.active)
      throw new Open311Failure(404, [{ code: 404, description: `service_code "${name}" tidak dikenal.` }]);
    return send(reply, format, 'service_definition', definitionFromCategory(category));
  });

  app.get('/open311/v2/requests/:file', { schema: { hide: true } }, async (request, reply) => {
    const { name, format } = splitName((request.params as { file: string }).file);
    checkJurisdiction(request, request.query as Params);
    const rows = await listForOpen311(request.ctx, { tickets: [name.toUpperCase()] }, 1);
    if (rows.length === 0)
      throw new Open311Failure(404, [
        { code: 404, description: `service_request_id "${name}" tidak ditemukan.` },
      ]);
    return send(reply, format, 'service_requests', toOpen311(rows));
  });

  app.get('/open311/v2/tokens/:file', { schema: { hide: true } }, async (request, reply) => {
    const { name, format } = splitName((request.params as { file: string }).file);
    checkJurisdiction(request, request.query as Params);
    const ticket = await ticketForOpen311Token(request.ctx, name);
    if (!ticket)
      throw new Open311Failure(404, [{ code: 404, description: `token "${name}" tidak ditemukan.` }]);
    return send(reply, format, 'service_requests', [{ service_request_id: ticket, token: name }]);
  });

  app.post('/open311/v2/:file', { schema: { hide: true } }, async (request, reply) => {
    const { name, format } = splitName((request.params as { file: string }).file);
    if (name !== 'requests')
      throw new Open311Failure(404, [{ code: 404, description: `Tidak ada sumber "${name}".` }]);
    const body = ((request.body as Params | undefined) ?? {}) as Params;
    const merged: Params = { ...(request.query as Params), ...body };
    checkJurisdiction(request, merged);
    const client = await open311ClientForKey(request.ctx, param(merged, 'api_key') ?? '');
    if (!client)
      throw new Open311Failure(403, [{ code: 403, description: 'api_key tidak ada atau tidak berlaku.' }]);
    const serviceCode = param(merged, 'service_code');
    if (!serviceCode)
      throw new Open311Failure(400, [{ code: 400, description: 'service_code wajib diisi.' }]);
    const category = await getCategory(request.ctx, serviceCode).catch(() => null);
    if (!category?.active)
      throw new Open311Failure(404, [
        { code: 404, description: `service_code "${serviceCode}" tidak dikenal.` },
      ]);
    const lat = param(merged, 'lat');
    const lng = param(merged, 'long');
    const villageCode = await villageFor(request, merged);
    const description = param(merged, 'description') ?? '';
    if (description.length > 4000)
      throw new Open311Failure(400, [
        { code: 400, description: 'description paling panjang 4.000 karakter.' },
      ]);
    const firstLine = description.split(/[.\n]/)[0]?.trim() ?? '';
    const title = (firstLine.length >= 5 ? firstLine : `${category.name}`).slice(0, 120);
    const names = [param(merged, 'first_name'), param(merged, 'last_name')].filter(Boolean).join(' ');
    const receipt = await submitReport(request.ctx, {
      source: 'open311',
      categoryCode: category.code,
      villageCode,
      title,
      description,
      details: attributes(merged),
      lat: lat ?? null,
      lng: lng ?? null,
      address: param(merged, 'address_string') ?? null,
      name: names || null,
      email: param(merged, 'email') ?? null,
      phone: param(merged, 'phone') ?? null,
      ip: request.ip,
      open311ClientId: client.id,
      deviceId: param(merged, 'device_id') ?? null,
      accountId: param(merged, 'account_id') ?? null,
    });
    return send(reply, format, 'service_requests', [
      {
        service_request_id: receipt.ticket,
        token: receipt.open311Token,
        service_notice: `Target verifikasi ${isoJakarta(receipt.verifyDueAt)}; target selesai ${isoJakarta(receipt.resolveDueAt)}.`,
        account_id: param(merged, 'account_id') ?? null,
      },
    ]);
  });
}
