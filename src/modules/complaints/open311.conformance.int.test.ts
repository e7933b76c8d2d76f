/**
 * Open311 GeoReport v2 conformance, checked the way an outside client sees the server: real HTTP
 * on a listening port, JSON validated against schemas written from the spec, and every XML twin
 * compared with its JSON.
 */
import { Ajv } from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, withActor } from '../../platform/context.ts';
import { allTests, buildTestApp, makeStaff } from '../../testing.ts';
import * as service from './service.ts';
import { KRAMATWATU, MARGASANA } from './test-builders.ts';

const ajv = new Ajv({ allErrors: true, strict: true });
const ISO = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';
const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };

const schemas = {
  discovery: {
    type: 'object',
    required: ['changeset', 'contact', 'key_service', 'endpoints'],
    properties: {
      changeset: { type: 'string', pattern: ISO },
      contact: str,
      key_service: str,
      endpoints: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['specification', 'url', 'changeset', 'type', 'formats'],
          additionalProperties: false,
          properties: {
            specification: str,
            url: str,
            changeset: str,
            type: { enum: ['production', 'test'] },
            formats: { type: 'array', items: { enum: ['text/xml', 'application/json'] } },
          },
        },
      },
    },
  },
  services: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
      properties: {
        service_code: str,
        service_name: str,
        description: str,
        metadata: { type: 'boolean' },
        type: { enum: ['realtime', 'batch', 'blackbox'] },
        keywords: str,
        group: str,
      },
    },
  },
  definition: {
    type: 'object',
    required: ['service_code', 'attributes'],
    additionalProperties: false,
    properties: {
      service_code: str,
      attributes: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: [
            'variable',
            'code',
            'datatype',
            'required',
            'datatype_description',
            'order',
            'description',
          ],
          properties: {
            variable: { type: 'boolean' },
            code: str,
            datatype: { enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] },
            required: { type: 'boolean' },
            datatype_description: str,
            order: { type: 'integer', minimum: 1 },
            description: str,
            values: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['key', 'name'],
                properties: { key: str, name: str },
              },
            },
          },
        },
      },
    },
  },
  requests: {
    type: 'array',
    items: {
      type: 'object',
      additionalProperties: false,
      required: [
        'service_request_id',
        'status',
        'status_notes',
        'service_name',
        'service_code',
        'description',
        'agency_responsible',
        'service_notice',
        'requested_datetime',
        'updated_datetime',
        'expected_datetime',
        'address',
        'address_id',
        'zipcode',
        'lat',
        'long',
        'media_url',
      ],
      properties: {
        service_request_id: str,
        status: { enum: ['open', 'closed'] },
        status_notes: nullableStr,
        service_name: str,
        service_code: str,
        description: nullableStr,
        agency_responsible: str,
        service_notice: nullableStr,
        requested_datetime: { type: 'string', pattern: ISO },
        updated_datetime: { type: 'string', pattern: ISO },
        expected_datetime: { type: ['string', 'null'], pattern: ISO },
        address: nullableStr,
        address_id: nullableStr,
        zipcode: nullableStr,
        lat: { type: ['number', 'null'] },
        long: { type: ['number', 'null'] },
        media_url: nullableStr,
      },
    },
  },
  created: {
    type: 'array',
    minItems: 1,
    maxItems: 1,
    items: {
      type: 'object',
      required: ['service_request_id', 'service_notice', 'account_id'],
      properties: {
        service_request_id: str,
        token: nullableStr,
        service_notice: nullableStr,
        account_id: nullableStr,
      },
    },
  },
  token: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['service_request_id', 'token'],
      properties: { service_request_id: str, token: str },
    },
  },
  errors: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'description'],
      properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
    },
  },
} as const;

function valid(schema: keyof typeof schemas, body: unknown) {
  const check = ajv.compile(schemas[schema]);
  const ok = check(body);
  return ok ? 'valid' : ajv.errorsText(check.errors);
}

const LISTS: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
  service_requests: 'request',
};
const parser = new XMLParser({
  parseTagValue: false,
  isArray: (name) => Object.values(LISTS).includes(name),
});

/** The XML document reshaped like its JSON twin, every leaf a string (XML has no types). */
function xmlAsJson(node: unknown, key?: string): unknown {
  if (key && LISTS[key]) {
    if (node === '' || node === undefined) return [];
    const items = (node as Record<string, unknown[]>)[LISTS[key]!] ?? [];
    return items.map((item) => xmlAsJson(item));
  }
  if (node && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, xmlAsJson(v, k)]));
  return node;
}

function jsonAsStrings(value: unknown): unknown {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(jsonAsStrings);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, jsonAsStrings(v)]));
  return String(value);
}

let base: string;
let apiKey: string;
const clock = fixedClock('2026-11-23T02:00:00Z');

/** What the client reads of an answer: its status, type and text, and the text as JSON. */
async function answer(response: Response) {
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    text,
    json: () => JSON.parse(text),
  };
}

async function get(path: string) {
  return answer(await fetch(`${base}${path}`));
}

async function post(path: string, fields: Record<string, string | string[]>) {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields))
    for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
  return answer(
    await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    }),
  );
}

/** The ids of the requests a JSON answer lists. */
const ids = (r: { json: () => Array<{ service_request_id: string }> }) =>
  r.json().map((x) => x.service_request_id);

/** The JSON answer, its XML twin (same path, .xml), and both compared. */
async function twins(path: string, root: string) {
  const json = await get(path.replace('{fmt}', 'json'));
  const xml = await get(path.replace('{fmt}', 'xml'));
  expect(json.type).toContain('application/json');
  expect(xml.type).toContain('text/xml');
  expect(xml.status).toBe(json.status);
  const parsed = parser.parse(xml.text) as Record<string, unknown>;
  expect(Object.keys(parsed).filter((k) => k !== '?xml')).toEqual([root]);
  expect(xmlAsJson(parsed[root], root)).toEqual(jsonAsStrings(json.json()));
  return json;
}

const road = {
  service_code: 'JALAN_RUSAK',
  lat: '-6.0581',
  long: '106.1106',
  address_id: KRAMATWATU,
  description: 'Jalan berlubang di depan balai desa. Lubang sedalam 20 cm.',
  'attribute[panjang_km]': '0.5',
  'attribute[status_jalan]': 'kabupaten',
  email: 'pelapor@contoh.id',
  first_name: 'Rina',
  device_id: 'android-123',
  account_id: 'akun-77',
};

/** A report filed through POST /requests.json with the client's key: the road report with `changes`; its id. */
async function fileReport(changes: Record<string, string> = {}): Promise<string> {
  return (await post('/requests.json', { ...road, api_key: apiKey, ...changes })).json()[0]
    .service_request_id;
}

const test = allTests(() => buildTestApp({ clock, config: undefined }));
beforeAll(async () => {
  await service.seedComplaintReference(test.ctx);
  const admin = withActor(test.ctx, await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }));
  apiKey = await service.createOpen311Client(admin, 'Aplikasi Seluler Uji');
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  const address = test.app.server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}/open311/v2`;
});

describe('Open311 GeoReport v2 conformance', () => {
  it('discovery: an object with the endpoint, both formats, in JSON and XML', async () => {
    const json = await twins('/discovery.{fmt}', 'discovery');
    expect(valid('discovery', json.json())).toBe('valid');
    expect(json.json().endpoints[0].url).toMatch(/\/open311\/v2$/);
    expect(json.json().endpoints[0].formats).toEqual(['text/xml', 'application/json']);
  });

  it('services: a top-level array with string codes, the road category carrying metadata', async () => {
    const json = await twins('/services.{fmt}', 'services');
    expect(valid('services', json.json())).toBe('valid');
    const road = json.json().find((s: { service_code: string }) => s.service_code === 'JALAN_RUSAK');
    expect(road.metadata).toBe(true);
    expect(json.json().some((s: { service_code: string }) => s.service_code === 'LAINNYA')).toBe(true);
  });

  it('service definition: attributes in unique positive order with list values', async () => {
    const json = await twins('/services/JALAN_RUSAK.{fmt}', 'service_definition');
    expect(valid('definition', json.json())).toBe('valid');
    const orders = json.json().attributes.map((a: { order: number }) => a.order);
    expect(new Set(orders).size).toBe(orders.length);
    const status = json.json().attributes.find((a: { code: string }) => a.code === 'status_jalan');
    expect(status.values.map((v: { key: string }) => v.key)).toContain('desa');
  });

  it('an unknown service or request answers 404 with an error array, in JSON and XML', async () => {
    for (const path of [
      '/services/TIDAK_ADA.{fmt}',
      '/requests/PGD-0000-0000.{fmt}',
      '/tokens/tidak-ada.{fmt}',
    ]) {
      const json = await twins(path, 'errors');
      expect(json.status).toBe(404);
      expect(valid('errors', json.json())).toBe('valid');
    }
  });

  it('POST without an api_key, or with a wrong one, is refused with 403', async () => {
    const missing = await post('/requests.json', road);
    expect(missing.status).toBe(403);
    expect(valid('errors', missing.json())).toBe('valid');
    const wrong = await post('/requests.xml', { ...road, api_key: 'o311_salah' });
    expect(wrong.status).toBe(403);
    expect(parser.parse(wrong.text).errors.error[0].code).toBe('403');
  });

  it('POST with bad input answers 400 (or 404 for an unknown service) with a description per problem', async () => {
    const cases: Array<[Record<string, string>, number, RegExp]> = [
      [{ ...road, service_code: '' }, 400, /service_code/],
      [{ ...road, service_code: 'TIDAK_ADA' }, 404, /TIDAK_ADA/],
      [{ ...road, address_id: '' }, 400, /address_id/],
      [{ ...road, 'attribute[panjang_km]': '' }, 400, /Panjang kerusakan/],
      [{ ...road, description: 'x'.repeat(4001) }, 400, /4.000/],
      [{ ...road, lat: '-95' }, 400, /lintang/],
    ];
    for (const [fields, status, text] of cases) {
      const response = await post('/requests.json', { ...fields, api_key: apiKey });
      expect(response.status, JSON.stringify(fields).slice(0, 80)).toBe(status);
      expect(valid('errors', response.json())).toBe('valid');
      expect(
        response
          .json()
          .map((e: { description: string }) => e.description)
          .join(' '),
      ).toMatch(text);
    }
  });

  it('files a report with attributes, returns its id and token, and serves it back by id and by token', async () => {
    const created = await post('/requests.json', { ...road, api_key: apiKey, jurisdiction_id: '36.04' });
    expect(created.status).toBe(200);
    expect(valid('created', created.json())).toBe('valid');
    const [{ service_request_id: id, token, account_id }] = created.json();
    expect(account_id).toBe('akun-77');
    const byToken = await twins(`/tokens/${token}.{fmt}`, 'service_requests');
    expect(valid('token', byToken.json())).toBe('valid');
    expect(byToken.json()[0].service_request_id).toBe(id);
    const one = await twins(`/requests/${id}.{fmt}`, 'service_requests');
    expect(valid('requests', one.json())).toBe('valid');
    expect(one.json()[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'JALAN_RUSAK',
      address_id: KRAMATWATU,
      lat: -6.0581,
      long: 106.1106,
      agency_responsible: 'DPUPR',
    });
    expect(one.json()[0].expected_datetime).toMatch(/\+07:00$/);
    expect(JSON.stringify(one.json())).not.toContain('pelapor@contoh.id');
  });

  it('files through the XML endpoint and finds the village in address_string', async () => {
    const created = await post('/requests.xml', {
      service_code: 'LAMPU_JALAN',
      api_key: apiKey,
      address_string: 'Jl. Raya Margasana dekat masjid',
      description: 'Tiga lampu jalan mati sejak minggu lalu.',
    });
    expect(created.status).toBe(200);
    const id = parser.parse(created.text).service_requests.request[0].service_request_id;
    const one = (await get(`/requests/${id}.json`)).json();
    expect(one[0].address_id).toBe(MARGASANA);
  });

  it('accepts this regency as jurisdiction_id and refuses another with 404', async () => {
    expect((await get('/services.json?jurisdiction_id=36.04')).status).toBe(200);
    expect((await get('/services.json?jurisdiction_id=')).status).toBe(200);
    const other = await get('/services.json?jurisdiction_id=bandung.go.id');
    expect(other.status).toBe(404);
    expect(valid('errors', other.json())).toBe('valid');
  });

  it('GET requests filters by id list, service code and status; ids override the other filters', async () => {
    const a = await fileReport();
    const b = await fileReport({ service_code: 'SAMPAH', description: 'Sampah tidak diangkut seminggu.' });
    const dpupr = withActor(test.ctx, await makeStaff(test.ctx, { role: 'opd', scope: 'DPUPR' }));
    await service.changeState(dpupr, a, { state: 'selesai', reason: 'Sudah ditambal.' });

    const both = await twins(
      `/requests.{fmt}?service_request_id=${a},${b}&service_code=TIDAK_ADA`,
      'service_requests',
    );
    expect(ids(both).sort()).toEqual([a, b].sort());
    expect(valid('requests', both.json())).toBe('valid');
    expect(ids(await get('/requests.json?service_code=SAMPAH'))).toEqual([b]);
    const closed = await get('/requests.json?status=closed');
    expect(ids(closed)).toEqual([a]);
    expect(closed.json()[0].status_notes).toContain('Selesai');
    expect(ids(await get('/requests.json?status=open&service_code=SAMPAH,JALAN_RUSAK'))).toContain(b);
    expect(ids(await get('/requests.json?status=&service_code='))).toEqual(expect.arrayContaining([a, b]));
  });

  it('GET requests refuses a date range over 90 days and a date that is not ISO 8601', async () => {
    const wide = await get(
      '/requests.json?start_date=2026-01-01T00:00:00%2B07:00&end_date=2026-06-01T00:00:00%2B07:00',
    );
    expect(wide.status).toBe(400);
    expect(valid('errors', wide.json())).toBe('valid');
    expect((await get('/requests.xml?start_date=kemarin')).status).toBe(400);
    expect((await get('/requests.json?status=pending')).status).toBe(400);
  });

  it('GET requests defaults to the last 90 days and honours a start/end window', async () => {
    clock.set('2026-07-01T02:00:00Z');
    const old = await fileReport({ device_id: 'lama' });
    clock.set('2026-11-23T02:00:00Z');
    expect(ids(await get('/requests.json'))).not.toContain(old);
    const july = await get(
      '/requests.json?start_date=2026-06-30T00:00:00%2B07:00&end_date=2026-07-02T00:00:00%2B07:00',
    );
    expect(ids(july)).toEqual([old]);
  });

  it('redacts phone numbers and NIK that a reporter typed into the description', async () => {
    const id = await fileReport({
      description: 'Jalan amblas. Hubungi 0812-3456-7890 atau NIK 3604051203900012 untuk detail.',
    });
    const both = [await get(`/requests/${id}.json`), await get(`/requests/${id}.xml`)];
    for (const response of both) {
      expect(response.text).not.toContain('3456-7890');
      expect(response.text).not.toContain('3604051203900012');
      expect(response.text).toContain('[NIK disamarkan]');
    }
  });

  it('never lists a confidential report', async () => {
    const secret = await fileReport({ service_code: 'BANSOS', description: 'Bantuan PKH tidak sampai.' });
    expect((await get(`/requests/${secret}.json`)).status).toBe(404);
    expect(ids(await get('/requests.json'))).not.toContain(secret);
  });
});
