import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAsNewStaff, type TestApp, Visitor } from '../../testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the portal and village home pages', () => {
  it('shows a village home from what the system knows, with empty news and sections', async () => {
    const page = await new Visitor(t.app).get('/desa/36.04.05.2001');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/kecamatan/36.04.05"');
    expect(page.body).toContain('href="/layanan?desa=36.04.05.2001"');
    expect(page.body).toContain('href="/pengaduan?desa=36.04.05.2001"');
    expect(page.body).toContain('Desa ini belum menerbitkan berita.');
    expect(page.body).toContain('Penduduk');
    expect(page.body).toMatch(/<link rel="canonical" href="https?:\/\/[^"]+\/desa\/36\.04\.05\.2001"/);
    expect(page.body).toMatch(/<meta property="og:url" content="[^"]+\/desa\/36\.04\.05\.2001"/);
    expect(page.body).toContain('<meta name="description"');
  });

  it('lists kecamatan pages with their villages, and answers 404 for an unknown kecamatan', async () => {
    const page = await new Visitor(t.app).get('/kecamatan/36.04.05');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/desa/36.04.05.2001"');
    expect((await new Visitor(t.app).get('/kecamatan/36.04.99')).statusCode).toBe(404);
  });

  it('links the portal to services, complaints, public information and budgets', async () => {
    const page = await new Visitor(t.app).get('/');
    for (const href of ['/layanan', '/pengaduan', '/informasi-publik', '/apbdes', '/kecamatan/36.04.05'])
      expect(page.body, href).toContain(`href="${href}"`);
  });

  it('lists all 326 villages and every kecamatan in the sitemap, and points robots.txt at it', async () => {
    const map = await new Visitor(t.app).get('/sitemap.xml');
    expect(map.headers['content-type']).toContain('application/xml');
    expect(map.body.match(/<loc>[^<]+\/desa\/\d{2}\.\d{2}\.\d{2}\.\d{4}<\/loc>/g)?.length).toBe(326);
    expect(map.body.match(/<loc>[^<]+\/kecamatan\/\d{2}\.\d{2}\.\d{2}<\/loc>/g)?.length).toBe(29);
    const robots = await new Visitor(t.app).get('/robots.txt');
    expect(robots.body).toContain('Disallow: /kelola');
    expect(robots.body).toContain('Disallow: /akun');
    expect(robots.body).toContain('Disallow: /api');
    expect(robots.body).toMatch(/Sitemap: https?:\/\/[^\s]+\/sitemap\.xml/);
  });

  it('lets caches keep an anonymous page and answers 304 to its ETag', async () => {
    const first = await t.app.inject('/desa/36.04.05.2001');
    expect(first.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=600');
    expect(String(first.headers.vary)).toContain('Cookie');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    const again = await t.app.inject({ url: '/desa/36.04.05.2001', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await t.app.inject({ url: '/desa/36.04.05.2001', headers: { 'if-none-match': 'W/"x"' } });
    expect(other.statusCode).toBe(200);
  });

  it('never lets a cache keep the page of a signed-in officer', async () => {
    const visitor = await loginAsNewStaff(t, { role: 'operator_desa', scope: '36.04.05.2001' });
    const page = await visitor.get('/desa/36.04.05.2001');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.headers.etag).toBeUndefined();
  });
});
