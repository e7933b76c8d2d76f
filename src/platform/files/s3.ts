import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { S3Settings } from '../../config.ts';
import { checkedKey } from './keys.ts';
import type { FileStore } from './store.ts';

type Signer = { fetch(url: string, init?: RequestInit): Promise<Response> };

async function collect(content: Buffer | Readable): Promise<Uint8Array<ArrayBuffer>> {
  if (Buffer.isBuffer(content)) return new Uint8Array(content);
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(Buffer.from(chunk));
  return new Uint8Array(Buffer.concat(chunks));
}

async function failure(response: Response, what: string): Promise<Error> {
  const body = (await response.text()).slice(0, 300);
  return new Error(`S3 ${what}: HTTP ${response.status} ${body}`);
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Files in an S3-compatible bucket, reached path-style and signed with SigV4 by aws4fetch (a few
 * kB over the runtime's fetch; the AWS SDK is megabytes). A PUT needs its length up front, so a
 * stream is gathered into memory first: stored files are uploads, megabytes at most.
 */
export function s3Store(settings: S3Settings, options: { listPage?: number } = {}): FileStore {
  let signer: Promise<Signer> | null = null;
  const client = () => {
    signer ??= import('aws4fetch').then(
      ({ AwsClient }) =>
        new AwsClient({
          accessKeyId: settings.accessKey,
          secretAccessKey: settings.secretKey,
          service: 's3',
          region: settings.region,
          retries: 3,
        }),
    );
    return signer;
  };
  const bucket = `${settings.endpoint}/${encodeURIComponent(settings.bucket)}`;
  const url = (key: string) => `${bucket}/${checkedKey(key).split('/').map(encodeURIComponent).join('/')}`;
  const send = async (key: string, init: RequestInit) => (await client()).fetch(url(key), init);

  return {
    kind: 's3',
    async put(key, content) {
      const response = await send(key, { method: 'PUT', body: await collect(content) });
      if (!response.ok) throw await failure(response, `put ${key}`);
      await response.body?.cancel();
    },
    async get(key) {
      const response = await send(key, { method: 'GET' });
      if (response.status === 404) return null;
      if (!response.ok) throw await failure(response, `get ${key}`);
      return Buffer.from(await response.arrayBuffer());
    },
    async stream(key) {
      const response = await send(key, { method: 'GET' });
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok || !response.body) throw await failure(response, `get ${key}`);
      return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    },
    async exists(key) {
      const response = await send(key, { method: 'HEAD' });
      if (response.status === 404) return false;
      if (!response.ok) throw await failure(response, `head ${key}`);
      return true;
    },
    async delete(key) {
      const response = await send(key, { method: 'DELETE' });
      if (!response.ok && response.status !== 404) throw await failure(response, `delete ${key}`);
      await response.body?.cancel();
    },
    async *list(prefix) {
      // pages go on from the last key (`start-after`) rather than a continuation token: the same on
      // every S3 server, and s3rver's tokens need DES, which Node 20's OpenSSL 3 no longer offers
      let after: string | null = null;
      for (;;) {
        const query = new URLSearchParams({
          'list-type': '2',
          prefix,
          'max-keys': String(options.listPage ?? 1000),
        });
        if (after !== null) query.set('start-after', after);
        const response = await (await client()).fetch(`${bucket}?${query}`, { method: 'GET' });
        if (!response.ok) throw await failure(response, `list ${prefix}`);
        const xml = await response.text();
        const keys = [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) => decodeXml(match[1]!));
        yield* keys;
        if (!/<IsTruncated>true<\/IsTruncated>/.test(xml) || keys.length === 0) return;
        after = keys[keys.length - 1]!;
      }
    },
  };
}
