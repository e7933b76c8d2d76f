import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody } from '../testing.ts';
import { readBufferedForm } from './upload.ts';

let app: FastifyInstance;

/** A body in the order given: `[name, text]` a field, `[name, filename, bytes]` a file. */
function orderedBody(parts: Array<[string, string] | [string, string, Buffer]>) {
  const boundary = '----simpulurutan';
  const chunks = parts.flatMap(([name, second, bytes]) =>
    bytes
      ? [
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${second}"\r\nContent-Type: image/jpeg\r\n\r\n`,
          ),
          bytes,
          Buffer.from('\r\n'),
        ]
      : [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${second}\r\n`)],
  );
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function summary(form: Awaited<ReturnType<typeof readBufferedForm>>) {
  return {
    fields: form.fields,
    files: form.files.map((file) => `${file.field}:${file.filename}:${file.bytes.length}`),
    tooLarge: form.tooLarge,
    tooMany: form.tooMany,
  };
}

beforeAll(async () => {
  app = Fastify({ logger: false });
  await app.register(formbody);
  await app.register(multipart, { limits: { files: 2 } });
  app.post('/unggah', async (request) => summary(await readBufferedForm(request, { fileSize: 10 })));
  await app.ready();
});

afterAll(() => app.close());

async function send(body: { payload: Buffer; contentType: string }) {
  const response = await app.inject({
    method: 'POST',
    url: '/unggah',
    payload: body.payload,
    headers: { 'content-type': body.contentType },
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe('readBufferedForm', () => {
  it('keeps the text fields and each chosen file, and skips an input left empty', async () => {
    const body = multipartBody({ judul: 'Foto jalan' }, [
      { name: 'foto', filename: 'a.jpg', type: 'image/jpeg', bytes: Buffer.from('12345') },
      { name: 'kosong', filename: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) },
    ]);
    expect(await send(body)).toEqual({
      fields: { judul: 'Foto jalan' },
      files: ['foto:a.jpg:5'],
      tooLarge: [],
      tooMany: false,
    });
  });

  it('names the input whose file is over the limit and still reads the fields after it', async () => {
    const body = orderedBody([
      ['besar', 'besar.jpg', Buffer.alloc(50, 1)],
      ['judul', 'Tetap terbaca'],
      ['kecil', 'kecil.jpg', Buffer.from('123')],
    ]);
    expect(await send(body)).toEqual({
      fields: { judul: 'Tetap terbaca' },
      files: ['kecil:kecil.jpg:3'],
      tooLarge: ['besar'],
      tooMany: false,
    });
  });

  it('says when the form carried more files than allowed', async () => {
    const photo = (name: string) => [name, `${name}.jpg`, Buffer.from('1')] as [string, string, Buffer];
    const result = await send(orderedBody([['judul', 'Tiga foto'], photo('a'), photo('b'), photo('c')]));
    expect(result.tooMany).toBe(true);
    expect(result.fields).toEqual({ judul: 'Tiga foto' });
    expect(result.files).toEqual(['a:a.jpg:1', 'b:b.jpg:1']);
  });

  it('reads a url-encoded form as its fields, with no file', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/unggah',
      payload: 'judul=Tanpa+berkas',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.json()).toEqual({
      fields: { judul: 'Tanpa berkas' },
      files: [],
      tooLarge: [],
      tooMany: false,
    });
  });
});
