import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seedComplaintReference } from '../modules/complaints/service.ts';
import { allTests, buildTestApp } from '../testing.ts';

const t = allTests(() => buildTestApp());

async function get(url: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url, headers });
}

/** the body as the client reads it: inflated when the server compressed it (small answers it does not) */
function decoded(response: { headers: Record<string, unknown>; rawPayload: Buffer }): Buffer {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.rawPayload);
  if (encoding === 'gzip') return gunzipSync(response.rawPayload);
  return response.rawPayload;
}

/** the stylesheet's hashed address, as the layout links it */
async function linkedStylesheet(): Promise<string> {
  const page = await get('/');
  const href = /<link rel="stylesheet" href="([^"]+)"/.exec(page.body)?.[1];
  if (!href) throw new Error('the home page links no stylesheet');
  return href;
}

describe('compression on a weak signal', () => {
  it('sends the home page brotli-compressed to a browser that accepts br, and it inflates to the same page', async () => {
    const plain = await get('/');
    const packed = await get('/', { 'accept-encoding': 'br, gzip' });
    expect(packed.headers['content-encoding']).toBe('br');
    expect(packed.headers.vary).toContain('accept-encoding');
    expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(brotliDecompressSync(packed.rawPayload).toString()).toBe(plain.body);
  });

  it('falls back to gzip when the browser offers only gzip, and sends plain bytes when it offers nothing', async () => {
    const gzipped = await get('/pengaduan', { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).toString()).toContain('name="categoryCode"');
    const plain = await get('/pengaduan');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('name="categoryCode"');
  });

  it('compresses the stylesheet, the map script and the JSON API, and leaves tiny answers alone', async () => {
    for (const url of [await linkedStylesheet(), '/pengaduan/aset/peta.js', '/api/openapi.json']) {
      const response = await get(url, { 'accept-encoding': 'gzip' });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-encoding'], url).toBe('gzip');
    }
    const health = await get('/healthz', { 'accept-encoding': 'gzip' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.json()).toEqual({ status: 'ok' });
  });

  it('still answers Open311 in JSON and XML to a client that accepts compression', async () => {
    await seedComplaintReference(t.ctx);
    const json = await get('/open311/v2/services.json', { 'accept-encoding': 'gzip' });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-encoding']).toBe('gzip');
    const services = JSON.parse(decoded(json).toString()) as { service_code: string }[];
    expect(services.length).toBeGreaterThan(0);
    const xml = await get('/open311/v2/services.xml', { 'accept-encoding': 'br' });
    expect(xml.headers['content-encoding']).toBe('br');
    expect(decoded(xml).toString()).toContain(`<service_code>${services[0]?.service_code}</service_code>`);
    const discovery = await get('/open311/v2/discovery.json', { 'accept-encoding': 'gzip' });
    expect((JSON.parse(decoded(discovery).toString()) as { endpoints: unknown[] }).endpoints).toHaveLength(1);
  });

  it('compresses a streamed file (the API reference script) on the fly', async () => {
    const response = await get('/api/docs/static/swagger-ui-bundle.js', { 'accept-encoding': 'gzip' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-length']).toBeUndefined();
    expect(gunzipSync(response.rawPayload).toString()).toContain('SwaggerUIBundle');
  });

  it('does not compress images again', async () => {
    const png = await get('/pengaduan/aset/leaflet/images/layers.png', { 'accept-encoding': 'br, gzip' });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-encoding']).toBeUndefined();
  });
});

describe('static assets under hashed names', () => {
  it('links the stylesheet and map scripts by content hash and serves them cached for a year, immutable', async () => {
    const css = await linkedStylesheet();
    expect(css).toMatch(/^\/static\/simpul\.[0-9a-f]{10}\.css$/);
    const map = await get('/pengaduan');
    const scripts = [...map.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(scripts).toEqual([expect.stringMatching(/^\/pengaduan\/aset\/peta\.[0-9a-f]{10}\.js$/)]);
    // Leaflet is fetched by the map script only on request (#12 item 27), from the addresses on its tag
    const leaflet = [...map.body.matchAll(/data-leaflet-(?:js|css)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(leaflet).toEqual([
      expect.stringMatching(/^\/pengaduan\/aset\/leaflet\/leaflet\.[0-9a-f]{10}\.js$/),
      expect.stringMatching(/^\/pengaduan\/aset\/leaflet\/leaflet\.[0-9a-f]{10}\.css$/),
    ]);
    for (const url of [css, ...scripts, ...leaflet]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    }
  });

  it('still serves the plain names, with a short cache, and the same bytes as the hashed name', async () => {
    const hashed = await get(await linkedStylesheet());
    const plain = await get('/static/simpul.css');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toContain('text/css');
    expect(plain.headers['cache-control']).toBe('public, max-age=300');
    expect(plain.body).toBe(hashed.body);
  });

  it('answers a revalidation with 304 and a name that is no file with the 404 page', async () => {
    const css = await get('/static/simpul.css');
    const again = await get('/static/simpul.css', { 'if-none-match': String(css.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect((await get('/static/../app.ts')).statusCode).toBe(404);
    expect((await get('/static/simpul.0123456789.png')).statusCode).toBe(404);
    expect((await get('/static/tidak-ada.css')).statusCode).toBe(404);
  });

  it('gives a page cached from an older deploy the current stylesheet, cached briefly', async () => {
    const stale = await get('/static/simpul.0000000000.css');
    expect(stale.statusCode).toBe(200);
    expect(stale.headers['cache-control']).toBe('public, max-age=300');
  });
});
