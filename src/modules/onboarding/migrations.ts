import { type Kysely, type Migration, sql } from 'kysely';

const onboarding: Migration = {
  async up(db: Kysely<unknown>) {
    // one upload: who sent which file and the letters PDF (kept for a day, for its sender only)
    await sql`
      CREATE TABLE onboarding_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_by uuid NOT NULL REFERENCES staff_users(id),
        file_name text NOT NULL,
        rows_total integer NOT NULL,
        accounts_created integer NOT NULL,
        rows_rejected integer NOT NULL,
        letters_file_id uuid REFERENCES files(id) ON DELETE SET NULL,
        letters_until timestamptz,
        created_at timestamptz NOT NULL
      )`.execute(db);
    await sql`
      CREATE TABLE onboarding_accounts (
        user_id uuid PRIMARY KEY REFERENCES staff_users(id) ON DELETE CASCADE,
        village_code text NOT NULL,
        phone text NOT NULL,
        batch_id uuid REFERENCES onboarding_batches(id) ON DELETE SET NULL,
        created_by uuid REFERENCES staff_users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        first_login_at timestamptz
      )`.execute(db);
    await sql`CREATE INDEX onboarding_accounts_village ON onboarding_accounts (village_code)`.execute(db);
    await sql`
      CREATE TABLE first_login_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`.execute(db);
    // at most one code that still works per account: issuing a new one revokes the old first
    await sql`
      CREATE UNIQUE INDEX first_login_codes_live ON first_login_codes (user_id)
      WHERE used_at IS NULL AND revoked_at IS NULL`.execute(db);
  },
};

export const onboardingMigrations: Record<string, Migration> = {
  '0730_onboarding': onboarding,
};
