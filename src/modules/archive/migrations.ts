import { type Kysely, type Migration, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

const registers: Migration = {
  async up(db: AnyDb) {
    await sql`
      CREATE TABLE classification_codes (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{3}(\.[0-9]+)*$'),
        name text NOT NULL CHECK (name <> ''),
        parent text REFERENCES classification_codes(code),
        retention_active text NOT NULL DEFAULT '',
        retention_inactive text NOT NULL DEFAULT '',
        final_disposition text NOT NULL DEFAULT '',
        active boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`
      CREATE TABLE archive_incoming (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        village_code text NOT NULL,
        year integer NOT NULL,
        agenda_number integer NOT NULL,
        received_on date NOT NULL,
        letter_number text NOT NULL,
        letter_date date NOT NULL,
        sender text NOT NULL,
        subject text NOT NULL,
        classification_code text NOT NULL REFERENCES classification_codes(code),
        scan_file_id uuid REFERENCES files(id),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        deleted_by uuid,
        deleted_reason text,
        UNIQUE (village_code, year, agenda_number),
        CHECK ((deleted_at IS NULL) = (deleted_reason IS NULL))
      )`.execute(db);
    await sql`CREATE INDEX archive_incoming_village ON archive_incoming (village_code, year, received_on DESC)`.execute(
      db,
    );
    await sql`
      CREATE TABLE archive_dispositions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incoming_id uuid NOT NULL REFERENCES archive_incoming(id),
        village_code text NOT NULL,
        assignee_id uuid NOT NULL REFERENCES staff_users(id),
        instruction text NOT NULL,
        due_on date,
        status text NOT NULL DEFAULT 'belum' CHECK (status IN ('belum', 'proses', 'selesai')),
        reply text NOT NULL DEFAULT '',
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE INDEX archive_dispositions_incoming ON archive_dispositions (incoming_id)`.execute(db);
    await sql`CREATE INDEX archive_dispositions_open ON archive_dispositions (assignee_id) WHERE status <> 'selesai'`.execute(
      db,
    );
    await sql`
      CREATE TABLE archive_outgoing (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        village_code text NOT NULL,
        year integer NOT NULL,
        agenda_number integer NOT NULL,
        letter_number text NOT NULL,
        letter_date date NOT NULL,
        recipient text NOT NULL,
        subject text NOT NULL,
        classification_code text NOT NULL REFERENCES classification_codes(code),
        sent_on date,
        receipt_file_id uuid REFERENCES files(id),
        receipt_noted_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        deleted_by uuid,
        deleted_reason text,
        UNIQUE (village_code, year, agenda_number),
        CHECK ((deleted_at IS NULL) = (deleted_reason IS NULL))
      )`.execute(db);
    await sql`CREATE INDEX archive_outgoing_village ON archive_outgoing (village_code, year, letter_date DESC)`.execute(
      db,
    );
  },
};

export const archiveMigrations: Record<string, Migration> = {
  '1100_archive_registers': registers,
};
