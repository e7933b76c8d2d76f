import { type Kysely, type Migration, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

const letters: Migration = {
  async up(db: AnyDb) {
    await sql`
      CREATE TABLE letter_classifications (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{3}(\.[0-9]+)*$'),
        name text NOT NULL
      )`.execute(db);
    await sql`
      CREATE TABLE letter_sequences (
        issuer text NOT NULL,
        year integer NOT NULL,
        classification_code text NOT NULL,
        last_number integer NOT NULL,
        PRIMARY KEY (issuer, year, classification_code)
      )`.execute(db);
    await sql`
      CREATE TABLE letter_settings (
        issuer text PRIMARY KEY,
        number_pattern text NOT NULL,
        signatory_name text,
        signatory_position text,
        signatory_employee_number text,
        delegate_name text,
        delegate_position text,
        delegate_employee_number text,
        logo_file_id uuid REFERENCES files(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`
      CREATE TABLE letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid UNIQUE,
        issuer text NOT NULL,
        village_code text NOT NULL,
        service_slug text NOT NULL,
        letter_code text NOT NULL,
        title text NOT NULL,
        number text NOT NULL,
        year integer NOT NULL,
        classification_code text NOT NULL,
        sequence integer NOT NULL,
        subject_name text NOT NULL,
        subject_nik text NOT NULL,
        verification_code text NOT NULL UNIQUE,
        file_id uuid NOT NULL REFERENCES files(id),
        pdf_sha256 text NOT NULL,
        signed_by uuid NOT NULL,
        signed_by_name text NOT NULL,
        signed_on_behalf boolean NOT NULL,
        signature_method text NOT NULL,
        issued_at timestamptz NOT NULL,
        valid_until date,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (issuer, year, classification_code, sequence),
        UNIQUE (issuer, number)
      )`.execute(db);
    await sql`CREATE INDEX letters_register ON letters (village_code, issued_at DESC)`.execute(db);
  },
};

export const letterMigrations: Record<string, Migration> = {
  '0400_letters': letters,
};
