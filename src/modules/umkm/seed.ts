import type { Ctx } from '../../platform/context.ts';
import { TURNOVER_BANDS } from './domain.ts';
import * as repo from './repo.ts';
import { umkmSearch } from './search.ts';

/** Demo enterprises: name, KBLI category and code, products. Labelled as demo data in `programmes`. */
const DEMO: ReadonlyArray<readonly [string, string, string, string]> = [
  ['Emping Melinjo Bu Sari', 'C', '10794', 'Emping melinjo, keripik pisang'],
  ['Warung Nasi Uduk Mak Icah', 'I', '56102', 'Nasi uduk, gorengan'],
  ['Bengkel Motor Jaya', 'G', '45405', 'Servis dan suku cadang sepeda motor'],
  ['Kerajinan Bambu Cibeber', 'C', '16292', 'Anyaman bambu, tampah, besek'],
  ['Toko Kelontong Berkah', 'G', '47111', 'Sembako, minuman'],
  ['Budidaya Lele Sumber Rejeki', 'A', '03222', 'Lele segar, bibit lele'],
  ['Jahit Busana Ibu Ani', 'C', '14111', 'Jahit seragam, kebaya'],
  ['Sate Bandeng Pak Usman', 'C', '10219', 'Sate bandeng, otak-otak'],
  ['Kopi Robusta Pandeglang Asri', 'C', '10761', 'Kopi bubuk robusta'],
  ['Laundry Kiloan Bersih', 'S', '96200', 'Cuci setrika kiloan'],
  ['Katering Dapur Ummi', 'I', '56210', 'Nasi kotak, tumpeng'],
  ['Sablon Kaos Kreatif', 'C', '18112', 'Sablon kaos, spanduk'],
];

const PERMITS = ['', '9120301234567', '', '9120307654321'];

/**
 * A few dozen enterprises over the demo villages, the same on every first start, in one insert
 * (start-up time matters: no round trip per row). Owners are heads of family of the demo registry.
 */
export async function seedDemoUmkm(ctx: Ctx, villages: string[]): Promise<void> {
  if (await repo.anyIn(ctx.db, villages)) return;
  const now = ctx.clock.now();
  const rows: repo.NewEnterprise[] = [];
  for (const [v, village] of villages.entries()) {
    const owners = await repo.demoOwners(ctx.db, village, DEMO.length);
    owners.forEach((owner, i) => {
      const [name, category, code, products] = DEMO[(i + v * 5) % DEMO.length]!;
      const k = i + v;
      rows.push({
        village_code: village,
        status: k % 7 === 3 ? 'menunggu' : 'terdaftar',
        source: k % 7 === 3 ? 'warga' : 'operator',
        owner_resident_id: owner.id,
        owner_nik: owner.nik,
        owner_name: owner.name,
        name,
        kbli_category: category,
        kbli_code: code,
        products,
        nib: PERMITS[k % PERMITS.length] || null,
        pirt: category === 'C' && k % 2 === 0 ? `P-IRT 20636040${String(1000 + k)}-28` : null,
        halal: category === 'C' && k % 3 === 0 ? `ID36110000${String(10000 + k)}` : null,
        bpom: null,
        legal_form: k % 5 === 4 ? 'pt_perorangan' : 'tanpa_badan_hukum',
        institution: k % 6 === 5 ? 'kelompok' : 'perorangan',
        workers_male: k % 4,
        workers_female: 1 + (k % 3),
        turnover_band: TURNOVER_BANDS[k % 9 === 8 ? 2 : k % 2]!,
        dusun: owner.dusun,
        address: '',
        phone: `08128${String(1000000 + v * 1000 + i).padStart(7, '0')}`,
        email: '',
        programmes: 'Data contoh (demo)',
        publish: k % 4 !== 1,
        publish_address: false,
        publish_turnover: k % 5 === 0,
        created_at: now,
        updated_at: now,
        confirmed_at: k % 7 === 3 ? null : now,
      });
    });
  }
  await repo.insertEnterprises(ctx.db, rows);
  for (const village of villages) await umkmSearch.reindex(ctx, village);
}
