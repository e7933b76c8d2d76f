import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { attachment } from './download.ts';

describe('attachment', () => {
  it('sends a file made on request as a download under its name, never kept by a cache', async () => {
    const app = Fastify();
    app.get('/export.csv', async (_request, reply) =>
      attachment(reply, 'penduduk.csv', 'text/csv; charset=utf-8').send('nik,nama\n'),
    );
    const response = await app.inject({ url: '/export.csv' });
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="penduduk.csv"');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toBe('nik,nama\n');
    await app.close();
  });
});
