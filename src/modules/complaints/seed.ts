import type { Ctx } from '../../platform/context.ts';
import { submitReport } from './service.ts';

/** On a fresh demo database, a few labelled demo reports to look at. */
export async function seedDemoComplaints(ctx: Ctx, options: { demoVillages: string[] }) {
  const [first, second, third] = options.demoVillages;
  const demo: Array<Parameters<typeof submitReport>[1]> = [
    {
      source: 'web',
      categoryCode: 'JALAN_RUSAK',
      villageCode: first!,
      title: '[DEMO] Jalan berlubang dekat SD Negeri Kramatwatu',
      description: '[DEMO] Lubang sedalam 20 cm sepanjang kira-kira 300 m, berbahaya untuk motor saat hujan.',
      details: { panjang_km: 0.3, lebar_m: 5, status_jalan: 'kabupaten' },
      lat: -6.0581,
      lng: 106.1106,
    },
    {
      source: 'web',
      categoryCode: 'LAMPU_JALAN',
      villageCode: second!,
      title: '[DEMO] Lampu jalan mati di depan masjid',
      description: '[DEMO] Tiga lampu penerangan jalan mati sejak dua minggu, jalan gelap di malam hari.',
      details: { jumlah_titik: 3 },
      lat: -6.0712,
      lng: 106.1244,
    },
    {
      source: 'web',
      categoryCode: 'SAMPAH',
      villageCode: third!,
      title: '[DEMO] Sampah menumpuk di TPS pasar',
      description: '[DEMO] Sampah tidak diangkut selama seminggu dan mulai menutup jalan.',
      lat: -6.1402,
      lng: 106.3611,
    },
  ];
  for (const report of demo) await submitReport(ctx, report);
  return undefined;
}
