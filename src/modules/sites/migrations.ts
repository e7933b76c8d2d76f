import { type Kysely, type Migration, sql } from 'kysely';

const siteContent: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE site_profiles (
        village_code text PRIMARY KEY REFERENCES villages(code),
        history text NOT NULL DEFAULT '',
        vision text NOT NULL DEFAULT '',
        mission text NOT NULL DEFAULT '',
        area_km2 double precision CHECK (area_km2 IS NULL OR area_km2 > 0),
        lat double precision CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
        lng double precision CHECK (lng IS NULL OR lng BETWEEN -180 AND 180),
        place_name text NOT NULL DEFAULT '',
        hamlets text NOT NULL DEFAULT '',
        rw_count integer CHECK (rw_count IS NULL OR rw_count >= 0),
        rt_count integer CHECK (rt_count IS NULL OR rt_count >= 0),
        about text NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL
      )`.execute(db);
    await sql`
      CREATE TABLE site_images (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        village_code text NOT NULL REFERENCES villages(code),
        alt text NOT NULL,
        caption text NOT NULL DEFAULT '',
        width integer NOT NULL,
        height integer NOT NULL,
        variants jsonb NOT NULL,
        in_gallery boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX site_images_gallery ON site_images (village_code, created_at DESC) WHERE in_gallery`.execute(
      db,
    );
    await sql`
      CREATE TABLE site_officials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        village_code text NOT NULL REFERENCES villages(code),
        name text NOT NULL,
        position text NOT NULL,
        grp text NOT NULL CHECK (grp IN ('perangkat','bpd')),
        sort_order integer NOT NULL DEFAULT 0,
        photo_id uuid REFERENCES site_images(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX site_officials_village ON site_officials (village_code, grp, sort_order)`.execute(
      db,
    );
    await sql`
      CREATE TABLE site_articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        village_code text NOT NULL REFERENCES villages(code),
        kind text NOT NULL CHECK (kind IN ('berita','pengumuman')),
        title text NOT NULL,
        slug text NOT NULL,
        summary text NOT NULL DEFAULT '',
        body text NOT NULL DEFAULT '',
        cover_id uuid REFERENCES site_images(id) ON DELETE SET NULL,
        status text NOT NULL CHECK (status IN ('draft','scheduled','published','unpublished')),
        publish_at timestamptz,
        published_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (village_code, slug)
      )`.execute(db);
    // the public lists: a village's visible items newest first, and the regency's latest news
    await sql`CREATE INDEX site_articles_public ON site_articles (village_code, published_at DESC) WHERE status IN ('published','scheduled')`.execute(
      db,
    );
    await sql`CREATE INDEX site_articles_latest ON site_articles (published_at DESC) WHERE status IN ('published','scheduled')`.execute(
      db,
    );
    await sql`
      CREATE TABLE site_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        village_code text NOT NULL REFERENCES villages(code),
        title text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz CHECK (ends_at IS NULL OR ends_at >= starts_at),
        place text NOT NULL DEFAULT '',
        description text NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX site_events_village ON site_events (village_code, starts_at)`.execute(db);
    await sql`
      CREATE TABLE site_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- the order of saves made within the same instant (a fixed clock, one transaction)
        seq bigserial NOT NULL,
        village_code text NOT NULL REFERENCES villages(code),
        entity text NOT NULL CHECK (entity IN ('profile','article','official','event')),
        entity_id text NOT NULL,
        content jsonb NOT NULL,
        saved_by uuid,
        saved_by_name text NOT NULL,
        saved_at timestamptz NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX site_revisions_item ON site_revisions (entity, entity_id, saved_at DESC, seq DESC)`.execute(
      db,
    );
  },
};

export const siteMigrations: Record<string, Migration> = { '0600_site_content': siteContent };
