import { type Kysely, type Migration, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

/** The registry of enterprises; every row leads with its village (scope filters, partitioning). */
async function enterprises(db: AnyDb) {
  await sql`
    CREATE TABLE umkm_enterprises (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      village_code text NOT NULL,
      status text NOT NULL CHECK (status IN ('menunggu', 'terdaftar', 'dikembalikan')),
      return_reason text,
      source text NOT NULL CHECK (source IN ('operator', 'warga', 'impor')),
      owner_resident_id uuid,
      owner_nik char(16),
      owner_name text NOT NULL,
      non_resident_reason text,
      name text NOT NULL,
      kbli_category char(1) NOT NULL,
      kbli_code char(5),
      products text NOT NULL DEFAULT '',
      nib text,
      pirt text,
      halal text,
      bpom text,
      legal_form text NOT NULL,
      institution text NOT NULL,
      workers_male integer NOT NULL DEFAULT 0 CHECK (workers_male >= 0),
      workers_female integer NOT NULL DEFAULT 0 CHECK (workers_female >= 0),
      turnover_band text NOT NULL,
      dusun text NOT NULL DEFAULT '',
      address text NOT NULL DEFAULT '',
      lat double precision,
      lng double precision,
      phone text NOT NULL DEFAULT '',
      email text NOT NULL DEFAULT '',
      programmes text NOT NULL DEFAULT '',
      photo_file_id uuid,
      publish boolean NOT NULL DEFAULT false,
      publish_address boolean NOT NULL DEFAULT false,
      publish_turnover boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      confirmed_at timestamptz,
      CHECK (owner_resident_id IS NOT NULL OR non_resident_reason IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX umkm_enterprises_village ON umkm_enterprises (village_code, status, kbli_category)`.execute(
    db,
  );
  await sql`CREATE INDEX umkm_enterprises_owner ON umkm_enterprises (owner_resident_id) WHERE owner_resident_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX umkm_enterprises_nik ON umkm_enterprises (owner_nik) WHERE owner_nik IS NOT NULL`.execute(
    db,
  );
}

export const umkmMigrations: Record<string, Migration> = {
  '0900_umkm_enterprises': { up: enterprises },
};
