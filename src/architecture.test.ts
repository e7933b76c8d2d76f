import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './platform/source-files.ts';

// The shape the design asks for (../shared/DESIGN.md, "Modules"): the platform stands on nothing
// above it, and a module reaches another only through what that module publishes.

const SRC = path.resolve('src');
const PLATFORM = path.join(SRC, 'platform');
const MODULES = path.join(SRC, 'modules');
/** what a module publishes to the others: its services, its descriptor, and builders for tests */
const PUBLISHED = new Set(['service.ts', 'index.ts']);
const TEST_ONLY = new Set(['test-builders.ts']);

interface Import {
  file: string;
  specifier: string;
  target: string;
}

const IMPORT = /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every relative import of every source file under src/, tests included, resolved to a path. */
function relativeImports(): Import[] {
  return sourceFiles(SRC, { tests: true }).flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return [...text.matchAll(IMPORT)].flatMap((match) => {
      const specifier = match[1] ?? match[2] ?? match[3] ?? '';
      if (!specifier.startsWith('.')) return [];
      return [{ file, specifier, target: path.resolve(path.dirname(file), specifier) }];
    });
  });
}

const inside = (folder: string, file: string) => file.startsWith(`${folder}${path.sep}`);
const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const show = (i: Import) => `${path.relative('.', i.file)} imports ${i.specifier}`;

/** The module a file belongs to (`residents` for src/modules/residents/…), or null. */
function moduleOf(file: string): string | null {
  if (!inside(MODULES, file)) return null;
  const parts = path.relative(MODULES, file).split(path.sep);
  return parts.length > 1 ? parts[0]! : null;
}

function platformViolations(imports: Import[]): string[] {
  return imports
    .filter((i) => inside(PLATFORM, i.file))
    .filter((i) => !inside(PLATFORM, i.target) && i.target !== path.join(SRC, 'config.ts'))
    .map(show);
}

function moduleViolations(imports: Import[]): string[] {
  return imports
    .filter((i) => {
      const from = moduleOf(i.file);
      const to = moduleOf(i.target);
      if (!from || !to || from === to) return false;
      const published = path.relative(path.join(MODULES, to), i.target);
      if (PUBLISHED.has(published)) return false;
      if (TEST_ONLY.has(published)) return !(isTest(i.file) || TEST_ONLY.has(path.basename(i.file)));
      return true;
    })
    .map(show);
}

/** Which modules each module's code imports (tests left out: a test may reach wherever it must look). */
function moduleGraph(imports: Import[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const i of imports) {
    const from = moduleOf(i.file);
    const to = moduleOf(i.target);
    if (!from || !to || from === to || isTest(i.file)) continue;
    graph.set(from, (graph.get(from) ?? new Set()).add(to));
  }
  return graph;
}

/** Every circle of modules that import each other (`a → b → a`), each named once from its smallest module. */
function moduleCycles(graph: Map<string, Set<string>>): string[] {
  const cycles = new Set<string>();
  const walk = (start: string, at: string, trail: string[]) => {
    for (const next of graph.get(at) ?? []) {
      if (next === start) cycles.add([...trail, start].join(' → '));
      else if (next > start && !trail.includes(next)) walk(start, next, [...trail, next]);
    }
  };
  for (const start of [...graph.keys()].sort()) walk(start, start, [start]);
  return [...cycles];
}

describe('the architecture', () => {
  const imports = relativeImports();

  it('reads the imports of the whole source tree', () => {
    expect(imports.length).toBeGreaterThan(500);
    expect(imports.some((i) => i.specifier === './platform/source-files.ts')).toBe(true);
  });

  it('keeps the platform free of anything above it: modules, app.ts, setup.ts, main.ts, testing.ts', () => {
    expect(platformViolations(imports)).toEqual([]);
  });

  it('lets a module reach another only through its service.ts or index.ts (test-builders.ts from tests)', () => {
    expect(moduleViolations(imports)).toEqual([]);
  });

  it('has no circle between modules: when one module imports another, that one never imports it back', () => {
    expect(moduleCycles(moduleGraph(imports))).toEqual([]);
  });

  it('would catch modules importing each other, directly or round a longer circle', () => {
    const graph = (edges: string[]) =>
      moduleGraph(
        edges.map((edge) => {
          const [from, to] = edge.split('>') as [string, string];
          const file = path.join(MODULES, from, 'service.ts');
          return { file, specifier: `../${to}/service.ts`, target: path.join(MODULES, to, 'service.ts') };
        }),
      );
    expect(moduleCycles(graph(['letters>archive', 'archive>letters']))).toEqual([
      'archive → letters → archive',
    ]);
    expect(moduleCycles(graph(['a>b', 'b>c', 'c>a']))).toEqual(['a → b → c → a']);
    expect(moduleCycles(graph(['services>letters', 'letters>archive', 'services>archive']))).toEqual([]);
  });

  it('would catch a platform file importing a module and a module importing another’s internals', () => {
    const fake = (file: string, specifier: string): Import => ({
      file: path.join(SRC, file),
      specifier,
      target: path.resolve(path.dirname(path.join(SRC, file)), specifier),
    });
    expect(platformViolations([fake('platform/routes.tsx', '../modules/regions/service.ts')])).toHaveLength(
      1,
    );
    expect(platformViolations([fake('platform/testing.ts', '../app.ts')])).toHaveLength(1);
    expect(platformViolations([fake('platform/testing.ts', '../config.ts')])).toEqual([]);
    expect(moduleViolations([fake('modules/services/routes.tsx', '../residents/nik.ts')])).toHaveLength(1);
    expect(
      moduleViolations([fake('modules/services/routes.tsx', '../residents/test-builders.ts')]),
    ).toHaveLength(1);
    expect(
      moduleViolations([fake('modules/services/a.int.test.ts', '../residents/test-builders.ts')]),
    ).toEqual([]);
    expect(
      moduleViolations([fake('modules/services/test-builders.ts', '../residents/test-builders.ts')]),
    ).toEqual([]);
    expect(moduleViolations([fake('modules/services/routes.tsx', '../residents/service.ts')])).toEqual([]);
  });
});
