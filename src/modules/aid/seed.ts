import { SYSTEM } from '../../platform/auth/roles.ts';
import { type Ctx, withActor } from '../../platform/context.ts';
import { listResidents } from '../residents/service.ts';
import * as repo from './repo.ts';
import type { AidSource, AidTarget } from './schema.ts';
import {
  approve,
  fileApplication,
  forwardToDinsos,
  recordDisbursement,
  today,
  verifyByVillage,
} from './service.ts';

interface Reference {
  code: string;
  name: string;
  source: AidSource;
  target: AidTarget;
  benefit: string;
}

/** The national programmes and the regency's own, as reference data (admin and Dinsos keep them after). */
const REFERENCE: Reference[] = [
  {
    code: 'PKH',
    name: 'Program Keluarga Harapan',
    source: 'apbn',
    target: 'family',
    benefit: 'Bantuan tunai bersyarat per komponen keluarga, per triwulan',
  },
  {
    code: 'BPNT',
    name: 'BPNT/Program Sembako',
    source: 'apbn',
    target: 'family',
    benefit: 'Rp200.000 per bulan untuk bahan pangan',
  },
  {
    code: 'PBI-JK',
    name: 'Penerima Bantuan Iuran Jaminan Kesehatan',
    source: 'apbn',
    target: 'person',
    benefit: 'Iuran BPJS Kesehatan kelas III dibayar pemerintah',
  },
  {
    code: 'PIP',
    name: 'Program Indonesia Pintar',
    source: 'apbn',
    target: 'person',
    benefit: 'Bantuan biaya pendidikan per siswa per tahun',
  },
  {
    code: 'BLT-DD',
    name: 'BLT Dana Desa',
    source: 'dana_desa',
    target: 'family',
    benefit: 'Rp300.000 per bulan dari Dana Desa',
  },
  {
    code: 'RUTILAHU',
    name: 'Rehabilitasi Rumah Tidak Layak Huni (APBD)',
    source: 'apbd',
    target: 'household',
    benefit: 'Bahan bangunan untuk perbaikan rumah',
  },
];

export async function seedProgrammes(ctx: Ctx): Promise<void> {
  const known = await repo.regencyProgrammeCodes(ctx.db);
  const missing = REFERENCE.filter((p) => !known.has(p.code));
  if (missing.length === 0) return;
  await ctx.db
    .insertInto('aid_programmes')
    .values(missing.map((p) => ({ ...p, village_code: null })))
    .execute();
}

/** A few entries and applications in the first demo village: a family with three programmes among them. */
export async function seedDemoAid(ctx: Ctx, villageCode: string): Promise<void> {
  const system = withActor(ctx, SYSTEM);
  const people = (await listResidents(system, { villageCode })).residents.filter((r) => r.status === 'hidup');
  const heads = [...new Map(people.filter((r) => r.familyNumber).map((r) => [r.familyNumber, r])).values()];
  if (heads.length < 8) return;
  const programmes = new Map((await repo.programmesFor(ctx.db, null)).map((p) => [p.code, p]));
  const year = today(ctx).slice(0, 4);
  const now = ctx.clock.now();
  const pick = (codes: string[], from: number, count: number) =>
    heads.slice(from, from + count).flatMap((r) =>
      codes.flatMap((code) => {
        const p = programmes.get(code);
        if (!p) return [];
        const person = p.target === 'person';
        return [
          {
            village_code: villageCode,
            programme_id: p.id,
            period: year,
            subject_key: person ? r.nik : r.familyNumber,
            nik: r.nik,
            family_number: r.familyNumber,
            resident_id: r.id,
            name: r.name,
            dusun: r.dusun,
            rt: r.rt,
            verified_at: now,
          },
        ];
      }),
    );
  const rows = [...pick(['PKH', 'BPNT', 'PBI-JK'], 0, 1), ...pick(['BPNT'], 1, 3), ...pick(['BLT-DD'], 4, 3)];
  const inserted = await ctx.db
    .insertInto('aid_beneficiaries')
    .values(rows)
    .returning(['id', 'village_code'])
    .execute();
  await ctx.db
    .insertInto('aid_beneficiary_events')
    .values(
      inserted.map((b) => ({
        beneficiary_id: b.id,
        village_code: b.village_code,
        kind: 'ditambahkan' as const,
        note: 'Data contoh',
        actor_name: '',
        at: now,
      })),
    )
    .execute();
  const blt = programmes.get('BLT-DD');
  const pkh = programmes.get('PKH');
  if (!blt || !pkh) return;
  const file = async (r: (typeof heads)[number], programmeId: string) =>
    fileApplication(system, {
      nik: r.nik,
      program: programmeId,
      alasan: 'Kepala keluarga tidak memiliki pekerjaan tetap.',
    });
  await file(heads[7]!, pkh.id);
  const forwarded = await file(heads[6]!, pkh.id);
  await verifyByVillage(system, forwarded.id, { catatan: 'Sudah dicek ke rumah.' }, null);
  await forwardToDinsos(system, forwarded.id);
  const paid = await file(heads[5]!, pkh.id);
  await verifyByVillage(system, paid.id, {}, null);
  await forwardToDinsos(system, paid.id);
  await approve(system, paid.id, {});
  await recordDisbursement(system, paid.id, { tanggal: today(ctx), jumlah: '750000' });
}
