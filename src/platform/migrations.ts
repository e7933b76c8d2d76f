import { type Kysely, type Migration, sql } from 'kysely';
import { fileMigrations } from './files/schema.ts';
import { searchMigrations } from './search/schema.ts';

// Kysely migrations take an untyped db: the schema is what they create.
type AnyDb = Kysely<unknown>;

// ltree and pgcrypto were in this list until no code had used them; they are left out so that PGlite
// need not load them at every start (pgcrypto's bundle, with OpenSSL, is 1.1 MB and took about half a
// second to open). 0015 drops them from databases created before.
const extensions: Migration = {
  async up(db: AnyDb) {
    for (const name of ['pg_trgm', 'unaccent', 'cube', 'earthdistance']) {
      await sql`CREATE EXTENSION IF NOT EXISTS ${sql.id(name)}`.execute(db);
    }
  },
};

const dropUnusedExtensions: Migration = {
  async up(db: AnyDb) {
    await sql`DROP EXTENSION IF EXISTS ltree`.execute(db);
    await sql`DROP EXTENSION IF EXISTS pgcrypto`.execute(db);
  },
};

const peopleAndSessions: Migration = {
  async up(db: AnyDb) {
    await sql`
      CREATE TABLE agencies (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9_]{2,32}$'),
        name text NOT NULL,
        short_name text NOT NULL,
        field text NOT NULL DEFAULT '',
        head_email text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`
      CREATE TABLE staff_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin_kabupaten','opd','camat','kepala_desa','sekretaris_desa','operator_desa')),
        scope_type text NOT NULL CHECK (scope_type IN ('region','agency')),
        scope_code text NOT NULL,
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE UNIQUE INDEX staff_users_email ON staff_users (lower(email))`.execute(db);
    await sql`
      CREATE TABLE sessions (
        id text PRIMARY KEY,
        subject_kind text NOT NULL CHECK (subject_kind IN ('staff','resident')),
        subject_id uuid NOT NULL,
        subject jsonb NOT NULL DEFAULT '{}',
        csrf_secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ip text,
        user_agent text
      )`.execute(db);
    await sql`CREATE INDEX sessions_subject ON sessions (subject_kind, subject_id)`.execute(db);
    await sql`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`.execute(db);
    await sql`
      CREATE TABLE login_failures (
        id bigserial PRIMARY KEY,
        key text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE INDEX login_failures_key ON login_failures (key, failed_at)`.execute(db);
  },
};

const auditFilesOutbox: Migration = {
  async up(db: AnyDb) {
    await sql`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_kind text NOT NULL,
        actor_id uuid,
        actor_label text NOT NULL,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        village_code text,
        detail jsonb NOT NULL DEFAULT '{}',
        ip text
      )`.execute(db);
    await sql`CREATE INDEX audit_log_at ON audit_log (at DESC)`.execute(db);
    await sql`CREATE INDEX audit_log_entity ON audit_log (entity, entity_id)`.execute(db);
    await sql`CREATE INDEX audit_log_actor ON audit_log (actor_id, at DESC)`.execute(db);
    await sql`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`.execute(db);
    await sql`
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    await sql`
      CREATE TABLE files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sha256 text NOT NULL,
        size integer NOT NULL,
        content_type text NOT NULL,
        name text NOT NULL,
        village_code text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel text NOT NULL CHECK (channel IN ('sms','whatsapp','email','log')),
        recipient text NOT NULL,
        subject text NOT NULL DEFAULT '',
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        send_after timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`.execute(db);
    await sql`CREATE INDEX outbox_pending ON outbox (send_after) WHERE status = 'pending'`.execute(db);
  },
};

// Tokens made before expiry existed get the default lifetime from the day this runs rather than
// dying at once, so an integration has time to be given a new one.
const apiTokenExpiry: Migration = {
  async up(db: AnyDb) {
    await sql`ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz`.execute(db);
    await sql`UPDATE api_tokens SET expires_at = now() + interval '90 days'`.execute(db);
    await sql`ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL`.execute(db);
    await sql`CREATE INDEX api_tokens_user ON api_tokens (user_id)`.execute(db);
  },
};

// One row per throttled key (an account, an account from one address, an address) replaces the
// log of single failures: the wait doubles with the count, which a counter says directly.
const loginThrottle: Migration = {
  async up(db: AnyDb) {
    await sql`
      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        failures integer NOT NULL DEFAULT 0,
        last_failure_at timestamptz,
        blocked_until timestamptz,
        last_success_at timestamptz
      )`.execute(db);
    await sql`DROP TABLE login_failures`.execute(db);
  },
};

// What reference seed ran with which inputs (platform/db/seed-state.ts): a warm start skips them.
const seedState: Migration = {
  async up(db: AnyDb) {
    await sql`CREATE TABLE seed_state (name text PRIMARY KEY, fingerprint text NOT NULL, applied_at timestamptz NOT NULL)`.execute(
      db,
    );
  },
};

// The posyandu kader role (issue #14): the role list of the check is the ROLES of auth/roles.ts.
const kaderRole: Migration = {
  async up(db: AnyDb) {
    await sql`ALTER TABLE staff_users DROP CONSTRAINT IF EXISTS staff_users_role_check`.execute(db);
    await sql`
      ALTER TABLE staff_users ADD CONSTRAINT staff_users_role_check CHECK (role IN (
        'admin_kabupaten','opd','camat','kepala_desa','sekretaris_desa','operator_desa','kader_posyandu'))`.execute(
      db,
    );
  },
};

export const platformMigrations: Record<string, Migration> = {
  '0001_extensions': extensions,
  '0002_people_and_sessions': peopleAndSessions,
  '0003_audit_files_outbox': auditFilesOutbox,
  '0004_api_token_expiry': apiTokenExpiry,
  '0005_login_throttle': loginThrottle,
  '0014_seed_state': seedState,
  '0015_drop_unused_extensions': dropUnusedExtensions,
  '0016_kader_role': kaderRole,
  ...searchMigrations,
  ...fileMigrations,
};
