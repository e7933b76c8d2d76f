import { SYSTEM } from '../../platform/auth/roles.ts';
import { type Ctx, withActor } from '../../platform/context.ts';
import { readVillageFigures } from '../../platform/figures/index.ts';
import { formatNumber, t } from '../../platform/i18n/index.ts';
import { publicComplaintCounts } from '../complaints/service.ts';
import { listKecamatan } from '../regions/service.ts';
import { villageAdoption } from './adoption.ts';
import { type DashboardPage, type DataTable, percent } from './model.ts';
import { figureSources } from './sources.ts';

/** Below this a count of people could point at a family in a small village: shown as "< 5". */
export const SMALL_CELL = 5;

/** A count of people as a public page may show it: 1–4 written "< 5"; 0 names nobody. */
export function publicCount(n: number): string {
  return n > 0 && n < SMALL_CELL ? `< ${SMALL_CELL}` : formatNumber(n);
}

interface KecamatanRow {
  name: string;
  villages: number;
  siteLive: number;
  servicesEffective: number;
  population: number;
  complaintsOpen: number;
  complaintsFinished: number;
  stunted: number;
  assessed: number;
}

/**
 * `/statistik`: the regency's figures per kecamatan for anyone, counted as the system (no person is
 * in them): villages online, population, public reports, stunting with small cells suppressed.
 */
export async function publicStatistics(ctx: Ctx): Promise<DashboardPage> {
  const system = withActor(ctx, SYSTEM);
  const regency = ctx.config.regencyCode;
  const [{ villages, asOf }, kecamatan, complaints, sources] = await Promise.all([
    villageAdoption(system, regency),
    listKecamatan(system),
    publicComplaintCounts(system, regency),
    figureSources(),
  ]);
  const rows = new Map<string, KecamatanRow>(
    kecamatan.map((k) => [
      k.code,
      {
        name: k.name,
        villages: 0,
        siteLive: 0,
        servicesEffective: 0,
        population: 0,
        complaintsOpen: 0,
        complaintsFinished: 0,
        stunted: 0,
        assessed: 0,
      },
    ]),
  );
  const { values } = await readVillageFigures(
    system,
    sources,
    villages.map((v) => v.code),
    ['residents.population', 'health.stunted', 'health.heightAssessed'],
  );
  const villageValue = (name: string, village: string) => Number(values.get(name)?.get(village) ?? 0);
  for (const v of villages) {
    const row = rows.get(v.kecamatanCode);
    if (!row) continue;
    row.villages++;
    if (v.siteLive) row.siteLive++;
    if (v.servicesEffective) row.servicesEffective++;
    row.population += villageValue('residents.population', v.code);
    // the month's counts are sums of the villages' rollup rows, so a kecamatan's is its villages' sum
    row.stunted += villageValue('health.stunted', v.code);
    row.assessed += villageValue('health.heightAssessed', v.code);
  }
  for (const c of complaints) {
    const row = rows.get(c.villageCode.split('.').slice(0, 3).join('.'));
    if (!row) continue;
    row.complaintsOpen += c.open;
    row.complaintsFinished += c.finished;
  }
  const table: DataTable = {
    name: 'kecamatan',
    title: t('dashboards.public.byKecamatan'),
    header: [
      t('dashboards.kecamatan'),
      t('dashboards.adoption.villages'),
      t('dashboards.adoption.siteLive'),
      t('dashboards.adoption.servicesEffective'),
      t('dashboards.social.residents'),
      t('dashboards.public.complaintsOpen'),
      t('dashboards.public.complaintsFinished'),
      t('dashboards.social.stunted'),
      t('dashboards.social.stuntingPercent'),
    ],
    rows: [...rows.values()].map((r) => [
      r.name,
      r.villages,
      r.siteLive,
      r.servicesEffective,
      publicCount(r.population),
      r.complaintsOpen,
      r.complaintsFinished,
      publicCount(r.stunted),
      r.stunted > 0 && r.stunted < SMALL_CELL ? '–' : percent(r.stunted, r.assessed),
    ]),
  };
  const counts = villages.reduce(
    (sum, v) => ({
      services: sum.services + (v.servicesEffective ? 1 : 0),
      sites: sum.sites + (v.siteLive ? 1 : 0),
    }),
    { services: 0, sites: 0 },
  );
  const total = formatNumber(villages.length);
  return {
    path: '/statistik',
    title: t('dashboards.public.title'),
    region: regency,
    regionName: '',
    asOf,
    query: {},
    headline: [
      [
        t('dashboards.adoption.headServices'),
        t('dashboards.ofVillages', { n: formatNumber(counts.services), total }),
      ],
      [
        t('dashboards.adoption.headSites'),
        t('dashboards.ofVillages', { n: formatNumber(counts.sites), total }),
      ],
    ],
    definitions: [
      [t('dashboards.adoption.siteLive'), t('dashboards.adoption.siteLiveDef')],
      [t('dashboards.adoption.servicesEffective'), t('dashboards.adoption.servicesEffectiveDef')],
    ],
    charts: [],
    tables: [table],
    notes: [t('dashboards.public.suppressed', { n: SMALL_CELL }), t('dashboards.aggregatesOnly')],
  };
}
