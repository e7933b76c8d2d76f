import { regionContains, scopeLevel } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { readVillageFigures } from '../../platform/figures/index.ts';
import { formatNumber, t } from '../../platform/i18n/index.ts';
import { documentsPublishedByVillage } from '../informasi/service.ts';
import { listVillages, regionName, type Village } from '../regions/service.ts';
import { type DashboardPage, type DataTable, percent, tableBars } from './model.ts';
import { assertMaySeeAny, pageRegion } from './policy.ts';
import { figureSources } from './sources.ts';

/** The figures (published by their modules) each adoption criterion is read from. */
export const ADOPTION_FIGURES = [
  'sites.profilesFilled',
  'sites.publishedLast90Days',
  'services.completedLast30Days',
  'residents.population',
  'health.measuredThisMonth',
  'umkm.total',
  'platform.operatorsActive14Days',
] as const;

export interface VillageAdoption {
  code: string;
  name: string;
  kecamatanCode: string;
  kecamatanName: string;
  siteLive: boolean;
  servicesEffective: boolean;
  residentsImported: boolean;
  posyanduMeasured: boolean;
  umkmEntered: boolean;
  registriesInUse: boolean;
  operatorsActive: boolean;
  /** how many of the four criteria hold (site, services, registries, operators) */
  score: number;
  published90: number;
  /** public information documents (PPID) the village published in the last 90 days */
  documents90: number;
  completed30: number;
}

export interface AdoptionCounts {
  villages: number;
  siteLive: number;
  servicesEffective: number;
  registriesInUse: number;
  operatorsActive: number;
}

/** Each village of the region against the four criteria, from the modules' figures. */
export async function villageAdoption(
  ctx: Ctx,
  region: string,
): Promise<{ villages: VillageAdoption[]; asOf: Date }> {
  const villages = (await listVillages(ctx)).filter((v) => regionContains(region, v.code));
  const codes = villages.map((v) => v.code);
  const [{ values, asOf }, documents] = await Promise.all([
    readVillageFigures(ctx, await figureSources(), codes, ADOPTION_FIGURES),
    documentsPublishedByVillage(ctx, codes, 90),
  ]);
  const value = (name: string, code: string) => values.get(name)?.get(code) ?? 0;
  return {
    villages: villages.map((v) => adoptionOf(v, (name) => value(name, v.code), documents.get(v.code) ?? 0)),
    asOf,
  };
}

function adoptionOf(
  v: Village,
  value: (name: (typeof ADOPTION_FIGURES)[number]) => number,
  documents90: number,
): VillageAdoption {
  const published90 = value('sites.publishedLast90Days');
  const completed30 = value('services.completedLast30Days');
  const siteLive = value('sites.profilesFilled') > 0 && published90 + documents90 > 0;
  const servicesEffective = completed30 > 0;
  const residentsImported = value('residents.population') > 0;
  const posyanduMeasured = value('health.measuredThisMonth') > 0;
  const umkmEntered = value('umkm.total') > 0;
  const registriesInUse = residentsImported && posyanduMeasured && umkmEntered;
  const operatorsActive = value('platform.operatorsActive14Days') > 0;
  const score = [siteLive, servicesEffective, registriesInUse, operatorsActive].filter(Boolean).length;
  return {
    code: v.code,
    name: v.name,
    kecamatanCode: v.kecamatanCode,
    kecamatanName: v.kecamatanName,
    siteLive,
    servicesEffective,
    residentsImported,
    posyanduMeasured,
    umkmEntered,
    registriesInUse,
    operatorsActive,
    score,
    published90,
    documents90,
    completed30,
  };
}

export function adoptionCounts(villages: readonly VillageAdoption[]): AdoptionCounts {
  return {
    villages: villages.length,
    siteLive: villages.filter((v) => v.siteLive).length,
    servicesEffective: villages.filter((v) => v.servicesEffective).length,
    registriesInUse: villages.filter((v) => v.registriesInUse).length,
    operatorsActive: villages.filter((v) => v.operatorsActive).length,
  };
}

/** Villages to visit first: fewest criteria met, then the kecamatan's order. */
export function visitOrder(villages: readonly VillageAdoption[]): VillageAdoption[] {
  return [...villages].sort((a, b) => a.score - b.score || a.code.localeCompare(b.code));
}

const yes = (b: boolean) => (b ? t('dashboards.yes') : t('dashboards.no'));

function villageTable(villages: readonly VillageAdoption[]): DataTable {
  return {
    name: 'desa',
    title: t('dashboards.adoption.byVillage'),
    header: [
      t('dashboards.village'),
      t('dashboards.kecamatan'),
      t('dashboards.adoption.score'),
      t('dashboards.adoption.siteLive'),
      t('dashboards.adoption.servicesEffective'),
      t('dashboards.adoption.residentsImported'),
      t('dashboards.adoption.posyanduMeasured'),
      t('dashboards.adoption.umkmEntered'),
      t('dashboards.adoption.operatorsActive'),
      t('dashboards.adoption.published90'),
      t('dashboards.adoption.documents90'),
      t('dashboards.adoption.completed30'),
    ],
    rows: visitOrder(villages).map((v) => [
      v.name,
      v.kecamatanName,
      `${v.score}/4`,
      yes(v.siteLive),
      yes(v.servicesEffective),
      yes(v.residentsImported),
      yes(v.posyanduMeasured),
      yes(v.umkmEntered),
      yes(v.operatorsActive),
      v.published90,
      v.documents90,
      v.completed30,
    ]),
  };
}

function countsHeader(first: string): string[] {
  return [
    first,
    t('dashboards.adoption.villages'),
    t('dashboards.adoption.siteLive'),
    t('dashboards.adoption.servicesEffective'),
    t('dashboards.adoption.registriesInUse'),
    t('dashboards.adoption.operatorsActive'),
    `${t('dashboards.adoption.servicesEffective')} (%)`,
  ];
}

function countsCells(name: string, c: AdoptionCounts) {
  return [
    name,
    c.villages,
    c.siteLive,
    c.servicesEffective,
    c.registriesInUse,
    c.operatorsActive,
    percent(c.servicesEffective, c.villages),
  ];
}

function kecamatanTable(villages: readonly VillageAdoption[]): DataTable {
  const groups = new Map<string, VillageAdoption[]>();
  for (const v of villages) groups.set(v.kecamatanCode, [...(groups.get(v.kecamatanCode) ?? []), v]);
  return {
    name: 'kecamatan',
    title: t('dashboards.adoption.byKecamatan'),
    header: countsHeader(t('dashboards.kecamatan')),
    rows: [...groups.values()].map((vs) => countsCells(vs[0]?.kecamatanName ?? '', adoptionCounts(vs))),
  };
}

export function adoptionDefinitions(): Array<[string, string]> {
  return [
    [t('dashboards.adoption.siteLive'), t('dashboards.adoption.siteLiveDef')],
    [t('dashboards.adoption.servicesEffective'), t('dashboards.adoption.servicesEffectiveDef')],
    [t('dashboards.adoption.registriesInUse'), t('dashboards.adoption.registriesInUseDef')],
    [t('dashboards.adoption.operatorsActive'), t('dashboards.adoption.operatorsActiveDef')],
  ];
}

/** `/kelola/statistik/adopsi`: the villages of the region against the digital-village criteria. */
export async function adoptionPage(ctx: Ctx, query: { wilayah?: string }): Promise<DashboardPage> {
  assertMaySeeAny(ctx.actor, ['adoption']);
  const region = pageRegion(ctx, query.wilayah);
  const [{ villages, asOf }, name] = await Promise.all([
    villageAdoption(ctx, region),
    regionName(ctx, region),
  ]);
  const c = adoptionCounts(villages);
  const level = scopeLevel(region);
  const tables =
    level === 'regency' ? [kecamatanTable(villages), villageTable(villages)] : [villageTable(villages)];
  const byKecamatan = tables[0]!;
  return {
    path: '/kelola/statistik/adopsi',
    title: t('dashboards.adoption.title', { region: name }),
    region,
    regionName: name,
    asOf,
    query: { wilayah: region },
    headline: [
      [
        t('dashboards.adoption.headServices'),
        t('dashboards.ofVillages', { n: formatNumber(c.servicesEffective), total: formatNumber(c.villages) }),
      ],
      [
        t('dashboards.adoption.headSites'),
        t('dashboards.ofVillages', { n: formatNumber(c.siteLive), total: formatNumber(c.villages) }),
      ],
      [
        t('dashboards.adoption.headRegistries'),
        t('dashboards.ofVillages', { n: formatNumber(c.registriesInUse), total: formatNumber(c.villages) }),
      ],
      [
        t('dashboards.adoption.headOperators'),
        t('dashboards.ofVillages', { n: formatNumber(c.operatorsActive), total: formatNumber(c.villages) }),
      ],
    ],
    definitions: adoptionDefinitions(),
    charts:
      level === 'regency'
        ? [
            {
              title: t('dashboards.adoption.byKecamatan'),
              height: 360,
              option: tableBars(byKecamatan, [2, 3]),
            },
          ]
        : [],
    tables,
    notes: level === 'regency' ? [] : [t('dashboards.adoption.visitFirst')],
  };
}
