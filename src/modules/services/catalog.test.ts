import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICES, loadCatalog } from './catalog.ts';
import { checkDefinition } from './definition.ts';

const VILLAGE_SLUGS = [
  'keterangan-domisili',
  'keterangan-tidak-mampu',
  'keterangan-usaha',
  'pengantar-skck',
  'keterangan-kelahiran',
  'keterangan-kematian',
  'keterangan-pindah',
  'keterangan-kehilangan',
  'keterangan-penghasilan',
  'keterangan-belum-menikah',
  'pengantar-nikah',
  'keterangan-ahli-waris',
  'keterangan-beda-nama',
  'keterangan-umum',
];
const AGENCY_SLUGS = ['kartu-pencari-kerja', 'permohonan-bantuan-sosial'];
const AGENCY_CODES = [
  'DPUPR',
  'DINSOS',
  'DINKES',
  'DISDUKCAPIL',
  'DPMD',
  'DISNAKER',
  'DISKOMINFOSATIK',
  'DLH',
  'DISHUB',
  'BAPPEDA',
];

/** Column `kode` of the Permendagri 83/2022 classification (a simple CSV: the code is the first column, never quoted). */
function classificationCodes(): Set<string> {
  const csv = readFileSync(
    new URL('../../../reference/reference-codes/klasifikasi_arsip_2022.csv', import.meta.url),
    'utf8',
  );
  const [header, ...lines] = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  const column = header!.split(',').indexOf('kode');
  return new Set(lines.map((line) => line.split(',')[column]!.trim()));
}

describe('default service catalog', () => {
  it('passes the definition check for every service without a single problem', () => {
    const problems = Object.fromEntries(
      DEFAULT_SERVICES.map((service) => [service.slug, checkDefinition(service)]).filter(
        ([, found]) => Object.keys(found as object).length > 0,
      ),
    );
    expect(problems, `problems found:\n${JSON.stringify(problems, null, 2)}`).toEqual({});
  });

  it('gives every service its own slug', () => {
    const slugs = DEFAULT_SERVICES.map((service) => service.slug);
    const repeated = slugs.filter((slug, i) => slugs.indexOf(slug) !== i);
    expect(repeated).toEqual([]);
  });

  it('uses only classification codes that exist in the classification scheme', () => {
    const known = classificationCodes();
    expect(known.size).toBeGreaterThan(2000);
    const unknown = DEFAULT_SERVICES.filter((service) => !known.has(service.classificationCode)).map(
      (service) => `${service.slug}: ${service.classificationCode}`,
    );
    expect(unknown).toEqual([]);
  });

  it('offers all the village letters as village services', () => {
    const villageSlugs = DEFAULT_SERVICES.filter((service) => service.owner.type === 'village').map(
      (service) => service.slug,
    );
    expect(villageSlugs).toEqual(expect.arrayContaining(VILLAGE_SLUGS));
  });

  it('offers the jobseeker card and the social assistance application as agency services', () => {
    const agencySlugs = DEFAULT_SERVICES.filter((service) => service.owner.type === 'agency').map(
      (service) => service.slug,
    );
    expect(agencySlugs).toEqual(expect.arrayContaining(AGENCY_SLUGS));
  });

  it('assigns agency services only to agencies of the regency', () => {
    const strangers = DEFAULT_SERVICES.flatMap((service) =>
      service.owner.type === 'agency' && !AGENCY_CODES.includes(service.owner.code)
        ? [`${service.slug}: ${service.owner.code}`]
        : [],
    );
    expect(strangers).toEqual([]);
  });

  it('ends every village letter with the signature of the village head', () => {
    const unsigned = DEFAULT_SERVICES.filter(
      (service) => service.owner.type === 'village' && service.steps.at(-1)?.actor !== 'village_signatory',
    ).map((service) => service.slug);
    expect(unsigned).toEqual([]);
  });

  it('does not mention the village head in the opening of a letter an agency signs', () => {
    const wrongSigner = DEFAULT_SERVICES.filter(
      (service) => service.owner.type === 'agency' && /kepala desa/i.test(service.document.opening),
    ).map((service) => service.slug);
    expect(wrongSigner).toEqual([]);
  });

  it('gives every required choice at least two options to choose from', () => {
    const thin = DEFAULT_SERVICES.flatMap((service) =>
      service.fields
        .filter((field) => field.type === 'select' && field.required && (field.options?.length ?? 0) < 2)
        .map((field) => `${service.slug}.${field.name}`),
    );
    expect(thin).toEqual([]);
  });
});

describe('catalog files', () => {
  function folderWith(files: Record<string, string>): URL {
    const dir = mkdtempSync(join(tmpdir(), 'simpul-catalog-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return pathToFileURL(`${dir}/`);
  }
  const domisili = DEFAULT_SERVICES.find((service) => service.slug === 'keterangan-domisili')!;

  it('reads one definition per JSON file in the catalog folder', () => {
    expect(DEFAULT_SERVICES).toHaveLength(16);
    expect(loadCatalog().map((service) => service.slug)).toEqual(DEFAULT_SERVICES.map((s) => s.slug));
  });

  it('refuses a file whose definition is wrong, naming the file and the field', () => {
    const dir = folderWith({ 'keterangan-domisili.json': JSON.stringify({ ...domisili, slaDays: 0 }) });
    try {
      expect(() => loadCatalog(dir)).toThrow(/keterangan-domisili\.json:\n {2}slaDays: Target waktu harus 1/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('refuses a file that is not JSON, naming the file', () => {
    const dir = folderWith({ 'rusak.json': '{ "slug": ' });
    try {
      expect(() => loadCatalog(dir)).toThrow(/rusak\.json: not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('refuses a file named otherwise than its slug', () => {
    const dir = folderWith({ 'domisili.json': JSON.stringify(domisili) });
    try {
      expect(() => loadCatalog(dir)).toThrow(/domisili\.json:\n {2}slug: file name must be the slug/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('a service another module runs', () => {
  it('names its module and a local start page, and a start off this site is refused', () => {
    const aid = DEFAULT_SERVICES.find((d) => d.slug === 'permohonan-bantuan-sosial');
    expect(aid?.handledBy).toEqual({ module: 'aid', start: '/akun/bansos/baru' });
    const elsewhere = { ...aid, handledBy: { module: 'aid', start: '//evil.example/x' } };
    expect(checkDefinition(elsewhere).handledBy).toBeDefined();
    expect(checkDefinition(aid).handledBy).toBeUndefined();
  });
});
