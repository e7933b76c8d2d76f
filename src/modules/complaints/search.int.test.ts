import { beforeEach, describe, expect, it } from 'vitest';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { search } from '../../platform/search/service.ts';
import { createTestContext, eachTest, makeStaff } from '../../testing.ts';
import { reindexComplaints } from './search.ts';
import { flagReport, seedComplaintReference } from './service.ts';
import { fileRoadReport, KRAMATWATU } from './test-builders.ts';

let ctx: Ctx;

const test = eachTest(() => createTestContext({ clock: fixedClock('2026-11-23T02:00:00Z') }));
beforeEach(async () => {
  ctx = test.ctx;
  await seedComplaintReference(ctx);
});

const visitor = () => withActor(ctx, null);

describe('reports in the search index', () => {
  it('are public documents with the public text and never the reporter', async () => {
    const receipt = await fileRoadReport(visitor(), {
      title: 'Jalan berlubang di depan pasar Kramatwatu',
      name: 'Rahmat Hidayatullah',
      phone: '081234567890',
      email: 'rahmat@contoh.id',
    });
    const result = await search(visitor(), { term: 'jalan berlubang' });
    expect(result.hits.map((h) => h.url)).toEqual([`/pengaduan/${receipt.ticket}`]);
    const text = `${result.hits[0]?.title} ${result.hits[0]?.body}`;
    expect(text).not.toContain('Rahmat');
    expect(text).not.toContain('081234567890');
    expect(text).not.toContain('rahmat@contoh.id');
    // the ticket number finds it too
    expect((await search(visitor(), { term: receipt.ticket })).hits).toHaveLength(1);
  });

  it('leave public view when flagged for moderation, and stay for their handler', async () => {
    const receipt = await fileRoadReport(visitor(), { title: 'Jembatan retak di kampung Krajan' });
    const dpupr = withActor(ctx, await makeStaff(ctx, { role: 'opd', scope: 'DPUPR' }));
    const admin = withActor(ctx, await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04' }));
    await flagReport(admin, receipt.ticket, 'memuat data pribadi');
    expect((await search(visitor(), { term: 'jembatan retak' })).hits).toEqual([]);
    expect((await search(dpupr, { term: 'jembatan retak' })).hits.map((h) => h.url)).toEqual([
      `/kelola/pengaduan/${receipt.ticket}`,
    ]);
    const operator = withActor(ctx, await makeStaff(ctx, { role: 'operator_desa', scope: KRAMATWATU }));
    expect((await search(operator, { term: 'jembatan retak' })).hits).toHaveLength(1);
  });

  it('are rebuilt by reindex', async () => {
    await fileRoadReport(visitor(), { title: 'Lampu jalan padam sepanjang malam' });
    await ctx.db.deleteFrom('search_documents').where('module', '=', 'complaints').execute();
    expect((await search(visitor(), { term: 'lampu padam' })).hits).toEqual([]);
    expect(await reindexComplaints(ctx)).toBeGreaterThanOrEqual(1);
    expect((await search(visitor(), { term: 'lampu padam' })).hits).toHaveLength(1);
  });
});
