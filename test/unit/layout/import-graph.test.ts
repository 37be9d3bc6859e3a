// The layout shows the architecture (issue 11): thin commands → use cases in src/app → resource
// types and SDK primitives → pure core. The import graph comes from the TypeScript compiler's own
// import scanner and module resolution (ts.preProcessFile, ts.resolveModuleName), static and
// dynamic imports alike, type-only imports included.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Which folders each folder may import from (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  'src/core': [],
  'src/cost': ['src/core'],
  'src/report': ['src/core'],
  'src/aws': ['src/core', 'src/cost'],
  'src/resources': ['src/aws', 'src/core', 'src/cost'],
  'src/local': ['src/aws', 'src/core'],
  'src/cli': ['src/aws', 'src/core', 'src/report'],
  'src/app': ['src/aws', 'src/resources', 'src/local', 'src/core', 'src/cost', 'src/report'],
  commands: ['src/app', 'src/cli', 'src/aws', 'src/resources', 'src/local', 'src/core', 'src/cost', 'src/report'],
};

/** Packages a folder must not load: the SDK stays out of the core and the renderers, oclif out of everything below the commands. */
const SDK = /^@(aws-sdk|smithy|aws-crypto)\//;
const OCLIF = /^@oclif\//;
const FORBIDDEN_PACKAGES: Record<string, readonly RegExp[]> = {
  'src/core': [SDK, OCLIF],
  'src/cost': [SDK, OCLIF],
  'src/report': [SDK, OCLIF],
  'src/aws': [OCLIF],
  'src/resources': [OCLIF],
  'src/local': [OCLIF],
  'src/app': [OCLIF],
};

interface Graph {
  files: string[];
  /** file → the project files it imports */
  edges: Map<string, string[]>;
  /** file → the packages it imports */
  packages: Map<string, string[]>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f).split('\\').join('/'))
    .sort();
}

function buildGraph(): Graph {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const files = [...sourceFiles('src'), ...sourceFiles('commands')];
  const edges = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const file of files) {
    const abs = join(ROOT, file);
    const info = ts.preProcessFile(readFileSync(abs, 'utf8'), true, true);
    const local: string[] = [];
    const external: string[] = [];
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) {
        external.push(fileName);
        continue;
      }
      const resolved = ts.resolveModuleName(fileName, abs, options, ts.sys).resolvedModule;
      if (!resolved) throw new Error(`${file}: cannot resolve ${fileName}`);
      local.push(relative(ROOT, resolved.resolvedFileName).split('\\').join('/'));
    }
    edges.set(file, local);
    packages.set(file, external);
  }
  return { files, edges, packages };
}

function folderOf(file: string): string {
  return file.startsWith('commands/') ? 'commands' : file.split('/').slice(0, 2).join('/');
}

function layerViolations(graph: Graph): string[] {
  const violations: string[] = [];
  for (const [file, imports] of graph.edges) {
    const from = folderOf(file);
    const allowed = ALLOWED[from];
    if (!allowed) {
      violations.push(`${file}: folder ${from} has no place in the layering`);
      continue;
    }
    for (const target of imports) {
      const to = folderOf(target);
      if (to !== from && !allowed.includes(to)) violations.push(`${file} imports ${target}`);
    }
  }
  return violations;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Graph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.edges.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const file of graph.files) if (!index.has(file)) visit(file);
  return found;
}

describe('import graph', () => {
  const graph = buildGraph();

  it('sees the whole tree, dynamic imports included', () => {
    expect(graph.files.length).toBeGreaterThan(100);
    expect(graph.edges.get('src/app/sources.ts')).toContain('src/app/collect-live.ts');
  });

  it('has no module importing from a folder above its layer', () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it('keeps the AWS SDK out of the core and the renderers, and oclif out of everything but the CLI', () => {
    const violations: string[] = [];
    for (const [file, imports] of graph.packages) {
      const forbidden = FORBIDDEN_PACKAGES[folderOf(file)] ?? [];
      for (const name of imports) if (forbidden.some((re) => re.test(name))) violations.push(`${file} imports ${name}`);
    }
    expect(violations).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('would catch a cycle and a layer breach (the checks can fail)', () => {
    const fake: Graph = {
      files: ['src/core/a.ts', 'src/core/b.ts'],
      edges: new Map([
        ['src/core/a.ts', ['src/core/b.ts']],
        ['src/core/b.ts', ['src/core/a.ts', 'src/app/x.ts']],
      ]),
      packages: new Map(),
    };
    expect(cycles(fake)).toEqual([['src/core/a.ts', 'src/core/b.ts']]);
    expect(layerViolations(fake)).toEqual(['src/core/b.ts imports src/app/x.ts']);
  });
});
