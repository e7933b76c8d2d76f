import type { ServiceDefinition } from './definition.ts';

/** Kinds of letter the catalogue is grouped by, in the order a resident looks for them. */
export const CATALOG_GROUPS = ['kependudukan', 'ekonomi', 'pengantar', 'lain', 'opd'] as const;
export type CatalogGroup = (typeof CATALOG_GROUPS)[number];

const BY_SLUG: Record<string, CatalogGroup> = {
  'keterangan-domisili': 'kependudukan',
  'keterangan-kelahiran': 'kependudukan',
  'keterangan-kematian': 'kependudukan',
  'keterangan-pindah': 'kependudukan',
  'keterangan-belum-menikah': 'kependudukan',
  'keterangan-ahli-waris': 'kependudukan',
  'keterangan-beda-nama': 'kependudukan',
  'keterangan-tidak-mampu': 'ekonomi',
  'keterangan-usaha': 'ekonomi',
  'keterangan-penghasilan': 'ekonomi',
  'pengantar-skck': 'pengantar',
  'pengantar-nikah': 'pengantar',
};

/** The group of a service: agency services together, village letters by kind, a new letter under "lain". */
export function groupOf(definition: ServiceDefinition): CatalogGroup {
  if (definition.owner.type === 'agency') return 'opd';
  return BY_SLUG[definition.slug] ?? (definition.slug.startsWith('pengantar-') ? 'pengantar' : 'lain');
}

/** Does a service match what the resident typed? Every word must appear in its name, description or code. */
export function matchesSearch(definition: ServiceDefinition, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = [
    definition.name.id,
    definition.name.en,
    definition.description.id,
    definition.description.en,
    definition.letterCode,
    definition.slug,
  ]
    .join(' ')
    .toLowerCase();
  return words.every((word) => text.includes(word));
}
