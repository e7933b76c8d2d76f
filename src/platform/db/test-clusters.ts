import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Real PostgreSQL clusters for the tests that need more than the shared server gives: a primary
// with a streaming replica (pg_basebackup), stopped and restarted under the app. They run as the
// `postgres` system user (PostgreSQL refuses root) in a temporary directory, on their own ports.

/** Debian's server binaries (postgresql-NN), the newest installed; null when there are none. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_basebackup')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

/** Why the cluster tests cannot run here, or null when they can. */
export function clusterTestsUnavailable(): string | null {
  if (!postgresBinDir()) return 'no PostgreSQL server binaries under /usr/lib/postgresql';
  if (process.getuid?.() !== 0 && os.userInfo().username !== 'postgres')
    return 'the cluster tests run initdb as the postgres user, which needs root or postgres';
  if (spawnSync('id', ['postgres']).status !== 0) return 'there is no postgres system user';
  return null;
}

function asPostgres(command: string, args: string[]): string {
  const bin = path.join(postgresBinDir()!, command);
  const asRoot = process.getuid?.() === 0;
  return execFileSync(asRoot ? 'runuser' : bin, asRoot ? ['-u', 'postgres', '--', bin, ...args] : args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
}

export interface Cluster {
  port: number;
  dir: string;
  url(database?: string): string;
  start(): void;
  stop(mode?: 'fast' | 'immediate'): void;
  restart(): void;
}

function cluster(dir: string, port: number): Cluster {
  const log = path.join(dir, '..', `${path.basename(dir)}.log`);
  return {
    port,
    dir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () =>
      void asPostgres('pg_ctl', ['-D', dir, '-l', log, '-w', '-t', '60', '-o', `-p ${port}`, 'start']),
    stop: (mode = 'fast') => void asPostgres('pg_ctl', ['-D', dir, '-m', mode, '-w', 'stop']),
    restart: () =>
      void asPostgres('pg_ctl', ['-D', dir, '-l', log, '-w', '-m', 'fast', '-o', `-p ${port}`, 'restart']),
  };
}

/** A free TCP port pair base in 20000–29999 (each test process picks its own). */
function portBase(): number {
  return 20000 + ((process.pid * 7 + Date.now()) % 5000) * 2;
}

function tempRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-clusters-'));
  fs.chmodSync(root, 0o777);
  return root;
}

/** The options that reach a cluster's server as the `postgres` user. */
const on = (c: Cluster) => ['-h', '127.0.0.1', '-p', String(c.port), '-U', 'postgres'];

export function psqlOn(c: Cluster, query: string, database = 'postgres'): string {
  return asPostgres('psql', [...on(c), '-d', database, '-At', '-c', query]).trim();
}

/**
 * A new cluster (trust auth on 127.0.0.1, replication allowed) with a database `simpul`. With
 * `archiveDir`, every finished WAL segment is copied there (WAL archiving, for point-in-time recovery).
 */
function initPrimary(root: string, port: number, options: { archiveDir?: string } = {}): Cluster {
  const primary = cluster(path.join(root, 'primary'), port);
  asPostgres('initdb', ['-D', primary.dir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const archiving = options.archiveDir
    ? `archive_mode = on\narchive_command = 'cp %p ${options.archiveDir}/%f'\n`
    : '';
  fs.appendFileSync(
    path.join(primary.dir, 'postgresql.conf'),
    `\nlisten_addresses = '127.0.0.1'\nwal_level = replica\nmax_wal_senders = 5\nfsync = off\nunix_socket_directories = ''\n${archiving}`,
  );
  fs.appendFileSync(path.join(primary.dir, 'pg_hba.conf'), '\nhost replication all 127.0.0.1/32 trust\n');
  primary.start();
  psqlOn(primary, 'CREATE DATABASE simpul');
  return primary;
}

function stopQuietly(...clusters: Cluster[]): void {
  for (const c of clusters) {
    try {
      c.stop('immediate');
    } catch {
      // already stopped
    }
  }
}

/** One cluster of its own, e.g. to stop and restart PostgreSQL under the app. */
export function startPrimary(options: { archive?: boolean } = {}): {
  primary: Cluster;
  root: string;
  archiveDir: string | null;
  psql(query: string, database?: string): string;
  close(): void;
} {
  const root = tempRoot();
  const archiveDir = options.archive ? path.join(root, 'wal-archive') : null;
  if (archiveDir) {
    fs.mkdirSync(archiveDir);
    fs.chmodSync(archiveDir, 0o777);
  }
  const primary = initPrimary(root, portBase(), archiveDir ? { archiveDir } : {});
  return {
    primary,
    root,
    archiveDir,
    psql: (query, database) => psqlOn(primary, query, database),
    close() {
      stopQuietly(primary);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A base backup of `from` (pg_basebackup) into `dir`, to start as a cluster on `port`. */
export function baseBackup(
  from: Cluster,
  dir: string,
  port: number,
  options: { standby?: boolean } = {},
): Cluster {
  const args = [...on(from), '-D', dir, '-X', 'stream', '-c', 'fast'];
  asPostgres('pg_basebackup', options.standby ? [...args, '-R'] : args);
  return cluster(dir, port);
}

/** Writes `settings` into a cluster's postgresql.auto.conf (recovery targets, restore_command). */
export function configure(c: Cluster, settings: Record<string, string>): void {
  const lines = Object.entries(settings).map(([key, value]) => `${key} = '${value.replaceAll("'", "''")}'`);
  fs.appendFileSync(path.join(c.dir, 'postgresql.auto.conf'), `\n${lines.join('\n')}\n`);
}

/**
 * A new primary with a database `simpul`, and a streaming replica of it made by
 * `pg_basebackup -R`. `close` stops both and removes their files.
 */
export async function startPrimaryWithReplica(): Promise<{
  primary: Cluster;
  replica: Cluster;
  /** waits until the replica has replayed everything the primary has written so far */
  caughtUp(): Promise<void>;
  close(): void;
}> {
  const root = tempRoot();
  const base = portBase();
  const primary = initPrimary(root, base);
  const replica = baseBackup(primary, path.join(root, 'replica'), base + 1, { standby: true });
  replica.start();
  return {
    primary,
    replica,
    async caughtUp() {
      const target = psqlOn(primary, 'SELECT pg_current_wal_lsn()');
      for (let i = 0; i < 200; i++) {
        const behind = psqlOn(replica, `SELECT pg_last_wal_replay_lsn() < '${target}'::pg_lsn`);
        if (behind === 'f') return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the replica did not catch up within 10 s');
    },
    close() {
      stopQuietly(replica, primary);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
