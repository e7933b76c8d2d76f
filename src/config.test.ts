import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to Kabupaten Serang on the embedded database at 127.0.0.1:3000 with demo data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      regencyCode: '36.04',
      databaseUrl: null,
      demo: true,
    });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'delapan',
        REGENCY_CODE: '3604',
        SIMPUL_DEMO: 'mungkin',
        DATABASE_URL: 'mysql://x',
        NOTIFY_SENDER: 'webhook',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('PORT');
    expect(problems).toContain('REGENCY_CODE');
    expect(problems).toContain('SIMPUL_DEMO');
    expect(problems).toContain('DATABASE_URL');
    expect(problems).toContain('NOTIFY_WEBHOOK_URL');
  });

  it('partitions residents by regency only when SIMPUL_PARTITION_BY_REGENCY asks, and refuses a bad value', () => {
    expect(loadConfig({}).partitionByRegency).toBe(false);
    expect(loadConfig({ SIMPUL_PARTITION_BY_REGENCY: '1' }).partitionByRegency).toBe(true);
    expect(() => loadConfig({ SIMPUL_PARTITION_BY_REGENCY: 'kadang' })).toThrow(
      /SIMPUL_PARTITION_BY_REGENCY/,
    );
  });

  it('turns demo data off with SIMPUL_DEMO=0', () => {
    expect(loadConfig({ SIMPUL_DEMO: '0' }).demo).toBe(false);
  });

  it('keeps files on local disk unless FILE_STORE=s3 names a complete bucket, and reads the backup bucket apart', () => {
    const plain = loadConfig({});
    expect(plain).toMatchObject({ fileStore: 'local', filesS3: null, backupS3: null });
    const s3 = loadConfig({
      FILE_STORE: 's3',
      FILES_S3_ENDPOINT: 'http://minio.serangkab.go.id:9000/',
      FILES_S3_BUCKET: 'simpul-berkas',
      FILES_S3_ACCESS_KEY: 'kunci',
      FILES_S3_SECRET_KEY: 'rahasia',
      BACKUP_S3_ENDPOINT: 'https://s3.ap-southeast-3.amazonaws.com',
      BACKUP_S3_BUCKET: 'cadangan-serang',
      BACKUP_S3_ACCESS_KEY: 'k2',
      BACKUP_S3_SECRET_KEY: 'r2',
      BACKUP_S3_REGION: 'ap-southeast-3',
    });
    expect(s3.fileStore).toBe('s3');
    expect(s3.filesS3).toEqual({
      endpoint: 'http://minio.serangkab.go.id:9000',
      bucket: 'simpul-berkas',
      accessKey: 'kunci',
      secretKey: 'rahasia',
      region: 'us-east-1',
    });
    expect(s3.backupS3).toMatchObject({ bucket: 'cadangan-serang', region: 'ap-southeast-3' });
    const error = (() => {
      try {
        loadConfig({ FILE_STORE: 's3', FILES_S3_ENDPOINT: 'minio:9000', FILES_S3_BUCKET: 'B' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    const problems = error!.problems.join('\n');
    expect(problems).toContain('FILES_S3_ACCESS_KEY, FILES_S3_SECRET_KEY wajib diisi');
    expect(problems).toContain('FILES_S3_ENDPOINT harus diawali http://');
    expect(problems).toContain('FILES_S3_BUCKET harus nama bucket S3');
    expect(() => loadConfig({ FILE_STORE: 's3' })).toThrow('FILE_STORE=s3 memerlukan FILES_S3_ENDPOINT');
    expect(() => loadConfig({ FILE_STORE: 'ftp' })).toThrow('FILE_STORE harus "local" atau "s3"');
  });
});
