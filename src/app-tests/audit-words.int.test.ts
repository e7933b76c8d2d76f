import { describe, expect, it } from 'vitest';
import { audit } from '../platform/audit/service.ts';
import { fixedClock, withActor } from '../platform/context.ts';
import { buildTestApp, eachTest, loginAs, makeStaff } from '../testing.ts';

const test = eachTest(() => buildTestApp({ clock: fixedClock('2026-11-23T02:00:00Z') }), 180_000);

describe('the audit log page', () => {
  it('says each action and thing in plain words, the detail as key: value, and keeps the raw code in small print', async () => {
    const operator = await makeStaff(test.ctx, {
      role: 'operator_desa',
      scope: '36.04.05.2001',
      name: 'Operator Uji',
    });
    await audit(withActor(test.ctx, operator), {
      action: 'read_personal',
      entity: 'resident_list',
      villageCode: '36.04.05.2001',
      detail: { search: 'siti', page: 2, shown: 14 },
    });
    await audit(withActor(test.ctx, operator), {
      action: 'something_new',
      entity: 'gadget',
      detail: { refs: Array.from({ length: 12 }, (_, i) => `r${i}`), flag: true },
    });
    const admin = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }),
    );
    const page = (await admin.get('/kelola/audit')).body;
    expect(page).toContain(
      'membuka data pribadi<br><small class="raw-code" title="kode">read_personal</small>',
    );
    expect(page).toContain('daftar penduduk');
    expect(page).toContain('<dt>pencarian</dt><dd>siti</dd>');
    expect(page).toContain('<dt>halaman</dt><dd>2</dd>');
    expect(page).toContain('<dt>jumlah ditampilkan</dt><dd>14</dd>');
    // a code without words of its own still reads as words; long lists are cut
    expect(page).toContain('something new<br>');
    expect(page).toContain('<dt>flag</dt><dd>ya</dd>');
    expect(page).toContain('r0, r1, r2, r3, r4, r5, r6, r7, r8, r9 … dan 2 lagi');
    expect(page).toMatch(
      /<option value="read_personal"[^>]*>membuka data pribadi \(read_personal\)<\/option>/,
    );
    const english = (await admin.get('/kelola/audit?lang=en')).body;
    expect(english).toContain('opened personal data');
    expect(english).toContain('<dt>page</dt><dd>2</dd>');
  });
});
