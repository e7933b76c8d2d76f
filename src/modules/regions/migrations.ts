import { type Kysely, type Migration, sql } from 'kysely';

const regions: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE provinces (code text PRIMARY KEY, name text NOT NULL)`.execute(db);
    await sql`
      CREATE TABLE regencies (
        code text PRIMARY KEY,
        province_code text NOT NULL REFERENCES provinces(code),
        name text NOT NULL
      )`.execute(db);
    await sql`
      CREATE TABLE kecamatan (
        code text PRIMARY KEY,
        regency_code text NOT NULL REFERENCES regencies(code),
        name text NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX kecamatan_regency ON kecamatan (regency_code)`.execute(db);
    await sql`
      CREATE TABLE villages (
        code text PRIMARY KEY,
        kecamatan_code text NOT NULL REFERENCES kecamatan(code),
        name text NOT NULL,
        slug text NOT NULL UNIQUE,
        kind text NOT NULL DEFAULT 'desa' CHECK (kind IN ('desa','kelurahan')),
        address text,
        phone text,
        email text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE INDEX villages_kecamatan ON villages (kecamatan_code)`.execute(db);
    await sql`CREATE INDEX villages_name_trgm ON villages USING gin (name gin_trgm_ops)`.execute(db);
  },
};

/** When the village office is open, shown where residents are told to come (a PIN, a paper letter). */
const officeHours: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE villages ADD COLUMN office_hours text`.execute(db);
  },
};

export const regionMigrations: Record<string, Migration> = {
  '0100_regions': regions,
  '0101_village_office_hours': officeHours,
};
