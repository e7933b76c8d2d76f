import { type Kysely, type Migration, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

const apbdes: Migration = {
  async up(db: AnyDb) {
    await sql`
      CREATE TABLE apbdes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        village_code text NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
        published_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text,
        UNIQUE (village_code, year)
      )`.execute(db);
    await sql`CREATE INDEX apbdes_year_status ON apbdes (year, status, village_code)`.execute(db);
    await sql`
      CREATE TABLE apbdes_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        apbdes_id uuid NOT NULL REFERENCES apbdes(id) ON DELETE CASCADE,
        village_code text NOT NULL,
        section text NOT NULL CHECK (section IN ('pendapatan', 'belanja', 'pembiayaan')),
        code text NOT NULL,
        sort_key text NOT NULL,
        name text NOT NULL,
        budget bigint NOT NULL DEFAULT 0 CHECK (budget >= 0),
        realised_s1 bigint NOT NULL DEFAULT 0 CHECK (realised_s1 >= 0),
        realised_s2 bigint NOT NULL DEFAULT 0 CHECK (realised_s2 >= 0),
        UNIQUE (apbdes_id, code)
      )`.execute(db);
  },
};

export const apbdesMigrations: Record<string, Migration> = {
  '0700_apbdes': apbdes,
};
