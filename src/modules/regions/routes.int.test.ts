import { describe, expect, it } from 'vitest';
import { allTests, buildTestApp, loginAsNewStaff, Visitor } from '../../testing.ts';

const t = allTests(() => buildTestApp());

describe('village addresses people type', () => {
  it('redirects a slug in any case, with accents, spaces or underscores, to the canonical code address', async () => {
    const visitor = new Visitor(t.app);
    for (const typed of [
      'Kramatwatu',
      'KRAMATWATU',
      'kramatwatu',
      'Kramátwatu',
      'Kramatwatu%20',
      '3604052001',
    ]) {
      const response = await visitor.get(`/desa/${typed}`);
      expect(response.statusCode, typed).toBe(301);
      expect(response.headers.location, typed).toBe('/desa/36.04.05.2001');
    }
  });

  it('turns spaces and underscores into the slug hyphens of a two-word village name', async () => {
    const villages = await t.app.inject('/api/v1/regions/villages');
    const twoWords = (villages.json() as { code: string; name: string; slug: string }[]).find((v) =>
      /^[a-z]+-[a-z]+$/.test(v.slug),
    );
    if (!twoWords) throw new Error('the regency has no village with a two-word slug');
    const [first, second] = twoWords.slug.split('-');
    for (const typed of [`${first}_${second}`, `${first?.toUpperCase()}%20${second}`]) {
      const response = await new Visitor(t.app).get(`/desa/${typed}`);
      expect(response.statusCode, typed).toBe(301);
      expect(response.headers.location, typed).toBe(`/desa/${twoWords.code}`);
    }
  });

  it('opens the canonical address itself without a redirect', async () => {
    const page = await new Visitor(t.app).get('/desa/36.04.05.2001');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kode desa');
  });

  it('answers a mistyped village with a 404 that suggests close names and offers a village search', async () => {
    const page = await new Visitor(t.app).get('/desa/kramatwatoe');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Desa tidak ditemukan');
    expect(page.body).toContain('href="/desa/36.04.05.2001"');
    expect(page.body).toMatch(/<form[^>]*action="\/"[^>]*method="get"/);
    expect(page.body).toContain('name="cari" type="search"');
    expect(page.body).toContain('value="kramatwatoe"');
  });

  it('answers an unknown village code with the same helpful 404', async () => {
    const page = await new Visitor(t.app).get('/desa/36.04.05.9999');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Desa tidak ditemukan');
    expect(page.body).toContain('name="cari"');
  });
});

describe('where a resident is told to come (#12 item 9)', () => {
  it("keeps the village office's opening hours, refuses an over-long entry field by field, and shows them on the village page", async () => {
    const visitor = await loginAsNewStaff(t, { role: 'operator_desa', scope: '36.04.05.2001' });
    const office = { address: 'Jl. Raya Serang–Cilegon Km 9, Kramatwatu', phone: '(0254) 123456', email: '' };
    const tooLong = await visitor.post(
      '/kelola/desa/36.04.05.2001',
      { ...office, officeHours: 'Senin '.repeat(40) },
      { csrfFrom: '/kelola/desa/36.04.05.2001' },
    );
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain('Jam buka paling banyak 200 karakter.');
    expect(tooLong.body).toContain('Jl. Raya Serang–Cilegon Km 9');
    const saved = await visitor.post(
      '/kelola/desa/36.04.05.2001',
      { ...office, officeHours: 'Senin–Kamis 08.00–15.00, Jumat 08.00–11.00' },
      { csrfFrom: '/kelola/desa/36.04.05.2001' },
    );
    expect(saved.statusCode).toBe(303);
    const page = (await new Visitor(t.app).get('/desa/36.04.05.2001')).body;
    expect(page).toContain('Jam buka kantor desa');
    expect(page).toContain('Senin–Kamis 08.00–15.00, Jumat 08.00–11.00');
    expect(page).toContain('(0254) 123456');
  });

  it('offers a resident without a PIN a search that leads to their village office', async () => {
    const login = (await new Visitor(t.app).get('/masuk/warga')).body;
    expect(login).toContain('Belum punya PIN?');
    expect(login).toMatch(/<form[^>]*action="\/"[^>]*method="get"|<form[^>]*method="get"[^>]*action="\/"/);
    expect(login).toContain('name="cari"');
    const found = (await new Visitor(t.app).get('/?cari=kramatwatu')).body;
    expect(found).toContain('href="/desa/36.04.05.2001"');
  });
});
