import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing.ts';

describe('route table', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('lists every route the app serves, platform and modules alike', () => {
    const urls = new Set(t.app.routeTable.map((r) => `${r.method} ${r.url}`));
    expect(urls.has('GET /healthz')).toBe(true);
    expect(urls.has('GET /kelola')).toBe(true);
    expect([...urls].some((u) => u.startsWith('GET /kelola/penduduk'))).toBe(true);
    expect([...urls].some((u) => u.startsWith('POST /pengaduan'))).toBe(true);
  });
});
