#!/usr/bin/env node
// `npm start`: runs the compiled server (dist/main.js serve), compiling src/ first when dist/ is
// missing or older than a source file. `npm run dev` runs the TypeScript sources through tsx instead.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, isFresh, root } from './build.mjs';

const dist = path.join(root, 'dist');
if (!isFresh(dist)) {
  console.log('Menyusun JavaScript dari src/ (sekali, sampai sumbernya berubah)…');
  await build(dist);
}
// main.js reads its command from process.argv.slice(2), as when run directly (no command: serve)
await import(pathToFileURL(path.join(dist, 'main.js')).href);
