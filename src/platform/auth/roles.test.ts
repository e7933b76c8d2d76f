import { describe, expect, it } from 'vitest';
import { type Actor, can, mask, type StaffActor, scopeFilter } from './roles.ts';

function staff(role: StaffActor['role'], scope: StaffActor['scope']): StaffActor {
  return { kind: 'staff', id: 'u1', name: 'Uji', email: 'u@uji.id', role, scope };
}

const kramatwatu = '36.04.05.2001';
const margasana = '36.04.05.2002';
const kibin = '36.04.16.2001';

describe('can(actor, action, target)', () => {
  it('lets a village operator keep and see personal data of their own village only', () => {
    const operator = staff('operator_desa', { type: 'region', code: kramatwatu });
    expect(can(operator, 'edit', { villageCode: kramatwatu })).toBe(true);
    expect(can(operator, 'view_personal', { villageCode: kramatwatu })).toBe(true);
    expect(can(operator, 'edit', { villageCode: margasana })).toBe(false);
    expect(can(operator, 'view', { villageCode: kibin })).toBe(false);
    expect(can(operator, 'sign', { villageCode: kramatwatu })).toBe(false);
    expect(can(operator, 'manage')).toBe(false);
  });

  it('does not treat a code that merely starts with the same digits as inside the scope', () => {
    const camat = staff('camat', { type: 'region', code: '36.04.1' });
    expect(can(camat, 'view', { villageCode: '36.04.16.2001' })).toBe(false);
  });

  it('lets the kepala desa and sekretaris desa sign, and the camat only look at the kecamatan', () => {
    expect(
      can(staff('kepala_desa', { type: 'region', code: kramatwatu }), 'sign', { villageCode: kramatwatu }),
    ).toBe(true);
    expect(
      can(staff('sekretaris_desa', { type: 'region', code: kramatwatu }), 'sign', {
        villageCode: kramatwatu,
      }),
    ).toBe(true);
    const camat = staff('camat', { type: 'region', code: '36.04.05' });
    expect(can(camat, 'view', { villageCode: margasana })).toBe(true);
    expect(can(camat, 'view_personal', { villageCode: margasana })).toBe(false);
    expect(can(camat, 'edit', { villageCode: margasana })).toBe(false);
    expect(can(camat, 'view', { villageCode: kibin })).toBe(false);
  });

  it('lets an agency officer handle what is routed to the agency and see regency figures, never personal data', () => {
    const dpupr = staff('opd', { type: 'agency', code: 'DPUPR' });
    expect(can(dpupr, 'handle', { agencyCode: 'DPUPR' })).toBe(true);
    expect(can(dpupr, 'handle', { agencyCode: 'DINSOS' })).toBe(false);
    expect(can(dpupr, 'view', { villageCode: kibin })).toBe(true);
    expect(can(dpupr, 'view_personal', { villageCode: kibin })).toBe(false);
    expect(can(dpupr, 'edit', { villageCode: kibin })).toBe(false);
  });

  it('gives admin kabupaten regency-wide management but no signature', () => {
    const admin = staff('admin_kabupaten', { type: 'region', code: '36.04' });
    expect(can(admin, 'manage')).toBe(true);
    expect(can(admin, 'view_personal', { villageCode: kibin })).toBe(true);
    expect(can(admin, 'handle', { agencyCode: 'DINKES' })).toBe(true);
    expect(can(admin, 'sign', { villageCode: kibin })).toBe(false);
    expect(can(admin, 'view', { villageCode: '32.01.01.2001' })).toBe(false);
  });

  it('never grants anything to the public or to residents', () => {
    const resident: Actor = {
      kind: 'resident',
      id: 'r1',
      nik: '3604054101900001',
      name: 'Siti',
      villageCode: kramatwatu,
      familyNumber: '3604050101200001',
    };
    expect(can(null, 'view', { villageCode: kramatwatu })).toBe(false);
    expect(can(resident, 'view', { villageCode: kramatwatu })).toBe(false);
  });
});

describe('scopeFilter', () => {
  it('filters region staff by their code, agency staff by their agency, and the public to nothing', () => {
    expect(scopeFilter(staff('camat', { type: 'region', code: '36.04.05' }))).toEqual({
      villagePrefix: '36.04.05',
      agencyCode: null,
    });
    expect(scopeFilter(staff('opd', { type: 'agency', code: 'DINKES' }))).toEqual({
      villagePrefix: null,
      agencyCode: 'DINKES',
    });
    expect(scopeFilter(null).villagePrefix).not.toBe(null);
  });
});

describe('mask', () => {
  it('keeps the first and last four digits of a NIK', () => {
    expect(mask('3604051234560012')).toBe('3604••••••••0012');
    expect(mask('')).toBe('');
  });
});
