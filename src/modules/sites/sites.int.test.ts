import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { fixedClock, withActor } from '../../platform/context.ts';
import { buildTestApp, loginAs, makeStaff, type TestApp, Visitor } from '../../testing.ts';
import * as site from './service.ts';
import { executableIn, XSS_PAYLOADS } from './xss-payloads.ts';

const VILLAGE = '36.04.05.2001';
const OTHER = '36.04.16.2001';
const clock = fixedClock('2026-12-01T02:00:00Z');
let test: TestApp;
let operator: StaffActor;
let camat: StaffActor;
let otherOperator: StaffActor;

/** A JPEG with EXIF GPS data, as a phone takes it. */
async function phonePhoto(width = 1600, height = 900): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 60 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '6/1 3/1 29/1' },
    })
    .toBuffer();
}

/** The page's main element: the layout's own form, meta and link tags are not the content under test. */
function mainOf(html: string): string {
  const start = html.indexOf('<main');
  return html.slice(start, html.indexOf('</main>', start));
}

beforeAll(async () => {
  test = await buildTestApp({ clock });
  operator = (await makeStaff(test.ctx, { role: 'operator_desa', scope: VILLAGE })) as StaffActor;
  camat = (await makeStaff(test.ctx, { role: 'camat', scope: '36.04.05' })) as StaffActor;
  otherOperator = (await makeStaff(test.ctx, { role: 'operator_desa', scope: OTHER })) as StaffActor;
}, 120_000);
afterAll(() => test?.close());

describe('village site content', () => {
  it('publishes, schedules and withdraws articles, and the public sees only what is due', async () => {
    const ctx = withActor(test.ctx, operator);
    const draft = await site.saveArticle(
      ctx,
      VILLAGE,
      null,
      { title: 'Rapat warga RT 02', body: 'Isi rapat warga yang cukup panjang.' },
      'save',
    );
    expect((await site.publicArticles(test.ctx, VILLAGE, 1)).total).toBe(0);
    await site.saveArticle(
      ctx,
      VILLAGE,
      draft,
      { title: 'Rapat warga RT 02', body: 'Isi rapat warga yang cukup panjang.' },
      'publish',
    );
    const scheduled = await site.saveArticle(
      ctx,
      VILLAGE,
      null,
      {
        title: 'Pengumuman vaksinasi',
        body: 'Vaksinasi balita di posyandu pekan depan.',
        publishAt: '2026-12-03T08:00',
      },
      'schedule',
    );
    const list = await site.publicArticles(test.ctx, VILLAGE, 1);
    expect(list.items.map((a) => a.slug)).toEqual(['rapat-warga-rt-02']);
    const later = { ...test.ctx, clock: fixedClock('2026-12-03T01:00:01Z') };
    expect((await site.publicArticles(later, VILLAGE, 1)).items.map((a) => a.slug)).toEqual([
      'pengumuman-vaksinasi',
      'rapat-warga-rt-02',
    ]);
    const news = await site.siteNews(later, { kecamatanCode: '36.04.05', limit: 5 });
    expect(news.map((n) => n.url)).toContain(`/desa/${VILLAGE}/berita/pengumuman-vaksinasi`);
    await site.saveArticle(
      ctx,
      VILLAGE,
      scheduled,
      { title: 'Pengumuman vaksinasi', body: 'x'.repeat(30) },
      'unpublish',
    );
    expect((await site.publicArticles(later, VILLAGE, 1)).total).toBe(1);
    expect(await site.hasPublishedNews(test.ctx, VILLAGE)).toBe(true);
    expect((await site.siteSitemap(test.ctx)).map((e) => e.path)).toContain(
      `/desa/${VILLAGE}/berita/rapat-warga-rt-02`,
    );
  });

  it('refuses a slug already used in the village, a past schedule and an empty title, field by field', async () => {
    const ctx = withActor(test.ctx, operator);
    await expect(
      site.saveArticle(ctx, VILLAGE, null, { title: 'Rapat warga RT 02' }, 'save'),
    ).rejects.toMatchObject({
      fields: { slug: expect.stringContaining('sudah dipakai') },
    });
    await expect(
      site.saveArticle(
        ctx,
        VILLAGE,
        null,
        { title: 'Jadwal lama', body: 'x'.repeat(30), publishAt: '2026-11-01T08:00' },
        'schedule',
      ),
    ).rejects.toMatchObject({ fields: { publishAt: expect.stringContaining('setelah') } });
    await expect(site.saveArticle(ctx, VILLAGE, null, {}, 'save')).rejects.toMatchObject({
      fields: { title: expect.any(String) },
    });
  });

  it('lets only the village office edit; the camat reads drafts; another village is refused', async () => {
    await expect(site.saveProfile(withActor(test.ctx, camat), VILLAGE, { about: 'x' })).rejects.toMatchObject(
      { status: 403 },
    );
    await expect(
      site.saveProfile(withActor(test.ctx, otherOperator), VILLAGE, { about: 'x' }),
    ).rejects.toMatchObject({
      status: 403,
    });
    expect((await site.listStaffArticles(withActor(test.ctx, camat), VILLAGE)).length).toBeGreaterThan(0);
    await expect(site.listStaffArticles(withActor(test.ctx, otherOperator), VILLAGE)).rejects.toMatchObject({
      status: 403,
    });
  });

  it('keeps a revision of every save and restores an old one as a new revision', async () => {
    const ctx = withActor(test.ctx, operator);
    const id = await site.saveOfficial(ctx, VILLAGE, null, {
      name: 'Budi Santoso',
      position: 'Kepala Desa',
      group: 'perangkat',
      order: '1',
    });
    await site.saveOfficial(ctx, VILLAGE, id, {
      name: 'Budi Santoso',
      position: 'Sekretaris Desa',
      group: 'perangkat',
      order: '2',
    });
    let revisions = await site.listRevisions(ctx, VILLAGE, 'official', id);
    expect(revisions.map((r) => r.content.position)).toEqual(['Sekretaris Desa', 'Kepala Desa']);
    expect(revisions[0]!.savedByName).toBe(operator.name);
    await site.restoreRevision(ctx, VILLAGE, revisions[1]!.id);
    revisions = await site.listRevisions(ctx, VILLAGE, 'official', id);
    expect(revisions).toHaveLength(3);
    expect((await site.getOfficial(ctx, VILLAGE, id)).position).toBe('Kepala Desa');
    expect(await site.hasOfficials(test.ctx, VILLAGE)).toBe(true);
  });

  it('stores an upload at three widths in AVIF, WebP and JPEG without its EXIF, and refuses what is no image', async () => {
    const ctx = withActor(test.ctx, operator);
    const image = await site.addImage(ctx, VILLAGE, {
      bytes: await phonePhoto(),
      alt: 'Balai desa dari depan',
      inGallery: true,
    });
    expect(image.variants.map((v) => `${v.format}${v.width}`).sort()).toEqual(
      [
        'avif1280',
        'avif320',
        'avif640',
        'jpeg1280',
        'jpeg320',
        'jpeg640',
        'webp1280',
        'webp320',
        'webp640',
      ].sort(),
    );
    const visitor = new Visitor(test.app);
    const response = await visitor.get(`/desa/${VILLAGE}/gambar/${image.id}/640.jpg`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
    const meta = await sharp(response.rawPayload).metadata();
    expect(meta.width).toBe(640);
    expect(meta.exif).toBeUndefined();
    await expect(
      site.addImage(ctx, VILLAGE, { bytes: Buffer.from('%PDF-1.4 bukan gambar'), alt: 'Dokumen' }),
    ).rejects.toMatchObject({
      fields: { image: expect.stringContaining('bukan gambar') },
    });
    await expect(
      site.addImage(ctx, VILLAGE, { bytes: await phonePhoto(40, 40), alt: '' }),
    ).rejects.toMatchObject({
      fields: { alt: expect.any(String) },
    });
    const page = await visitor.get(`/desa/${VILLAGE}/galeri`);
    expect(page.body).toMatch(/<img [^>]*srcset="[^"]*320w[^"]*640w[^"]*1280w"[^>]*loading="lazy"/);
  });
});

describe("the Markdown toolbar's words", () => {
  it('are the messages of the language asked for, and nothing for a language there is none of', async () => {
    const visitor = new Visitor(test.app);
    const english = await visitor.get('/situs/teks-editor/en');
    expect(english.statusCode).toBe(200);
    expect(JSON.parse(english.body)).toMatchObject({ label: 'Text format', bold: { title: 'Bold' } });
    const indonesian = JSON.parse((await visitor.get('/situs/teks-editor/id')).body);
    expect(indonesian.link).toEqual({ title: 'Tautan', sample: 'teks tautan' });
    expect((await visitor.get('/situs/teks-editor/fr')).statusCode).toBe(404);
  });
});

describe('a draft cover picture', () => {
  it('is served to the village staff only until its news item is published', async () => {
    const ctx = withActor(test.ctx, operator);
    const cover = await site.addImage(ctx, VILLAGE, {
      bytes: await phonePhoto(800, 450),
      alt: 'Jalan desa baru',
    });
    const article = {
      title: 'Jalan desa selesai diaspal',
      body: 'Jalan sepanjang 2 km selesai diaspal warga.',
      coverId: cover.id,
    };
    const id = await site.saveArticle(ctx, VILLAGE, null, article, 'save');
    const url = `/desa/${VILLAGE}/gambar/${cover.id}/640.webp`;
    expect((await new Visitor(test.app).get(url)).statusCode).toBe(404);
    expect((await (await loginAs(test.app, otherOperator)).get(url)).statusCode).toBe(404);
    const staff = await (await loginAs(test.app, operator)).get(url);
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['cache-control']).toBe('private, no-store');

    await site.saveArticle(ctx, VILLAGE, id, article, 'publish');
    const shown = await new Visitor(test.app).get(url);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['cache-control']).toContain('immutable');
    expect((await sharp(shown.rawPayload).metadata()).format).toBe('webp');
  });
});

describe('village site pages', () => {
  it('leaves nothing executable of an XSS payload in any field of an article, the profile or an official', async () => {
    const ctx = withActor(test.ctx, operator);
    const visitor = new Visitor(test.app);
    for (const [index, payload] of XSS_PAYLOADS.entries()) {
      await site.saveProfile(ctx, VILLAGE, {
        about: payload,
        history: payload,
        vision: payload,
        mission: payload,
        placeName: payload,
        hamlets: payload,
        lat: '-6.05',
        lng: '106.11',
      });
      const officialId = await site.saveOfficial(ctx, VILLAGE, null, {
        name: `${payload}`.slice(0, 120),
        position: payload.slice(0, 120),
        group: 'bpd',
      });
      await site.saveArticle(
        ctx,
        VILLAGE,
        null,
        {
          title: `Uji ${index} ${payload}`.slice(0, 200),
          slug: `uji-xss-${index}`,
          summary: payload,
          body: `${payload}\n\nTeks berita.`,
        },
        'publish',
      );
      for (const url of [
        `/desa/${VILLAGE}/profil?peta=1`,
        `/desa/${VILLAGE}/perangkat`,
        `/desa/${VILLAGE}/berita`,
        `/desa/${VILLAGE}/berita/uji-xss-${index}`,
      ]) {
        const page = await visitor.get(url);
        expect(page.statusCode, url).toBe(200);
        expect(executableIn(mainOf(page.body)), `${url} with ${payload}`).toBeNull();
        // the head carries the title and description too: no tag of the payload's in it
        const head = page.body.slice(0, page.body.indexOf('</head>'));
        expect(head, `${url} head with ${payload}`).not.toMatch(
          /<(script|img|svg|iframe)\b|"\s*on[a-z]+\s*=/i,
        );
      }
      await site.removeOfficial(ctx, VILLAGE, officialId);
    }
  }, 240_000);

  it('writes, previews and publishes an article with a cover image through the editor pages', async () => {
    const browser = await loginAs(test.app, operator);
    await browser.get(`/kelola/situs/${VILLAGE}/berita/baru`);
    const preview = await browser.submitMultipart(
      `/kelola/situs/${VILLAGE}/berita/baru`,
      {
        kind: 'berita',
        title: 'Panen raya padi',
        body: '**Panen** raya di sawah Dusun II.\n\n<script>alert(1)</script>',
        coverAlt: 'Warga memanen padi',
        action: 'preview',
      },
      [{ name: 'cover', filename: 'panen.jpg', type: 'image/jpeg', bytes: await phonePhoto() }],
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('<strong>Panen</strong>');
    expect(preview.body).not.toContain('<script>alert(1)');
    const coverId = /name="coverId" value="([0-9a-f-]{36})"/.exec(preview.body)?.[1];
    expect(coverId).toBeDefined();
    const published = await browser.postMultipart(`/kelola/situs/${VILLAGE}/berita/baru`, {
      kind: 'berita',
      title: 'Panen raya padi',
      body: '**Panen** raya di sawah Dusun II.',
      coverId: coverId!,
      action: 'publish',
    });
    expect(published.statusCode).toBe(303);
    const visitor = new Visitor(test.app);
    const page = await visitor.get(`/desa/${VILLAGE}/berita/panen-raya-padi`);
    expect(page.body).toMatch(/<source type="image\/avif" srcset="[^"]+"/);
    expect(page.body).toContain('alt="Warga memanen padi"');
    expect(page.body).toContain('<meta property="og:title" content="Panen raya padi"');
    expect(page.body).toContain('<meta name="description"');
  });

  it('answers an editor form with a field message in Indonesian, and a non-image upload too', async () => {
    const browser = await loginAs(test.app, operator);
    const empty = await browser.submitMultipart(`/kelola/situs/${VILLAGE}/berita/baru`, {
      title: '',
      action: 'publish',
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('error-message');
    const notImage = await browser.submitMultipart(
      `/kelola/situs/${VILLAGE}/galeri`,
      { alt: 'Berkas aneh' },
      [
        {
          name: 'image',
          filename: 'foto.jpg',
          type: 'image/jpeg',
          bytes: Buffer.from('bukan gambar sama sekali'),
        },
      ],
    );
    expect(notImage.statusCode).toBe(422);
    expect(notImage.body).toContain('Berkas ini bukan gambar');
  });

  it('shows readable empty states and a 404 for an unknown village or article', async () => {
    const visitor = new Visitor(test.app);
    expect((await visitor.get(`/desa/${OTHER}/berita`)).body).toContain('Belum ada berita dari desa ini');
    expect((await visitor.get(`/desa/${OTHER}/agenda`)).body).toContain('Belum ada agenda');
    expect((await visitor.get('/desa/36.04.99.9999/profil')).statusCode).toBe(404);
    expect((await visitor.get(`/desa/${VILLAGE}/berita/tidak-ada`)).statusCode).toBe(404);
  });
});
