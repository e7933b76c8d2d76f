import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * Static assets (stylesheets, scripts, images) under hashed names: `asset('simpul.css')` →
 * `/static/simpul.3fa2b1c9d0.css`, the hash taken from the file's content when the folder is
 * registered at start. A hashed address never changes meaning, so a phone on a weak signal keeps
 * it for a year (`immutable`) and fetches it again only when a deploy changes the content (and so
 * the name). The plain name (`/static/simpul.css`) still answers, cached briefly, for pages and
 * bookmarks from before.
 */

interface AssetFile {
  bytes: Buffer;
  hash: string;
  type: string;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** the plain names: short, so a deploy reaches those pages within minutes */
export const SHORT_CACHE = 'public, max-age=300';

/** every registered file by its plain address (`/static/simpul.css`) */
const files = new Map<string, AssetFile>();
const HASHED = /^(.*)\.([0-9a-f]{10})(\.[a-z0-9]+)$/;

function walk(root: string, dir = ''): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return walk(root, relative);
    return entry.isFile() && TYPES[path.extname(entry.name)] ? [relative] : [];
  });
}

function hashedName(plain: string, hash: string): string {
  const ext = path.posix.extname(plain);
  return `${plain.slice(0, plain.length - ext.length)}.${hash}${ext}`;
}

/**
 * The address to put in a `<link>` or `<script>` tag: a bare name is a platform asset
 * (`simpul.css`), a path is a module's (`/pengaduan/aset/peta.js`). An unknown name comes back
 * as it was, so a missing file is the browser's 404, not a broken page.
 */
export function asset(name: string): string {
  const plain = name.startsWith('/') ? name : `/static/${name}`;
  const file = files.get(plain);
  return file ? hashedName(plain, file.hash) : plain;
}

function lookup(prefix: string, rest: string): { file: AssetFile; immutable: boolean } | null {
  const plain = files.get(prefix + rest);
  if (plain) return { file: plain, immutable: false };
  const match = HASHED.exec(rest);
  if (!match) return null;
  const file = files.get(`${prefix}${match[1]}${match[3]}`);
  // an old deploy's hash gets today's file, briefly cached: better than a page without its stylesheet
  return file ? { file, immutable: file.hash === match[2] } : null;
}

/**
 * Serves every file under `root` at `prefix` (ending in `/`), by plain and hashed name; a module
 * calls it from its routes plugin for its own folder, the app for the platform's `ui/static`.
 */
export function registerAssetFolder(app: FastifyInstance, options: { prefix: string; root: string }): void {
  const { prefix, root } = options;
  for (const relative of walk(root)) {
    const bytes = fs.readFileSync(path.join(root, relative));
    files.set(prefix + relative, {
      bytes,
      hash: createHash('sha256').update(bytes).digest('hex').slice(0, 10),
      type: TYPES[path.extname(relative)] ?? 'application/octet-stream',
    });
  }
  app.get(`${prefix}*`, { schema: { hide: true } }, async (request, reply) => {
    const found = lookup(prefix, (request.params as { '*': string })['*']);
    if (!found) return reply.callNotFound();
    const etag = `"${found.file.hash}"`;
    reply.header('cache-control', found.immutable ? IMMUTABLE : SHORT_CACHE).header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(found.file.type).send(found.file.bytes);
  });
}
