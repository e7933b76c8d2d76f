import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Puskesmas areas: the puskesmas list, the villages of each area (a village in one area at most;
 * an area may cross kecamatan lines) and the Dinkes officers assigned to one puskesmas.
 */
const puskesmas: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE health_puskesmas (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9]{3,20}$'),
        name text NOT NULL UNIQUE,
        kecamatan_code text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`
      CREATE TABLE health_puskesmas_villages (
        village_code text PRIMARY KEY,
        puskesmas_code text NOT NULL REFERENCES health_puskesmas(code) ON DELETE CASCADE,
        assigned_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE INDEX health_puskesmas_villages_area ON health_puskesmas_villages (puskesmas_code)`.execute(
      db,
    );
    await sql`
      CREATE TABLE health_puskesmas_officers (
        user_id uuid PRIMARY KEY REFERENCES staff_users(id) ON DELETE CASCADE,
        puskesmas_code text NOT NULL REFERENCES health_puskesmas(code) ON DELETE CASCADE,
        assigned_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
  },
};

export const puskesmasMigrations: Record<string, Migration> = {
  '0804_health_puskesmas': puskesmas,
};
