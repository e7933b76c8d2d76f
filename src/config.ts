import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** a streaming replica of DATABASE_URL for dashboards and public reads (DATABASE_REPLICA_URL), or null */
  databaseReplicaUrl: string | null;
  regencyCode: string;
  demo: boolean;
  logLevel: string;
  sessionDays: number;
  publicUrl: string;
  notifySender: 'log' | 'webhook';
  notifyWebhookUrl: string | null;
  /** where uploaded files live: `local` (DATA_DIR/files, the default) or `s3` (the FILES_S3_* bucket) */
  fileStore: 'local' | 's3';
  /** the bucket of FILE_STORE=s3 (FILES_S3_*), null when not configured */
  filesS3: S3Settings | null;
  /** where `simpul backup --offsite-s3` sends its copy and `restore --from-s3` reads (BACKUP_S3_*) */
  backupS3: S3Settings | null;
  /** where the server writes its own daily backup (BACKUP_DIR), or null: no scheduled backup */
  backupDir: string | null;
  /** how many daily backups BACKUP_DIR keeps (BACKUP_KEEP) */
  backupKeep: number;
  mapTileUrl: string;
  trustProxy: boolean;
  /** on a PostgreSQL server, `residents` partitioned by regency code (SIMPUL_PARTITION_BY_REGENCY; docs/scaling.md) */
  partitionByRegency: boolean;
  /** how long the app keeps a public page rendered for anonymous visitors (platform/http/cache.ts); 0: not at all */
  publicPageCacheSeconds: number;
}

/** An S3-compatible bucket reached path-style (`ENDPOINT/BUCKET/KEY`), as MinIO, Ceph and s3rver serve it. */
export interface S3Settings {
  endpoint: string;
  bucket: string;
  accessKey: string;
  secretKey: string;
  region: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Konfigurasi tidak valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

function readPort(env: Env, problems: string[]): number {
  const raw = env.PORT ?? '3000';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    problems.push(`PORT harus bilangan bulat 1–65535 (sekarang "${raw}")`);
  }
  return port;
}

function readBoolean(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'ya'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'tidak'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} harus 1 atau 0 (sekarang "${raw}")`);
  return fallback;
}

const REQUIRED_S3 = ['ENDPOINT', 'BUCKET', 'ACCESS_KEY', 'SECRET_KEY'];

/** FILES_S3_ENDPOINT, _BUCKET, _ACCESS_KEY, _SECRET_KEY (all or none) and _REGION (us-east-1) for one prefix. */
function readS3(env: Env, prefix: string, problems: string[]): S3Settings | null {
  const value = (name: string) => env[`${prefix}_${name}`]?.trim() || '';
  const [endpoint = '', bucket = '', accessKey = '', secretKey = ''] = REQUIRED_S3.map(value);
  if (!endpoint && !bucket && !accessKey && !secretKey) return null;
  const absent = REQUIRED_S3.filter((name) => !value(name));
  if (absent.length > 0)
    problems.push(
      `${absent.map((name) => `${prefix}_${name}`).join(', ')} wajib diisi bila ${prefix}_* dipakai`,
    );
  if (endpoint && !/^https?:\/\/[^/]+/.test(endpoint))
    problems.push(`${prefix}_ENDPOINT harus diawali http:// atau https:// (sekarang "${endpoint}")`);
  if (bucket && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    problems.push(`${prefix}_BUCKET harus nama bucket S3: huruf kecil, angka, titik, tanda hubung (3–63)`);
  return {
    endpoint: endpoint.replace(/\/+$/, ''),
    bucket,
    accessKey,
    secretKey,
    region: value('REGION') || 'us-east-1',
  };
}

/** Reads and checks the environment once at start; every bad variable gets its own message. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const port = readPort(env, problems);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL harus diawali postgres:// atau postgresql://');
  }
  const databaseReplicaUrl = env.DATABASE_REPLICA_URL?.trim() || null;
  if (databaseReplicaUrl && !/^postgres(ql)?:\/\//.test(databaseReplicaUrl))
    problems.push('DATABASE_REPLICA_URL harus diawali postgres:// atau postgresql://');
  if (databaseReplicaUrl && !databaseUrl)
    problems.push(
      'DATABASE_REPLICA_URL hanya dipakai bersama DATABASE_URL (replika dari server PostgreSQL itu)',
    );
  const regencyCode = env.REGENCY_CODE ?? '36.04';
  if (!/^\d{2}\.\d{2}$/.test(regencyCode)) {
    problems.push(`REGENCY_CODE harus berbentuk NN.NN, misalnya 36.04 (sekarang "${regencyCode}")`);
  }
  const sessionDays = Number(env.SESSION_DAYS ?? '7');
  if (!Number.isInteger(sessionDays) || sessionDays < 1 || sessionDays > 90) {
    problems.push('SESSION_DAYS harus bilangan bulat 1–90');
  }
  const notifySender = env.NOTIFY_SENDER ?? 'log';
  if (notifySender !== 'log' && notifySender !== 'webhook') {
    problems.push('NOTIFY_SENDER harus "log" atau "webhook"');
  }
  const notifyWebhookUrl = env.NOTIFY_WEBHOOK_URL?.trim() || null;
  if (notifySender === 'webhook' && !notifyWebhookUrl) {
    problems.push('NOTIFY_WEBHOOK_URL wajib diisi bila NOTIFY_SENDER=webhook');
  }
  const fileStore = env.FILE_STORE || 'local';
  if (fileStore !== 'local' && fileStore !== 's3')
    problems.push(`FILE_STORE harus "local" atau "s3" (sekarang "${fileStore}")`);
  const filesS3 = readS3(env, 'FILES_S3', problems);
  if (fileStore === 's3' && !filesS3)
    problems.push(
      'FILE_STORE=s3 memerlukan FILES_S3_ENDPOINT, FILES_S3_BUCKET, FILES_S3_ACCESS_KEY dan FILES_S3_SECRET_KEY',
    );
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push('LOG_LEVEL harus salah satu dari fatal, error, warn, info, debug, trace, silent');
  }
  const publicPageCacheSeconds = Number(env.PUBLIC_PAGE_CACHE_SECONDS ?? '30');
  if (
    !Number.isInteger(publicPageCacheSeconds) ||
    publicPageCacheSeconds < 0 ||
    publicPageCacheSeconds > 600
  ) {
    problems.push('PUBLIC_PAGE_CACHE_SECONDS harus bilangan bulat 0–600 (0: halaman publik tidak disimpan)');
  }
  const backupKeep = Number(env.BACKUP_KEEP ?? '14');
  if (!Number.isInteger(backupKeep) || backupKeep < 1 || backupKeep > 365) {
    problems.push('BACKUP_KEEP harus bilangan bulat 1–365 (berapa cadangan harian disimpan)');
  }
  const host = env.HOST ?? '127.0.0.1';
  const config: Config = {
    port,
    host,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl,
    databaseReplicaUrl,
    regencyCode,
    demo: readBoolean(env, 'SIMPUL_DEMO', true, problems),
    logLevel,
    sessionDays,
    publicUrl: (env.PUBLIC_URL ?? `http://${host}:${port}`).replace(/\/$/, ''),
    notifySender: notifySender as Config['notifySender'],
    notifyWebhookUrl,
    fileStore: fileStore === 's3' ? 's3' : 'local',
    filesS3,
    backupS3: readS3(env, 'BACKUP_S3', problems),
    backupDir: env.BACKUP_DIR ? path.resolve(env.BACKUP_DIR) : null,
    backupKeep,
    mapTileUrl: env.MAP_TILE_URL ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    trustProxy: readBoolean(env, 'TRUST_PROXY', false, problems),
    publicPageCacheSeconds,
    partitionByRegency: readBoolean(env, 'SIMPUL_PARTITION_BY_REGENCY', false, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
