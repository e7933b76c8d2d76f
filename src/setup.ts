import { createRequire } from 'node:module';
import path from 'node:path';
import { modules } from './modules/index.ts';
import { seedCountryAreas, seedRegions } from './modules/regions/service.ts';
import { seedAgencies } from './platform/agencies/service.ts';
import { hashSecret } from './platform/auth/password.ts';
import { createStaffUser, findStaffByEmail } from './platform/auth/users.ts';
import type { Ctx } from './platform/context.ts';
import type { Db } from './platform/db/index.ts';
import { collectMigrations, migrateToLatest } from './platform/db/migrate.ts';
import { codeFingerprint, fingerprintInputs, seedIfChanged } from './platform/db/seed-state.ts';
import { importsJob } from './platform/imports/index.ts';
import { importMigrations } from './platform/imports/schema.ts';
import { type Job, platformJobs } from './platform/jobs/index.ts';
import { jobMigrations } from './platform/jobs/schema.ts';
import { platformMigrations } from './platform/migrations.ts';
import type { DemoLogin, MigrateSettings } from './platform/module.ts';
import { codeRoot } from './platform/paths.ts';

export function allMigrations() {
  return collectMigrations([
    platformMigrations,
    jobMigrations,
    importMigrations,
    ...modules.map((m) => m.migrations),
  ]);
}

/** The platform's background jobs and every module's; the imports job runs every module's imports. */
export function allJobs(): Job[] {
  return [
    ...platformJobs,
    importsJob(modules.flatMap((m) => m.imports ?? [])),
    ...modules.flatMap((m) => m.jobs ?? []),
  ];
}

/**
 * Every pending migration, then each module's `afterMigrate` steps its configuration asks for (on a
 * PostgreSQL server with SIMPUL_PARTITION_BY_REGENCY, the partitioned layout of `residents`);
 * returns what it applied (migrations, then those steps).
 */
export async function migrate(db: Db, config?: MigrateSettings): Promise<string[]> {
  const applied = await migrateToLatest(db, allMigrations());
  if (!config) return applied;
  for (const module of modules)
    if (module.afterMigrate) applied.push(...(await module.afterMigrate(db, config)));
  return applied;
}

/**
 * The embedded cluster the build keeps for first starts (scripts/build.mjs): every migration,
 * Indonesia's area lists and the reference data of `ctx.config.regencyCode` with its fingerprint,
 * so that a first start of that regency seeds only its demo data (1.5 s of a first start).
 */
export async function prepareTemplate(ctx: Ctx): Promise<void> {
  await migrate(ctx.db, ctx.config);
  await seedCountryAreas(ctx.db);
  await seedReference(ctx);
}

/** Villages whose demo data the seed fills: two in Kramatwatu, one in Kibin (for out-of-scope checks). */
export const DEMO_VILLAGES = ['36.04.05.2001', '36.04.05.2002', '36.04.16.2001'];
export const DEMO_PASSWORD = 'simpul-demo-2026';

export const DEMO_STAFF = [
  { email: 'admin@demo.simpul.id', name: 'Admin Kabupaten (demo)', role: 'admin_kabupaten', scope: '36.04' },
  { email: 'dpupr@demo.simpul.id', name: 'Petugas DPUPR (demo)', role: 'opd', scope: 'DPUPR' },
  { email: 'dinsos@demo.simpul.id', name: 'Petugas Dinsos (demo)', role: 'opd', scope: 'DINSOS' },
  {
    email: 'camat.kramatwatu@demo.simpul.id',
    name: 'Camat Kramatwatu (demo)',
    role: 'camat',
    scope: '36.04.05',
  },
  {
    email: 'kades.kramatwatu@demo.simpul.id',
    name: 'Kepala Desa Kramatwatu (demo)',
    role: 'kepala_desa',
    scope: '36.04.05.2001',
  },
  {
    email: 'sekdes.kramatwatu@demo.simpul.id',
    name: 'Sekretaris Desa Kramatwatu (demo)',
    role: 'sekretaris_desa',
    scope: '36.04.05.2001',
  },
  {
    email: 'operator.kramatwatu@demo.simpul.id',
    name: 'Operator Desa Kramatwatu (demo)',
    role: 'operator_desa',
    scope: '36.04.05.2001',
  },
  {
    email: 'operator.kibin@demo.simpul.id',
    name: 'Operator Desa Kibin (demo)',
    role: 'operator_desa',
    scope: '36.04.16.2001',
  },
];

async function seedDemoStaff(ctx: Ctx): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  const passwordHash = await hashSecret(DEMO_PASSWORD);
  for (const staff of DEMO_STAFF) {
    if (!(await findStaffByEmail(ctx, staff.email)))
      await createStaffUser(ctx, { ...staff, password: DEMO_PASSWORD }, { passwordHash });
    logins.push({ role: staff.role, login: staff.email, secret: DEMO_PASSWORD, scope: staff.scope });
  }
  return logins;
}

/**
 * What the reference seeds read: the code beside this file (src/ or the compiled dist/, every
 * module's seed and its data: catalog JSON, code lists), the reference CSV files, the region data
 * package and the regency served. Hashing it is a few milliseconds; re-running the seeds was a
 * quarter of a warm start.
 */
export function referenceSeedFingerprint(regencyCode: string, codeDir = codeRoot): string {
  const areaData = path.dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json'));
  return fingerprintInputs(
    [path.join(codeDir, '..', 'reference', 'reference-codes'), path.join(areaData, 'package.json')],
    [`regency ${regencyCode}`, `code ${codeFingerprint(codeDir)}`],
  );
}

/**
 * Reference data (regions, agencies, each module's lists) when its inputs changed since it was
 * last applied, or always with `force`; then demo data only when asked and only into a database
 * that has no staff yet, so a live installation is never touched.
 */
export async function seed(
  ctx: Ctx,
  options: { demo: boolean; force?: boolean },
): Promise<{ demoLogins: DemoLogin[]; seededDemo: boolean; seededReference: boolean }> {
  const seededReference = await seedReference(ctx, options.force);
  const anyStaff = await ctx.db.selectFrom('staff_users').select('id').limit(1).executeTakeFirst();
  const demo = options.demo && !anyStaff;
  const demoLogins: DemoLogin[] = [];
  if (demo) {
    demoLogins.push(...(await seedDemoStaff(ctx)));
    for (const module of modules) {
      const logins = await module.seedDemo?.(ctx, { demoVillages: DEMO_VILLAGES });
      if (logins) demoLogins.push(...logins);
    }
  }
  return { demoLogins, seededDemo: demo, seededReference };
}

function seedReference(ctx: Ctx, force = false): Promise<boolean> {
  return seedIfChanged(
    ctx.db,
    'reference',
    referenceSeedFingerprint(ctx.config.regencyCode),
    async () => {
      await seedRegions(ctx, ctx.config.regencyCode);
      await seedAgencies(ctx);
      for (const module of modules) await module.seed?.(ctx);
    },
    { force },
  );
}
