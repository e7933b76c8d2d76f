import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { updateVillageOffice } from '../modules/regions/service.ts';
import { withActor } from '../platform/context.ts';
import { preferredEncoding } from '../platform/http/cache.ts';
import { allTests, buildTestApp, loginAs, makeStaff, testConfig, Visitor } from '../testing.ts';

const VILLAGE = '36.04.05.2001';
const t = allTests(() => buildTestApp({ config: testConfig({ PUBLIC_PAGE_CACHE_SECONDS: '30' }) }));

describe('the public page store (PUBLIC_PAGE_CACHE_SECONDS)', () => {
  it('serves an anonymous visitor the kept page until a write through the app empties the store', async () => {
    const operator = await makeStaff(t.ctx, { role: 'operator_desa', scope: VILLAGE });
    const first = await new Visitor(t.app).get(`/desa/${VILLAGE}`);
    expect(first.statusCode).toBe(200);
    expect(first.body).not.toContain('0254-123456');

    // written outside a request (a job, the CLI): the kept page is still what visitors get
    await updateVillageOffice(withActor(t.ctx, operator), VILLAGE, {
      address: 'Jl. Raya Kramatwatu No. 1',
      phone: '0254-123456',
      email: '',
      officeHours: 'Senin–Jumat 08.00–15.00',
    });
    const kept = await new Visitor(t.app).get(`/desa/${VILLAGE}`);
    expect(kept.body).toBe(first.body);
    expect(kept.headers.etag).toBe(first.headers.etag);
    expect(kept.headers['cache-control']).toContain('public');

    // a signed-in officer is never served the kept page, and their sign-in (a POST) empties the store
    const signedIn = await loginAs(t.app, operator);
    expect((await signedIn.get(`/desa/${VILLAGE}`)).body).toContain('0254-123456');
    expect((await new Visitor(t.app).get(`/desa/${VILLAGE}`)).body).toContain('0254-123456');
  });

  it('keeps the brotli and gzip bodies of a kept page and serves each as the visitor accepts', async () => {
    const url = `/desa/${VILLAGE}`;
    const first = await new Visitor(t.app).get(url, { 'accept-encoding': 'identity' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-encoding']).toBeUndefined();
    const page = first.body;
    for (let round = 0; round < 2; round++) {
      const br = await new Visitor(t.app).get(url, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toBe('Cookie, Accept-Encoding');
      expect(Number(br.headers['content-length'])).toBe(br.rawPayload.length);
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(page);
      const gzip = await new Visitor(t.app).get(url, { 'accept-encoding': 'br;q=0.5, gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).toString()).toBe(page);
      expect(gzip.headers.etag).toBe(first.headers.etag);
    }
    const plain = await new Visitor(t.app).get(url, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(page);
    const revalidated = await new Visitor(t.app).get(url, {
      'accept-encoding': 'br',
      'if-none-match': String(first.headers.etag),
    });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.rawPayload.length).toBe(0);
  });
});

describe('preferredEncoding', () => {
  it('takes the highest weight, brotli on a tie, * for an encoding not named', () => {
    expect(preferredEncoding(undefined)).toBeNull();
    expect(preferredEncoding('identity')).toBeNull();
    expect(preferredEncoding('gzip, deflate, br')).toBe('br');
    expect(preferredEncoding('gzip;q=1, br;q=0.8')).toBe('gzip');
    expect(preferredEncoding('x-gzip')).toBe('gzip');
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding('*;q=0.5, br;q=0')).toBe('gzip');
    expect(preferredEncoding('br;q=0, gzip;q=0')).toBeNull();
  });
});
