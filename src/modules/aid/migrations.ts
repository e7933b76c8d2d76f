import { type Kysely, type Migration, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

async function programmes(db: AnyDb) {
  await sql`
    CREATE TABLE aid_programmes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL,
      name text NOT NULL,
      source text NOT NULL CHECK (source IN ('apbn', 'apbd', 'dana_desa')),
      target text NOT NULL CHECK (target IN ('person', 'family', 'household')),
      benefit text NOT NULL DEFAULT '',
      period_start date,
      period_end date,
      village_code text,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX aid_programmes_code ON aid_programmes (coalesce(village_code, ''), code)`.execute(
    db,
  );
  await sql`
    CREATE TABLE aid_family_deciles (
      family_number char(16) PRIMARY KEY,
      village_code text NOT NULL,
      decile smallint NOT NULL CHECK (decile BETWEEN 1 AND 10),
      source text NOT NULL DEFAULT 'DTSEN',
      as_of date NOT NULL,
      updated_by uuid,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

async function beneficiaries(db: AnyDb) {
  await sql`
    CREATE TABLE aid_beneficiaries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      village_code text NOT NULL,
      programme_id uuid NOT NULL REFERENCES aid_programmes(id),
      period text NOT NULL,
      subject_key char(16) NOT NULL,
      nik char(16),
      family_number char(16),
      resident_id uuid,
      name text NOT NULL,
      dusun text NOT NULL DEFAULT '',
      rt text NOT NULL DEFAULT '',
      active boolean NOT NULL DEFAULT true,
      verified_at timestamptz,
      stopped_reason text,
      application_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (programme_id, period, subject_key)
    )`.execute(db);
  await sql`CREATE INDEX aid_beneficiaries_village ON aid_beneficiaries (village_code, programme_id, period)`.execute(
    db,
  );
  await sql`CREATE INDEX aid_beneficiaries_family ON aid_beneficiaries (family_number) WHERE family_number IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX aid_beneficiaries_nik ON aid_beneficiaries (nik) WHERE nik IS NOT NULL`.execute(db);
  await sql`
    CREATE TABLE aid_beneficiary_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY,
      beneficiary_id uuid NOT NULL REFERENCES aid_beneficiaries(id) ON DELETE CASCADE,
      village_code text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('ditambahkan', 'diverifikasi', 'dihentikan', 'disalurkan')),
      note text NOT NULL DEFAULT '',
      on_date date,
      amount bigint,
      goods text,
      actor_id uuid,
      actor_name text NOT NULL DEFAULT '',
      at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX aid_beneficiary_events_of ON aid_beneficiary_events (beneficiary_id, seq)`.execute(
    db,
  );
}

async function applications(db: AnyDb) {
  await sql`CREATE SEQUENCE aid_application_number`.execute(db);
  await sql`
    CREATE TABLE aid_applications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      village_code text NOT NULL,
      programme_id uuid NOT NULL REFERENCES aid_programmes(id),
      resident_id uuid,
      nik char(16) NOT NULL,
      family_number char(16),
      name text NOT NULL,
      dusun text NOT NULL DEFAULT '',
      rt text NOT NULL DEFAULT '',
      phone text,
      reason text NOT NULL DEFAULT '',
      status text NOT NULL CHECK (status IN ('diajukan', 'dikembalikan', 'diverifikasi_desa', 'diteruskan',
        'disetujui', 'ditolak', 'disalurkan')),
      filed_by uuid,
      submitted_at timestamptz NOT NULL,
      status_at timestamptz NOT NULL,
      due_at timestamptz,
      musdes_date date,
      musdes_number text,
      musdes_file_id uuid,
      return_reason text,
      decision_reason text,
      disbursed_on date,
      amount bigint,
      goods text,
      beneficiary_id uuid REFERENCES aid_beneficiaries(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX aid_applications_village ON aid_applications (village_code, status, due_at)`.execute(
    db,
  );
  await sql`CREATE INDEX aid_applications_status ON aid_applications (status, due_at)`.execute(db);
  await sql`CREATE INDEX aid_applications_resident ON aid_applications (resident_id)`.execute(db);
  await sql`CREATE INDEX aid_applications_nik ON aid_applications (nik)`.execute(db);
  await sql`
    CREATE TABLE aid_application_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY,
      application_id uuid NOT NULL REFERENCES aid_applications(id) ON DELETE CASCADE,
      village_code text NOT NULL,
      status text NOT NULL,
      note text NOT NULL DEFAULT '',
      actor_kind text NOT NULL CHECK (actor_kind IN ('resident', 'staff', 'system')),
      actor_id uuid,
      actor_name text NOT NULL DEFAULT '',
      at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX aid_application_events_of ON aid_application_events (application_id, seq)`.execute(
    db,
  );
}

const aid: Migration = {
  async up(db: AnyDb) {
    await programmes(db);
    await beneficiaries(db);
    await applications(db);
  },
};

export const aidMigrations: Record<string, Migration> = {
  '1000_aid': aid,
};
