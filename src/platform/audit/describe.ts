import { ROLES } from '../auth/roles.ts';
import { allMessages, formatDateTime, t } from '../i18n/index.ts';

// How an audit line reads to a person: the action and the thing in words, the detail as
// "key: value" pairs. The stored codes stay as they are (auditors filter and export by them).

const LIST_CAP = 10;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function known(key: string): boolean {
  return key in allMessages().id;
}

/** A code without words of its own still reads as words rather than snake_case. */
function plain(code: string): string {
  return code.replaceAll('_', ' ');
}

export function auditActionText(action: string): string {
  const key = `audit.act.${action}`;
  return known(key) ? t(key) : plain(action);
}

export function auditEntityText(entity: string): string {
  const key = `audit.thing.${entity}`;
  return known(key) ? t(key) : plain(entity);
}

function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no');
  if (typeof value === 'number') return value.toLocaleString('id-ID');
  if (Array.isArray(value)) {
    const shown = value.slice(0, LIST_CAP).map((v) => valueText(key, v));
    const rest = value.length - shown.length;
    return rest > 0 ? `${shown.join(', ')} ${t('audit.more', { n: rest })}` : shown.join(', ');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${auditDetailKeyText(k)}: ${valueText(k, v)}`)
      .join('; ');
  }
  const text = String(value);
  if (key === 'role' && (ROLES as readonly string[]).includes(text)) return t(`role.${text}`);
  if (ISO_TIME.test(text) && !Number.isNaN(Date.parse(text))) return formatDateTime(text);
  return text;
}

export function auditDetailKeyText(key: string): string {
  const name = `audit.key.${key}`;
  return known(name) ? t(name) : plain(key);
}

/** The detail object as readable pairs, in the order it was written. */
export function auditDetailPairs(detail: unknown): Array<{ key: string; label: string; value: string }> {
  if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return [];
  return Object.entries(detail as Record<string, unknown>).map(([key, value]) => ({
    key,
    label: auditDetailKeyText(key),
    value: valueText(key, value),
  }));
}
