import { hashSecret } from '../../platform/auth/password.ts';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { staffActorById } from '../../platform/auth/sessions.ts';
import { findStaffByEmail } from '../../platform/auth/users.ts';
import type { Ctx } from '../../platform/context.ts';
import type { DemoLogin } from '../../platform/module.ts';
import { approveStep, startRequest } from './service.ts';

/**
 * A plain grey 320×200 PNG that stands in for the photographed KTP and RT letter (the file names
 * say DEMO). Written out rather than drawn with sharp, whose libvips takes 0.2–0.3 s to load: the
 * demo seed was the only thing that loaded it at a first start.
 */
const DEMO_PICTURE_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAUAAAADICAIAAAAWZq/8AAAACXBIWXMAAAPoAAAD6AG1e1JrAAABvklEQVR42u3TQQkAAAgEweufxp8BLGYIX8LAJFjYVA/wVCQAAwMGBgwMBgYMDBgYMDAYGDAwYGAwMGBgwMCAgcHAgIEBAwMGBgMDBgYMDAYGDAwYGDAwGBgwMGBgwMBgYMDAgIHBwICBAQMDBgYDAwYGDAwGVgEMDBgYMDAYGDAwYGDAwGBgwMCAgcHAgIEBAwMGBgMDBgYMDBgYDAwYGDAwGBgwMGBgwMBgYMDAgIEBA4OBAQMDBgYDAwYGDAwYGAwMGBgwMBgYMDBgYMDAYGDAwICBAQODgQEDAwYGAwMGBgwMGBgMDBgYMDBgYDAwYGDAwGBgwMCAgQEDg4EBAwMGBgwMBgYMDBgYDAwYGDAwYGAwMGBgwMBgYMDAgIEBA4OBAQMDBgYMDAYGDAwYGAwMGBgwMGBgMDBgYMDAgIHBwICBAQODgQEDAwYGDAwGBgwMGBgMrAIYGDAwYGAwMGBgwMCAgcHAgIEBA4OBAQMDBgYMDAYGDAwYGDAwGBgwMGBgMDBgYMDAgIHBwICBAQMDBgYDAwYGDAwGBgwMGBgwMBgYMDBgYDAwYGDAwICBwcCAgQEDAwYGAwMGBi4WmCgjtJJAFMYAAAAASUVORK5CYII=';

/** The demo resident's PIN, printed at start with the other demo logins. */
export const DEMO_RESIDENT_PIN = '270417';

async function demoStaff(ctx: Ctx, email: string): Promise<StaffActor> {
  const row = await findStaffByEmail(ctx, email);
  const actor = row ? await staffActorById(ctx, row.id) : null;
  if (!actor || actor.kind !== 'staff') throw new Error(`demo account ${email} is missing`);
  return actor;
}

/** An adult head of family of the first demo village: the demo resident. */
async function demoResident(ctx: Ctx, villageCode: string) {
  return ctx.db
    .selectFrom('residents')
    .select(['id', 'nik', 'name', 'village_code', 'family_number'])
    .where('village_code', '=', villageCode)
    .where('status', '=', 'hidup')
    .where('family_relation_code', '=', 1)
    .where('birth_date', '<', '1995-01-01')
    .orderBy('nik')
    .executeTakeFirst();
}

/**
 * On a fresh demo database, a resident who can log in, one request waiting for the operator and
 * one letter already issued, so every page has something to show.
 */
export async function seedDemoRequests(
  ctx: Ctx,
  options: { demoVillages: string[] },
): Promise<DemoLogin[] | undefined> {
  const villageCode = options.demoVillages[0];
  if (!villageCode) return undefined;
  const resident = await demoResident(ctx, villageCode);
  if (!resident) return undefined;
  await ctx.db
    .insertInto('resident_pins')
    .values({ resident_id: resident.id, pin_hash: await hashSecret(DEMO_RESIDENT_PIN), must_change: false })
    .onConflict((oc) => oc.column('resident_id').doNothing())
    .execute();
  const asResident: Ctx = {
    ...ctx,
    actor: {
      kind: 'resident',
      id: resident.id,
      nik: resident.nik,
      name: resident.name,
      villageCode: resident.village_code,
      familyNumber: resident.family_number,
    },
  };
  const picture = Buffer.from(DEMO_PICTURE_PNG, 'base64');
  const demoFile = (field: string) => ({ field, filename: `DEMO-${field}.png`, bytes: picture });
  const base = { submit: true, contactPhone: '', contactChannel: 'whatsapp' };
  await startRequest(asResident, 'pengantar-skck', {
    ...base,
    files: [demoFile('foto_ktp')],
    values: { keperluan: '[DEMO] Melamar pekerjaan' },
  });
  const issued = await startRequest(asResident, 'keterangan-domisili', {
    ...base,
    files: [demoFile('foto_ktp'), demoFile('pengantar_rt')],
    values: { keperluan: '[DEMO] Persyaratan membuka rekening bank' },
  });
  const operator = await demoStaff(ctx, 'operator.kramatwatu@demo.simpul.id');
  const kades = await demoStaff(ctx, 'kades.kramatwatu@demo.simpul.id');
  if (issued.submitted) {
    await approveStep({ ...ctx, actor: operator }, issued.id);
    await approveStep({ ...ctx, actor: kades }, issued.id);
  }
  return [{ role: 'warga (NIK + PIN)', login: resident.nik, secret: DEMO_RESIDENT_PIN, scope: villageCode }];
}
