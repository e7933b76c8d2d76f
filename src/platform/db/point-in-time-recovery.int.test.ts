import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../testing.ts';
import { baseBackup, clusterTestsUnavailable, configure, psqlOn, startPrimary } from './test-clusters.ts';

// Point-in-time recovery of a PostgreSQL deployment (#18 §5), as docs/operations.md describes it:
// WAL archiving on the primary, a base backup, and a restore that replays the archive up to a named
// point just before a mistake. Real clusters, started by the test; PostgreSQL pass only.
const unavailable =
  testDatabaseKind() !== 'postgres' ? 'runs in the PostgreSQL pass' : clusterTestsUnavailable();

describe.skipIf(unavailable !== null)('point-in-time recovery from the WAL archive', () => {
  const server = unavailable === null ? startPrimary({ archive: true }) : null;
  afterAll(() => server?.close());

  it('brings a database back to the moment before rows were deleted by mistake', {
    timeout: 120_000,
  }, async () => {
    const { primary, root, archiveDir, psql } = server!;
    psql('CREATE TABLE letters_kept (n int PRIMARY KEY)', 'simpul');
    psql('INSERT INTO letters_kept SELECT generate_series(1, 100)', 'simpul');
    const restored = baseBackup(primary, path.join(root, 'restored'), primary.port + 2);

    // after the base backup: more work, a named restore point, then the mistake
    psql('INSERT INTO letters_kept SELECT generate_series(101, 200)', 'simpul');
    psql("SELECT pg_create_restore_point('sebelum-salah-hapus')");
    psql('DELETE FROM letters_kept WHERE n > 50', 'simpul');
    const segment = psql('SELECT pg_walfile_name(pg_switch_wal())');
    for (let i = 0; i < 200 && !fs.existsSync(path.join(archiveDir!, segment)); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(fs.existsSync(path.join(archiveDir!, segment))).toBe(true);
    expect(psql('SELECT count(*) FROM letters_kept', 'simpul')).toBe('50');
    primary.stop('fast');

    configure(restored, {
      restore_command: `cp ${archiveDir}/%f %p`,
      recovery_target_name: 'sebelum-salah-hapus',
      recovery_target_action: 'promote',
    });
    fs.writeFileSync(path.join(restored.dir, 'recovery.signal'), '');
    restored.start();
    try {
      for (let i = 0; i < 200 && psqlOn(restored, 'SELECT pg_is_in_recovery()') === 't'; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(psqlOn(restored, 'SELECT pg_is_in_recovery()')).toBe('f');
      expect(psqlOn(restored, 'SELECT count(*) FROM letters_kept', 'simpul')).toBe('200');
      // promoted: it takes writes as the new primary
      psqlOn(restored, 'INSERT INTO letters_kept VALUES (201)', 'simpul');
      expect(psqlOn(restored, 'SELECT max(n) FROM letters_kept', 'simpul')).toBe('201');
    } finally {
      restored.stop('immediate');
    }
  });
});
