import { type Kysely, type Migration, sql } from 'kysely';
import { ROAD_STATUS_FIELD } from './defaults.ts';

type AnyDb = Kysely<unknown>;

const complaints: Migration = {
  async up(db: AnyDb) {
    await sql`
      CREATE TABLE complaint_categories (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9_]{2,40}$'),
        name text NOT NULL,
        name_en text NOT NULL,
        group_name text NOT NULL,
        description text NOT NULL DEFAULT '',
        fields jsonb NOT NULL DEFAULT '[]',
        sla_verify_days integer NOT NULL CHECK (sla_verify_days BETWEEN 0 AND 90),
        sla_response_days integer NOT NULL CHECK (sla_response_days BETWEEN 0 AND 90),
        sla_resolve_days integer NOT NULL CHECK (sla_resolve_days BETWEEN 0 AND 365),
        confidential_default boolean NOT NULL DEFAULT false,
        anonymous_allowed boolean NOT NULL DEFAULT true,
        public_reopen boolean NOT NULL DEFAULT true,
        reopen_days integer NOT NULL DEFAULT 14,
        active boolean NOT NULL DEFAULT true,
        sort integer NOT NULL DEFAULT 0
      )`.execute(db);
    await sql`
      CREATE TABLE complaint_routes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category_code text NOT NULL REFERENCES complaint_categories(code) ON DELETE CASCADE,
        region_code text NOT NULL,
        handler_kind text NOT NULL CHECK (handler_kind IN ('agency','village')),
        agency_code text REFERENCES agencies(code),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (category_code, region_code),
        CHECK ((handler_kind = 'agency') = (agency_code IS NOT NULL))
      )`.execute(db);
    await sql`CREATE TABLE complaint_holidays (date date PRIMARY KEY, name text NOT NULL)`.execute(db);
    await sql`
      CREATE TABLE complaints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket text NOT NULL UNIQUE,
        village_code text NOT NULL REFERENCES villages(code),
        kecamatan_code text NOT NULL,
        category_code text NOT NULL REFERENCES complaint_categories(code),
        kind text NOT NULL DEFAULT 'pengaduan' CHECK (kind IN ('pengaduan','aspirasi','informasi')),
        title text NOT NULL,
        description text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        lat double precision CHECK (lat BETWEEN -90 AND 90),
        lng double precision CHECK (lng BETWEEN -180 AND 180),
        address text,
        state text NOT NULL CHECK (state IN ('baru','diverifikasi','diteruskan','diproses','dijadwalkan','selesai','ditolak','duplikat')),
        handler_kind text NOT NULL CHECK (handler_kind IN ('agency','village')),
        handler_code text NOT NULL,
        anonymous boolean NOT NULL DEFAULT false,
        confidential boolean NOT NULL DEFAULT false,
        reporter_name text,
        reporter_phone text,
        reporter_email text,
        reporter_resident_id uuid,
        reporter_key_hash text NOT NULL,
        source text NOT NULL CHECK (source IN ('web','api','open311')),
        open311_client_id uuid,
        open311_token text UNIQUE,
        device_id text,
        account_id text,
        support_count integer NOT NULL DEFAULT 0,
        duplicate_of uuid REFERENCES complaints(id),
        reject_reason text,
        scheduled_for date,
        flagged boolean NOT NULL DEFAULT false,
        flag_reason text,
        hidden boolean NOT NULL DEFAULT false,
        public_title text,
        public_description text,
        verify_due_at timestamptz NOT NULL,
        response_due_at timestamptz NOT NULL,
        resolve_due_at timestamptz NOT NULL,
        verified_at timestamptz,
        first_response_at timestamptz,
        resolved_at timestamptz,
        confirmed_at timestamptz,
        reopened_count integer NOT NULL DEFAULT 0,
        escalation_level integer NOT NULL DEFAULT 0,
        escalated_at timestamptz,
        ip_hash text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`.execute(db);
    // the public list: newest first, without confidential or hidden reports
    await sql`CREATE INDEX complaints_public ON complaints (created_at DESC) WHERE NOT confidential AND NOT hidden`.execute(
      db,
    );
    await sql`CREATE INDEX complaints_village ON complaints (village_code, created_at DESC)`.execute(db);
    await sql`CREATE INDEX complaints_kecamatan ON complaints (kecamatan_code, created_at DESC)`.execute(db);
    await sql`CREATE INDEX complaints_category ON complaints (category_code, created_at DESC)`.execute(db);
    await sql`CREATE INDEX complaints_handler ON complaints (handler_kind, handler_code, state, created_at DESC)`.execute(
      db,
    );
    await sql`CREATE INDEX complaints_open_due ON complaints (resolve_due_at) WHERE state IN ('baru','diverifikasi','diteruskan','diproses','dijadwalkan')`.execute(
      db,
    );
    await sql`CREATE INDEX complaints_flagged ON complaints (created_at) WHERE flagged`.execute(db);
    // nearby duplicates: earthdistance's cube index (no PostGIS in PGlite)
    await sql`CREATE INDEX complaints_earth ON complaints USING gist (ll_to_earth(lat, lng)) WHERE lat IS NOT NULL AND lng IS NOT NULL`.execute(
      db,
    );
    await sql`
      CREATE TABLE complaint_updates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_id uuid NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        kind text NOT NULL,
        public boolean NOT NULL,
        from_state text,
        to_state text,
        from_handler text,
        to_handler text,
        body text NOT NULL DEFAULT '',
        actor_kind text NOT NULL,
        actor_id text,
        actor_label text NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX complaint_updates_complaint ON complaint_updates (complaint_id, at)`.execute(db);
    await sql`
      CREATE TABLE complaint_photos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_id uuid NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
        file_id uuid NOT NULL REFERENCES files(id),
        thumb_file_id uuid NOT NULL REFERENCES files(id),
        position integer NOT NULL,
        hidden boolean NOT NULL DEFAULT false
      )`.execute(db);
    await sql`CREATE INDEX complaint_photos_complaint ON complaint_photos (complaint_id, position)`.execute(
      db,
    );
    await sql`
      CREATE TABLE complaint_intake (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL,
        at timestamptz NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX complaint_intake_key ON complaint_intake (key, at)`.execute(db);
    await sql`
      CREATE TABLE complaint_supports (
        complaint_id uuid NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
        key_hash text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (complaint_id, key_hash)
      )`.execute(db);
    await sql`
      CREATE TABLE open311_clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid
      )`.execute(db);
  },
};

const replyTemplates: Migration = {
  async up(db: AnyDb) {
    await sql`
      CREATE TABLE complaint_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category_code text REFERENCES complaint_categories(code) ON DELETE CASCADE,
        state text CHECK (state IS NULL OR state IN ('baru','diverifikasi','diteruskan','diproses','dijadwalkan','selesai','ditolak','duplikat')),
        title text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE INDEX complaint_templates_category ON complaint_templates (category_code)`.execute(db);
  },
};

/**
 * Photos wait for an officer before the public sees them (a KTP photo with its NIK was public
 * until someone hid it), and an officer may add the "after" photo of the fix. Photos already
 * stored are all made private too: none of them was reviewed, a leaked NIK cannot be taken back,
 * and republishing the harmless ones is one click per photo for the handler.
 */
const photoReview: Migration = {
  async up(db: AnyDb) {
    await sql`ALTER TABLE complaint_photos ADD COLUMN kind text NOT NULL DEFAULT 'laporan' CHECK (kind IN ('laporan', 'sesudah'))`.execute(
      db,
    );
    await sql`ALTER TABLE complaint_photos ALTER COLUMN hidden SET DEFAULT true`.execute(db);
    await sql`UPDATE complaint_photos SET hidden = true`.execute(db);
  },
};

/** The road-status question in the resident's words, on databases seeded before it was reworded. */
const roadStatusWords: Migration = {
  async up(db: AnyDb) {
    const field = JSON.stringify(ROAD_STATUS_FIELD);
    await sql`
      UPDATE complaint_categories SET fields = (
        SELECT jsonb_agg(CASE WHEN f->>'code' = 'status_jalan' THEN ${field}::jsonb ELSE f END ORDER BY n)
        FROM jsonb_array_elements(fields) WITH ORDINALITY AS e(f, n)
      )
      WHERE code = 'JALAN_RUSAK' AND jsonb_typeof(fields) = 'array' AND jsonb_array_length(fields) > 0`.execute(
      db,
    );
  },
};

export const complaintMigrations: Record<string, Migration> = {
  '0500_complaints': complaints,
  '0501_complaint_templates': replyTemplates,
  '0502_complaint_photo_review': photoReview,
  '0503_complaint_road_status_words': roadStatusWords,
};
