import { describe, expect, it } from 'vitest';
import { canOnItem, recordRegion, scopeLevel } from './policy.ts';
import { type Actor, mask, type StaffActor, SYSTEM } from './roles.ts';

function staff(role: StaffActor['role'], scope: StaffActor['scope']): StaffActor {
  return { kind: 'staff', id: 'u1', name: 'Uji', email: 'u@uji.id', role, scope };
}

const kramatwatu = '36.04.05.2001';
const margasana = '36.04.05.2002';
const kibin = '36.04.16.2001';
const resident: Actor = {
  kind: 'resident',
  id: 'r1',
  nik: '3604054101900001',
  name: 'Siti',
  villageCode: kramatwatu,
  familyNumber: '3604050101200001',
};

describe('canOnItem(actor, action, item)', () => {
  it('lets a village operator keep and see personal data of their own village only', () => {
    const operator = staff('operator_desa', { type: 'region', code: kramatwatu });
    expect(canOnItem(operator, 'edit', { villageCode: kramatwatu })).toBe(true);
    expect(canOnItem(operator, 'view_personal', { villageCode: kramatwatu })).toBe(true);
    expect(canOnItem(operator, 'edit', { villageCode: margasana })).toBe(false);
    expect(canOnItem(operator, 'view_record', { villageCode: kibin })).toBe(false);
    expect(canOnItem(operator, 'sign', { villageCode: kramatwatu })).toBe(false);
    expect(canOnItem(operator, 'manage')).toBe(false);
  });

  it('does not treat a code that merely starts with the same digits as inside the scope', () => {
    const camat = staff('camat', { type: 'region', code: '36.04.1' });
    expect(canOnItem(camat, 'view_record', { villageCode: '36.04.16.2001' })).toBe(false);
  });

  it('lets the kepala desa and sekretaris desa sign, and the camat only look at the kecamatan, masked', () => {
    for (const role of ['kepala_desa', 'sekretaris_desa'] as const)
      expect(
        canOnItem(staff(role, { type: 'region', code: kramatwatu }), 'sign', { villageCode: kramatwatu }),
      ).toBe(true);
    const camat = staff('camat', { type: 'region', code: '36.04.05' });
    expect(canOnItem(camat, 'view_record', { villageCode: margasana })).toBe(true);
    expect(canOnItem(camat, 'view_figures', { villageCode: '36.04.05' })).toBe(true);
    expect(canOnItem(camat, 'view_figures', { villageCode: '36.04' })).toBe(false);
    expect(canOnItem(camat, 'view_personal', { villageCode: margasana })).toBe(false);
    expect(canOnItem(camat, 'edit', { villageCode: margasana })).toBe(false);
    expect(
      canOnItem(camat, 'moderate', { villageCode: margasana, handler: { kind: 'agency', code: 'DPUPR' } }),
    ).toBe(false);
    expect(canOnItem(camat, 'view_record', { villageCode: kibin })).toBe(false);
  });

  it('gives an agency officer regency figures and only the records routed to the agency', () => {
    const dpupr = staff('opd', { type: 'agency', code: 'DPUPR' });
    const routed = { villageCode: kibin, handler: { kind: 'agency' as const, code: 'DPUPR' } };
    expect(canOnItem(dpupr, 'handle', routed)).toBe(true);
    expect(canOnItem(dpupr, 'view_personal', routed)).toBe(true);
    expect(canOnItem(dpupr, 'handle', { ...routed, handler: { kind: 'agency', code: 'DINSOS' } })).toBe(
      false,
    );
    expect(canOnItem(dpupr, 'view_figures', { villageCode: kibin })).toBe(true);
    expect(canOnItem(dpupr, 'view_figures', { villageCode: '36.04' })).toBe(true);
    expect(canOnItem(dpupr, 'view_record', { villageCode: kibin })).toBe(false);
    expect(canOnItem(dpupr, 'view_personal', { villageCode: kibin })).toBe(false);
    expect(canOnItem(dpupr, 'edit', routed)).toBe(false);
  });

  it('keeps confidential reports for their handler and admin kabupaten', () => {
    const report = {
      villageCode: kramatwatu,
      handler: { kind: 'agency' as const, code: 'DPUPR' },
      confidential: true,
    };
    expect(canOnItem(staff('opd', { type: 'agency', code: 'DPUPR' }), 'view_record', report)).toBe(true);
    expect(
      canOnItem(staff('admin_kabupaten', { type: 'region', code: '36.04' }), 'view_record', report),
    ).toBe(true);
    expect(
      canOnItem(staff('operator_desa', { type: 'region', code: kramatwatu }), 'view_record', report),
    ).toBe(false);
    expect(canOnItem(staff('camat', { type: 'region', code: '36.04.05' }), 'view_record', report)).toBe(
      false,
    );
  });

  it('gives admin kabupaten regency-wide management but no signature', () => {
    const admin = staff('admin_kabupaten', { type: 'region', code: '36.04' });
    expect(canOnItem(admin, 'manage')).toBe(true);
    expect(canOnItem(admin, 'view_personal', { villageCode: kibin })).toBe(true);
    expect(
      canOnItem(admin, 'handle', { villageCode: kibin, handler: { kind: 'agency', code: 'DINKES' } }),
    ).toBe(true);
    expect(canOnItem(admin, 'sign', { villageCode: kibin })).toBe(false);
    expect(canOnItem(admin, 'view_record', { villageCode: '32.01.01.2001' })).toBe(false);
  });

  it('grants the public nothing, and a resident only their own and their family records', () => {
    expect(canOnItem(null, 'view_record', { villageCode: kramatwatu })).toBe(false);
    expect(canOnItem(null, 'view_figures', { villageCode: kramatwatu })).toBe(false);
    expect(canOnItem(resident, 'view_record', { villageCode: kramatwatu })).toBe(false);
    expect(canOnItem(resident, 'view_personal', { subject: { residentId: 'r1' } })).toBe(true);
    expect(canOnItem(resident, 'view_record', { subject: { familyNumber: '3604050101200001' } })).toBe(true);
    expect(
      canOnItem(resident, 'view_record', { subject: { residentId: 'r2', familyNumber: '3604050101200002' } }),
    ).toBe(false);
    expect(canOnItem(resident, 'edit', { subject: { residentId: 'r1' } })).toBe(false);
  });

  it('lets the system actor (CLI, jobs, seeds) do anything, and never confuses it with a visitor', () => {
    expect(canOnItem(SYSTEM, 'edit', { villageCode: kibin })).toBe(true);
    expect(canOnItem(null, 'edit', { villageCode: kibin })).toBe(false);
  });
});

describe('scopeLevel and recordRegion', () => {
  it('names the level of a region code and nothing else', () => {
    expect(scopeLevel('36.04')).toBe('regency');
    expect(scopeLevel('36.04.05')).toBe('kecamatan');
    expect(scopeLevel('36.04.05.2001')).toBe('village');
    expect(scopeLevel('DPUPR')).toBe(null);
    expect(scopeLevel('36.04.05.2001.1')).toBe(null);
  });

  it('filters region staff by their code and refuses to filter an agency officer or a visitor', () => {
    expect(recordRegion(staff('camat', { type: 'region', code: '36.04.05' }))).toBe('36.04.05');
    expect(recordRegion(SYSTEM)).toBe(null);
    expect(() => recordRegion(staff('opd', { type: 'agency', code: 'DINKES' }))).toThrow();
    expect(() => recordRegion(null)).toThrow();
  });
});

describe('mask', () => {
  it('keeps the first and last four digits of a NIK', () => {
    expect(mask('3604051234560012')).toBe('3604••••••••0012');
    expect(mask('')).toBe('');
  });
});
