import { isoJakarta } from '../../platform/time.ts';
import type { CategoryField } from './fields.ts';
import { open311Status, type State } from './states.ts';

/** GeoReport v2 shapes, with the spec's own field names. Codes and ids are strings, always. */
interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: CategoryField['datatype'];
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values?: Array<{ key: string; name: string }>;
}

interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export interface Open311Error {
  code: number;
  description: string;
}

export function serviceFromCategory(category: {
  code: string;
  name: string;
  description: string;
  group: string;
  fields: CategoryField[];
}): Open311Service {
  return {
    service_code: category.code,
    service_name: category.name,
    description: category.description,
    metadata: category.fields.length > 0,
    type: 'realtime',
    keywords: category.name
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .join(','),
    group: category.group,
  };
}

export function definitionFromCategory(category: {
  code: string;
  fields: CategoryField[];
}): Open311ServiceDefinition {
  return {
    service_code: category.code,
    attributes: category.fields.map((field, index) => ({
      variable: true,
      code: field.code,
      datatype: field.datatype,
      required: field.required,
      datatype_description: [
        field.unit ? `satuan ${field.unit}` : '',
        field.min !== undefined ? `min ${field.min}` : '',
        field.max !== undefined ? `maks ${field.max}` : '',
      ]
        .filter(Boolean)
        .join(', '),
      order: index + 1,
      description: field.label,
      ...(field.values ? { values: field.values } : {}),
    })),
  };
}

/** What the public may read of a report (already redacted and with confidential text removed). */
export interface PublicReport {
  ticket: string;
  state: State;
  stateLabel: string;
  categoryCode: string;
  categoryName: string;
  title: string | null;
  description: string | null;
  handlerName: string;
  createdAt: Date;
  updatedAt: Date;
  resolveDueAt: Date | null;
  address: string | null;
  villageCode: string;
  lat: number | null;
  lng: number | null;
  mediaUrl: string | null;
  lastPublicNote: string | null;
}

export function requestFromReport(report: PublicReport): Open311Request {
  const notes = [report.stateLabel, report.lastPublicNote].filter(Boolean).join(' — ');
  return {
    service_request_id: report.ticket,
    status: open311Status(report.state),
    status_notes: notes || null,
    service_name: report.categoryName,
    service_code: report.categoryCode,
    description:
      report.title && report.description ? `${report.title}\n\n${report.description}` : report.description,
    agency_responsible: report.handlerName,
    service_notice: null,
    requested_datetime: isoJakarta(report.createdAt),
    updated_datetime: isoJakarta(report.updatedAt),
    expected_datetime: report.resolveDueAt ? isoJakarta(report.resolveDueAt) : null,
    address: report.address,
    address_id: report.villageCode,
    zipcode: null,
    lat: report.lat,
    long: report.lng,
    media_url: report.mediaUrl,
  };
}

// Element names of the items inside each list, as the spec's XML examples have them.
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
  service_requests: 'request',
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters; matching them is the point
const CONTROL_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g;

function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // XML 1.0 forbids most control characters even when escaped
      .replace(CONTROL_CHARACTERS, '')
  );
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The XML twin of a JSON body: a top-level array becomes the named root with one element per item. */
export function toXml(
  root: keyof typeof ITEM_NAMES | 'discovery' | 'service_definition',
  body: unknown,
): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, body)}`;
}
