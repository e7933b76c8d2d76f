import { SYSTEM } from '../../platform/auth/roles.ts';
import type { Ctx } from '../../platform/context.ts';
import { withActor } from '../../platform/context.ts';
import { hasProfile, saveArticle, saveEvent, saveOfficial, saveProfile } from './service.ts';

/** Demo content for the demo villages, labelled [DEMO], on a fresh demo database only. */
export async function seedDemoSites(ctx: Ctx, options: { demoVillages: string[] }) {
  const system = withActor(ctx, SYSTEM);
  const day = 86_400_000;
  const now = ctx.clock.now().getTime();
  const jakarta = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16);
  for (const code of options.demoVillages) {
    if (await hasProfile(system, code)) continue;
    await saveProfile(system, code, {
      about:
        '[DEMO] Desa kami terletak di wilayah pesisir utara Kabupaten Serang. Sebagian besar warga bekerja sebagai **petani**, **nelayan**, dan pedagang.',
      history:
        '[DEMO] Menurut cerita para sesepuh, desa ini berdiri pada awal abad ke-20 ketika beberapa keluarga membuka lahan sawah di tepi sungai.',
      vision: '[DEMO] Terwujudnya desa yang maju, mandiri, dan sejahtera berlandaskan gotong royong.',
      mission:
        '- Meningkatkan pelayanan publik yang cepat dan ramah\n- Membangun jalan dan saluran air desa\n- Mengembangkan usaha warga (UMKM)',
      areaKm2: '4.8',
      lat: '-6.0581',
      lng: '106.1106',
      placeName: 'Kantor Desa',
      hamlets: 'Dusun I\nDusun II\nDusun III',
      rwCount: '6',
      rtCount: '24',
    });
    const officials = [
      { name: '[DEMO] H. Ahmad Suhendi', position: 'Kepala Desa', group: 'perangkat', order: '1' },
      { name: '[DEMO] Siti Nurhasanah', position: 'Sekretaris Desa', group: 'perangkat', order: '2' },
      { name: '[DEMO] Ujang Rohman', position: 'Ketua BPD', group: 'bpd', order: '1' },
    ];
    for (const official of officials) await saveOfficial(system, code, null, official);
    await saveArticle(
      system,
      code,
      null,
      {
        kind: 'berita',
        title: '[DEMO] Gotong royong membersihkan saluran air',
        summary: '[DEMO] Warga tiga dusun membersihkan saluran air menjelang musim hujan.',
        body: '[DEMO] Minggu pagi, warga dari tiga dusun berkumpul di balai desa lalu membersihkan saluran air sepanjang 2 km.\n\n## Hasil\n\n- 40 karung sampah diangkut\n- Dua gorong-gorong yang tersumbat dibuka kembali',
      },
      'publish',
    );
    await saveArticle(
      system,
      code,
      null,
      {
        kind: 'pengumuman',
        title: '[DEMO] Jadwal pelayanan posyandu bulan ini',
        summary: '[DEMO] Posyandu buka setiap Selasa pekan kedua di balai dusun.',
        body: '[DEMO] Posyandu balita dan lansia dibuka **Selasa pekan kedua** pukul 08.00–11.00 WIB. Bawa buku KIA.',
      },
      'publish',
    );
    await saveEvent(system, code, null, {
      title: '[DEMO] Musyawarah desa rencana kerja',
      startsAt: jakarta(now + 7 * day),
      endsAt: jakarta(now + 7 * day + 3 * 3_600_000),
      place: 'Balai desa',
      description:
        '[DEMO] Musyawarah penyusunan rencana kerja pemerintah desa tahun depan. Terbuka untuk warga.',
    });
    await saveEvent(system, code, null, {
      title: '[DEMO] Kerja bakti lingkungan',
      startsAt: jakarta(now + 14 * day),
      endsAt: '',
      place: 'Lapangan desa',
      description: '[DEMO] Kerja bakti membersihkan lingkungan desa.',
    });
  }
  return undefined;
}
