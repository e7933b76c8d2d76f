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

  it('turns demo data off with SIMPUL_DEMO=0', () => {
    expect(loadConfig({ SIMPUL_DEMO: '0' }).demo).toBe(false);
  });
});
