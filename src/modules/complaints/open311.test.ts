import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from './defaults.ts';
import { definitionFromCategory, requestFromReport, serviceFromCategory, toXml } from './open311.ts';

const road = DEFAULT_CATEGORIES.find((c) => c.code === 'JALAN_RUSAK')!;
const roadCategory = { ...road, fields: road.fields ?? [] };

describe('Open311 serialisers', () => {
  it('describes a category with extra questions as a service with metadata', () => {
    const service = serviceFromCategory(roadCategory);
    expect(service).toMatchObject({ service_code: 'JALAN_RUSAK', metadata: true, type: 'realtime' });
  });

  it('numbers the attributes of a definition from 1 and keeps the list values', () => {
    const definition = definitionFromCategory(roadCategory);
    expect(definition.attributes.map((a) => a.order)).toEqual([1, 2, 3]);
    const status = definition.attributes.find((a) => a.code === 'status_jalan')!;
    expect(status.datatype).toBe('singlevaluelist');
    expect(status.values?.[0]).toEqual({ key: 'kabupaten', name: 'Jalan kabupaten' });
  });

  it('maps a scheduled report to open, a rejected one to closed, and dates carry +07:00', () => {
    const base = {
      ticket: 'SRG-ABC123',
      stateLabel: 'Dijadwalkan',
      categoryCode: 'JALAN_RUSAK',
      categoryName: 'Jalan rusak',
      title: 'Lubang',
      description: 'Dalam',
      handlerName: 'DPUPR',
      createdAt: new Date('2026-11-22T01:00:00Z'),
      updatedAt: new Date('2026-11-22T02:00:00Z'),
      resolveDueAt: null,
      address: null,
      villageCode: '36.04.05.2001',
      lat: -6.1,
      lng: 106.1,
      mediaUrl: null,
      lastPublicNote: null,
    };
    const open = requestFromReport({ ...base, state: 'dijadwalkan' });
    expect(open.status).toBe('open');
    expect(open.requested_datetime).toBe('2026-11-22T08:00:00+07:00');
    expect(typeof open.service_request_id).toBe('string');
    expect(requestFromReport({ ...base, state: 'ditolak' }).status).toBe('closed');
  });

  it('writes XML whose lists use the spec element names and escapes text', () => {
    const xml = toXml('service_requests', [{ service_request_id: 'A&B', lat: null }]);
    const parsed = new XMLParser().parse(xml);
    expect(parsed.service_requests.request.service_request_id).toBe('A&B');
    expect(xml).toContain('<lat/>');
    expect(toXml('errors', [{ code: 403, description: 'x' }])).toContain(
      '<errors><error><code>403</code><description>x</description></error></errors>',
    );
  });
});
