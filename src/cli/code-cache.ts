// Loads a CommonJS bundle through V8's code cache (build-time; see scripts/build.mjs): Node 20 caches
// no compiled code between runs itself, and compiling oclif on every start is a large part of start-up.
// A cache made by another Node or V8 (or for other source) is rejected by V8 and the file is simply
// compiled. Code run from a cache cannot call import() on Node 20, so the build routes the bundle's
// import() calls to the function defined below (scripts/build.mjs checks none is left).
import { createRequire } from 'node:module';
import type vm from 'node:vm';

// Every start runs this: Node built-ins come through require, because an ES import of a built-in first
// builds its ES module facade, ~1 ms each (issue 16; package-root.ts does the same).
const nodeRequire = createRequire(import.meta.url);
const { readFileSync } = nodeRequire('node:fs') as typeof import('node:fs');
const { dirname } = nodeRequire('node:path') as typeof import('node:path');
const { Script } = nodeRequire('node:vm') as typeof import('node:vm');

export interface CachedModule {
  exports: unknown;
  /** The compiled script, to make a cache from (the build does). */
  script: vm.Script;
}

/** The function wrapper Node gives a CommonJS file. */
function wrap(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
}

// import() for the cached script (see IMPORT_FN in scripts/build.mjs): defined here, outside it.
const IMPORT = Symbol.for('costguard.import');
(globalThis as Record<symbol, unknown>)[IMPORT] ??= (specifier: string) => import(specifier);

// One load per file and process: bin/run.js loads oclif through dist/main.cjs, and the ES modules of the
// commands through their own copy of this module; both must get the same oclif (one Command class).
const LOADED = Symbol.for('costguard.codeCacheModules');
const loaded = ((globalThis as Record<symbol, unknown>)[LOADED] ??= new Map<string, CachedModule>()) as Map<string, CachedModule>;

export function requireWithCodeCache(file: string, cacheFile = `${file}.cache`): CachedModule {
  const known = loaded.get(file);
  if (known) return known;
  const require = createRequire(file);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache: compile
  }
  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, require, module, file, dirname(file));
  const result = { exports: module.exports, script };
  loaded.set(file, result);
  return result;
}
