#!/usr/bin/env node
// `npx simpul <command>`: the compiled JavaScript in dist/ when it is up to date with src/
// (`npm run build`, or the first `npm start`), otherwise the TypeScript sources through tsx's loader.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isFresh, root } from '../scripts/build.mjs';

const dist = path.join(root, 'dist');
if (process.env.SIMPUL_FROM_SOURCE !== '1' && isFresh(dist)) {
  await import(pathToFileURL(path.join(dist, 'main.js')).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
