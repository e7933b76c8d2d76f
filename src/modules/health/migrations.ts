import { type Kysely, type Migration, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

async function posyanduAndPeople(db: AnyDb) {
  await sql`
    CREATE TABLE health_posyandu (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      village_code text NOT NULL,
      name text NOT NULL,
      dusun text NOT NULL DEFAULT '',
      schedule_day smallint CHECK (schedule_day BETWEEN 1 AND 31),
      address text NOT NULL DEFAULT '',
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (village_code, name)
    )`.execute(db);
  await sql`
    CREATE TABLE health_kader (
      user_id uuid PRIMARY KEY REFERENCES staff_users(id) ON DELETE CASCADE,
      posyandu_id uuid NOT NULL REFERENCES health_posyandu(id) ON DELETE CASCADE,
      village_code text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX health_kader_posyandu ON health_kader (posyandu_id)`.execute(db);
  await sql`
    CREATE TABLE health_mothers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      village_code text NOT NULL,
      resident_id uuid,
      name text NOT NULL,
      nik char(16),
      family_number char(16),
      birth_date date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX health_mothers_village ON health_mothers (village_code, name)`.execute(db);
  await sql`CREATE INDEX health_mothers_nik ON health_mothers (nik) WHERE nik IS NOT NULL`.execute(db);
  await sql`
    CREATE TABLE health_children (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      village_code text NOT NULL,
      posyandu_id uuid NOT NULL REFERENCES health_posyandu(id),
      resident_id uuid,
      name text NOT NULL,
      sex smallint NOT NULL CHECK (sex IN (1, 2)),
      birth_date date NOT NULL,
      nik char(16),
      family_number char(16),
      mother_id uuid REFERENCES health_mothers(id) ON DELETE SET NULL,
      birth_weight_kg numeric(4, 2),
      birth_length_cm numeric(4, 1),
      active boolean NOT NULL DEFAULT true,
      anonymised_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX health_children_village ON health_children (village_code, posyandu_id, name)`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX health_children_nik ON health_children (nik) WHERE nik IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX health_children_family ON health_children (family_number) WHERE family_number IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX health_children_resident ON health_children (resident_id) WHERE resident_id IS NOT NULL`.execute(
    db,
  );
}

async function pregnancies(db: AnyDb) {
  await sql`
    CREATE TABLE health_pregnancies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      village_code text NOT NULL,
      mother_id uuid NOT NULL REFERENCES health_mothers(id) ON DELETE CASCADE,
      posyandu_id uuid REFERENCES health_posyandu(id),
      expected_date date,
      first_check_date date,
      ended_on date,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX health_pregnancies_village ON health_pregnancies (village_code, ended_on)`.execute(
    db,
  );
  await sql`
    CREATE TABLE health_pregnancy_checks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      pregnancy_id uuid NOT NULL REFERENCES health_pregnancies(id) ON DELETE CASCADE,
      village_code text NOT NULL,
      checked_on date NOT NULL,
      gestational_weeks smallint CHECK (gestational_weeks BETWEEN 1 AND 45),
      lila_cm numeric(4, 1) CHECK (lila_cm BETWEEN 10 AND 60),
      kek_risk boolean NOT NULL DEFAULT false,
      iron_tablets smallint NOT NULL DEFAULT 0 CHECK (iron_tablets BETWEEN 0 AND 400),
      visit_number smallint CHECK (visit_number BETWEEN 1 AND 20),
      entered_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (pregnancy_id, checked_on)
    )`.execute(db);
  await sql`CREATE INDEX health_pregnancy_checks_village ON health_pregnancy_checks (village_code, checked_on)`.execute(
    db,
  );
}

async function measurements(db: AnyDb) {
  await sql`
    CREATE TABLE health_measurements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES health_children(id) ON DELETE CASCADE,
      village_code text NOT NULL,
      posyandu_id uuid NOT NULL REFERENCES health_posyandu(id),
      measured_on date NOT NULL,
      measured_month date NOT NULL CHECK (measured_month = measured_on - (EXTRACT(DAY FROM measured_on)::int - 1)),
      age_days integer NOT NULL CHECK (age_days >= 0),
      weight_kg numeric(5, 2) CHECK (weight_kg > 0 AND weight_kg < 100),
      height_cm numeric(5, 1) CHECK (height_cm > 0 AND height_cm < 200),
      position text CHECK (position IN ('lying', 'standing')),
      head_cm numeric(4, 1),
      arm_cm numeric(4, 1),
      oedema boolean NOT NULL DEFAULT false,
      immunisations text[] NOT NULL DEFAULT '{}',
      vitamin_a boolean NOT NULL DEFAULT false,
      exclusive_breastfeeding boolean,
      haz numeric(5, 2),
      waz numeric(5, 2),
      whz numeric(5, 2),
      height_for_age text,
      weight_for_age text,
      weight_for_height text,
      weight_gain text CHECK (weight_gain IN ('naik', 'tidak_naik', 'baru')),
      two_t boolean NOT NULL DEFAULT false,
      flags text[] NOT NULL DEFAULT '{}',
      confirmed_implausible boolean NOT NULL DEFAULT false,
      entered_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (child_id, measured_month)
    )`.execute(db);
  // figures count one month of a region: village code first, so a kecamatan is a range scan
  await sql`CREATE INDEX health_measurements_month ON health_measurements (measured_month, village_code)`.execute(
    db,
  );
  await sql`CREATE INDEX health_measurements_village ON health_measurements (village_code, measured_month)`.execute(
    db,
  );
  await sql`CREATE INDEX health_measurements_posyandu ON health_measurements (posyandu_id, measured_month)`.execute(
    db,
  );
  await sql`CREATE INDEX health_measurements_child ON health_measurements (child_id, measured_on)`.execute(
    db,
  );
}

const health: Migration = {
  async up(db: AnyDb) {
    await posyanduAndPeople(db);
    await pregnancies(db);
    await measurements(db);
  },
};

export const healthMigrations: Record<string, Migration> = {
  '0800_health': health,
};
