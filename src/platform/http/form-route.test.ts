import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody } from '../testing.ts';
import { raw, type SafeHtml } from '../ui/jsx-runtime.ts';
import { installErrorHandlers } from './error-handler.tsx';
import { Invalid, TooManyRequests } from './errors.ts';
import { formBody, formRoute, textField, textFields } from './form-route.ts';
import { installInputGuards } from './input.ts';

let app: FastifyInstance;
const handled: unknown[] = [];

/** The page shows its state as JSON, so the tests read what formRoute handed it. */
function statePage(state: unknown): SafeHtml {
  return raw(`<pre>${JSON.stringify(state)}</pre>`);
}

function stateOf(
  body: string,
): { values: Record<string, unknown>; errors: Record<string, string> } & Record<string, unknown> {
  return JSON.parse(/<pre>(.*)<\/pre>/s.exec(body)![1]!);
}

beforeAll(async () => {
  app = Fastify({ logger: false });
  await app.register(formbody);
  await app.register(multipart);
  app.decorateReply('page', function (this: FastifyReply, node: SafeHtml, status = 200) {
    return this.code(status).type('text/html; charset=utf-8').send(node.html);
  });
  installErrorHandlers(app);
  installInputGuards(app);

  formRoute(app, '/akun/:id', {
    body: formBody({ name: textField(), email: textField({ maxLength: 20 }), password: textField() }),
    page: (_request, state) => statePage(state),
    handle: async (request, reply, form) => {
      if (form.email === 'sibuk@uji.id') throw new TooManyRequests('Tunggu sebentar.');
      if (!form.name) throw new Invalid({ name: 'Isi nama.' });
      handled.push({ id: request.params.id, ...form });
      return reply.redirect(`/akun/${request.params.id}`, 303);
    },
    showOnPage: [TooManyRequests],
  });

  formRoute(app, '/wajib', {
    body: formBody({
      kode: Type.String(),
      jenis: Type.Optional(Type.Union([Type.Literal('a'), Type.Literal('b')])),
    }),
    page: (_request, state) => statePage(state),
    handle: async (_request, reply, form) => reply.send({ kode: form.kode }),
  });

  formRoute(app, '/daftar', {
    body: formBody({ aktif: textFields() }),
    config: { repeatableFields: ['aktif'] },
    page: (_request, state) => statePage(state),
    handle: async (_request, reply, form) => reply.send({ aktif: form.aktif ?? [] }),
  });

  formRoute(app, '/unggah', {
    body: formBody({ judul: textField() }),
    read: async (request) => {
      const fields: Record<string, unknown> = {};
      const files: string[] = [];
      for await (const part of request.parts()) {
        if (part.type === 'file') files.push(`${part.filename}:${(await part.toBuffer()).length}`);
        else fields[part.fieldname] = part.value;
      }
      return { fields, files };
    },
    page: (_request, state) => statePage(state),
    handle: async (_request, reply, form, files) => {
      if (files.length === 0) throw new Invalid({ berkas: 'Pilih berkas.' });
      return reply.send({ judul: form.judul, files });
    },
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
});

const post = (url: string, payload: string, type = 'application/x-www-form-urlencoded') =>
  app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload });

describe('formRoute', () => {
  it('hands a valid form to the service, typed, and answers as the handler does', async () => {
    const response = await post('/akun/42', 'name=Siti&email=siti%40uji.id&password=rahasia&_csrf=x');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/akun/42');
    expect(handled.at(-1)).toEqual({ id: '42', name: 'Siti', email: 'siti@uji.id', password: 'rahasia' });
  });

  it('draws the page again with 422, the field errors and what was sent when the service refuses', async () => {
    const response = await post('/akun/42', 'name=&email=siti%40uji.id&_csrf=x');
    expect(response.statusCode).toBe(422);
    const state = stateOf(response.body);
    expect(state.errors).toEqual({ name: 'Isi nama.' });
    expect(state.values).toEqual({ name: '', email: 'siti@uji.id' });
    expect(state.summary).toBe('Periksa kembali isian yang ditandai.');
  });

  it('answers a body the schema refuses with 422 and an Indonesian message per field, keeping the rest', async () => {
    const long = await post('/akun/42', `name=Siti&email=${'x'.repeat(30)}`);
    expect(long.statusCode).toBe(422);
    expect(stateOf(long.body).errors).toEqual({ email: 'Terlalu panjang: paling banyak 20 karakter.' });
    expect(stateOf(long.body).values).toEqual({ name: 'Siti' });

    const missing = await post('/wajib', 'jenis=z');
    expect(missing.statusCode).toBe(422);
    expect(stateOf(missing.body).errors).toEqual({
      kode: 'Wajib diisi.',
      jenis: 'Pilih salah satu pilihan yang tersedia.',
    });

    const list = await post('/akun/42', JSON.stringify({ name: ['a', 'b'] }), 'application/json');
    expect(list.statusCode).toBe(422);
    expect(stateOf(list.body).errors).toEqual({ name: 'Isian ini hanya boleh berisi satu nilai teks.' });
  });

  it('refuses a JSON object or number where text belongs with 400, never a 500', async () => {
    for (const payload of ['{"name":{"a":1}}', '{"name":12}', '{"name":null}', '[]', '"x"']) {
      const response = await post('/akun/42', payload, 'application/json');
      expect(response.statusCode, payload).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, payload).toBeLessThan(500);
    }
    expect((await post('/akun/42', '{"name":{"a":1}}', 'application/json')).statusCode).toBe(400);
  });

  it('keeps the input guard: control characters and a field sent twice are a 400', async () => {
    expect((await post('/akun/42', 'name=a%00b')).statusCode).toBe(400);
    expect((await post('/akun/42', 'name=a&name=b')).statusCode).toBe(400);
  });

  it('reads a repeatable field as a list, one value as a list of one', async () => {
    expect((await post('/daftar', 'aktif=a&aktif=b')).json()).toEqual({ aktif: ['a', 'b'] });
    expect((await post('/daftar', 'aktif=a')).json()).toEqual({ aktif: ['a'] });
    expect((await post('/daftar', '')).json()).toEqual({ aktif: [] });
  });

  it('shows an error listed in showOnPage on the form with its own status', async () => {
    const response = await post('/akun/42', 'name=Siti&email=sibuk%40uji.id');
    expect(response.statusCode).toBe(429);
    expect(stateOf(response.body)).toMatchObject({ errors: {}, message: 'Tunggu sebentar.' });
  });

  it('checks the text fields of a multipart body and hands the files over', async () => {
    const upload = (fields: Record<string, string>, withFile: boolean) => {
      const body = multipartBody(
        fields,
        withFile
          ? [{ name: 'berkas', filename: 'a.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF') }]
          : [],
      );
      return post('/unggah', body.payload as unknown as string, body.contentType);
    };
    expect((await upload({ judul: 'Surat' }, true)).json()).toEqual({ judul: 'Surat', files: ['a.pdf:4'] });
    const refused = await upload({ judul: 'Surat' }, false);
    expect(refused.statusCode).toBe(422);
    expect(stateOf(refused.body)).toMatchObject({
      errors: { berkas: 'Pilih berkas.' },
      values: { judul: 'Surat' },
    });
    expect((await upload({ judul: 'a\u0000b' }, true)).statusCode).toBe(400);
  });
});
