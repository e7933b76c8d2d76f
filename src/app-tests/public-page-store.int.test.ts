import { describe, expect, it } from 'vitest';
import { updateVillageOffice } from '../modules/regions/service.ts';
import { withActor } from '../platform/context.ts';
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
});
