import { type Kysely, type Migration, sql } from 'kysely';
import { retargetForeignKeys } from '../../platform/db/foreign-keys.ts';

type AnyDb = Kysely<unknown>;

const catalog: Migration = {
  async up(db: AnyDb) {
    await sql`
      CREATE TABLE services (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        owner_type text NOT NULL CHECK (owner_type IN ('village','agency')),
        owner_code text REFERENCES agencies(code),
        current_version integer NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((owner_type = 'agency') = (owner_code IS NOT NULL))
      )`.execute(db);
    await sql`
      CREATE TABLE service_versions (
        service_id uuid NOT NULL REFERENCES services(id),
        version integer NOT NULL,
        definition jsonb NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (service_id, version)
      )`.execute(db);
    await sql`
      CREATE TABLE village_services (
        village_code text NOT NULL,
        service_id uuid NOT NULL REFERENCES services(id),
        enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (village_code, service_id)
      )`.execute(db);
  },
};

const requests: Migration = {
  async up(db: AnyDb) {
    await sql`
      CREATE TABLE resident_pins (
        resident_id uuid PRIMARY KEY REFERENCES residents(id),
        pin_hash text NOT NULL,
        must_change boolean NOT NULL DEFAULT true,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        issued_by uuid,
        issued_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz
      )`.execute(db);
    await sql`
      CREATE TABLE service_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        village_code text NOT NULL,
        service_id uuid NOT NULL,
        service_version integer NOT NULL,
        resident_id uuid NOT NULL REFERENCES residents(id),
        applicant jsonb NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        state text NOT NULL CHECK (state IN ('draf','diperiksa','belum_lengkap','menunggu_tanda_tangan','siap_diambil','sudah_diambil','ditolak','dibatalkan')),
        step_index integer NOT NULL DEFAULT 0,
        remarks jsonb NOT NULL DEFAULT '{}',
        remark_note text,
        filed_by uuid,
        contact_phone text,
        contact_channel text CHECK (contact_channel IS NULL OR contact_channel IN ('sms','whatsapp')),
        submitted_at timestamptz,
        due_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (service_id, service_version) REFERENCES service_versions(service_id, version)
      )`.execute(db);
    await sql`CREATE INDEX service_requests_queue ON service_requests (village_code, state, submitted_at)`.execute(
      db,
    );
    await sql`CREATE INDEX service_requests_service ON service_requests (service_id, state)`.execute(db);
    await sql`CREATE INDEX service_requests_resident ON service_requests (resident_id, created_at DESC)`.execute(
      db,
    );
    await sql`
      CREATE TABLE service_request_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES service_requests(id),
        name text NOT NULL,
        file_id uuid NOT NULL REFERENCES files(id),
        file_name text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE INDEX service_request_attachments_request ON service_request_attachments (request_id)`.execute(
      db,
    );
    await sql`
      CREATE TABLE service_request_events (
        id bigserial PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES service_requests(id),
        at timestamptz NOT NULL DEFAULT now(),
        actor_kind text NOT NULL,
        actor_id uuid,
        actor_label text NOT NULL,
        kind text NOT NULL,
        note text,
        detail jsonb NOT NULL DEFAULT '{}'
      )`.execute(db);
    await sql`CREATE INDEX service_request_events_request ON service_request_events (request_id, at)`.execute(
      db,
    );
  },
};

// A PIN and a request belong to a person's identity in resident_keys (0208_residents_keys), which
// stays one table when `residents` is partitioned by regency.
const requestsOnResidentKeys: Migration = {
  async up(db: AnyDb) {
    await retargetForeignKeys(db, 'residents', 'resident_keys', [
      ['resident_pins', 'resident_id'],
      ['service_requests', 'resident_id'],
    ]);
  },
};

export const serviceMigrations: Record<string, Migration> = {
  '0300_service_catalog': catalog,
  '0301_service_requests': requests,
  '0302_service_requests_resident_keys': requestsOnResidentKeys,
};
