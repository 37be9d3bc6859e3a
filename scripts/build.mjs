// npm run build: bundle the CLI with esbuild into a few ESM chunks under dist/.
//
//   dist/main.cjs     what bin/run.js requires: oclif's execute, oclif loaded through its code cache.
//                     CommonJS, like bin/run.js: --help and --version never start Node's ES module loader
//   dist/commands.js  oclif's explicit command target: { id: CommandClass } (package.json oclif.commands)
//   dist/app.js       the use cases, for the benchmarks that drive them without the CLI
//   dist/collect-worker.js  a collection worker (audit --workers N: src/app/collect-workers.ts)
//   dist/chunks/*     shared code, and one chunk per dynamic import(): the AWS SDK clients sit behind
//                     `import('./collect-live.js')` and friends, so --help and offline runs never load them
//
// Before bundling, scripts/precompile.ts turns the JSON Schemas into ajv standalone code and the
// built-in packs into parsed JSON; the bundle swaps src/core/precompiled.ts for that module.
// Type checking is `npm run typecheck` (tsc --noEmit); esbuild only strips types.
// COSTGUARD_NO_MINIFY=1 npm run build: readable bundles, e.g. for `node --cpu-prof` (bench/README.md).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const GENERATED = join(ROOT, 'node_modules', '.cache', 'costguard-precompiled');

// Some bundled CommonJS packages call require() on Node built-ins at run time.
const BANNER = "import { createRequire as __cgCreateRequire } from 'node:module'; const require = __cgCreateRequire(import.meta.url);";

rmSync(DIST, { recursive: true, force: true });
// commands.js gives oclif the real command classes only when there is no manifest: `oclif manifest` reads them.
rmSync(join(ROOT, 'oclif.manifest.json'), { force: true });
rmSync(GENERATED, { recursive: true, force: true });

/**
 * Bundle a build-time helper (our TS sources inlined, packages external) into `outfile` and run it
 * with `args`; the build stops with the helper's exit code when it fails.
 */
async function runHelper(input, outfile, args) {
  await build({ ...input, outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  const run = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

// 1. Precompile: bundle the generator and run it.
await runHelper({ entryPoints: [join(ROOT, 'scripts', 'precompile.ts')] }, join(GENERATED, 'precompile.mjs'), [GENERATED]);

// 2. Bundle.
const PRECOMPILED_SOURCE = join(ROOT, 'src', 'core', 'precompiled.ts');
const usePrecompiled = {
  name: 'precompiled',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]core[\\/]precompiled\.ts$/ }, (args) =>
      args.path === PRECOMPILED_SOURCE
        ? { contents: `export { precompiled } from ${JSON.stringify(join(GENERATED, 'index.js'))};`, loader: 'js', resolveDir: GENERATED }
        : undefined,
    );
  },
};

// oclif is CommonJS: it is bundled on its own (dist/oclif.cjs) and loaded through a V8 code cache
// made below (src/cli/code-cache.ts); the ESM bundle imports '@oclif/core' from that one copy.
// A function compiled from a V8 code cache loses what vm needs to run import() (Node 20 throws
// ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), so the import() calls oclif loads commands and hooks with
// (and lilconfig its config files) call an import function code-cache.ts defines outside the script.
const IMPORT_FN = "globalThis[Symbol.for('costguard.import')]";
// Start-up (issue 16): what oclif does on every run that --help and most commands never need.
//   - Modules oclif requires at load but uses only on rare paths load on first use: Node built-ins (a
//     Windows parent-process check, a flag read from stdin, performance marks under OCLIF_PERFORMANCE;
//     requiring child_process alone compiles net, dgram and the stream internals), the globbing of the
//     commands-folder strategy (we list commands explicitly), plugin patterns and ejs (a template only
//     in a command's examples).
//   - The plugin sorts its command ids with localeCompare, whose first call loads ICU's collation data
//     (~10 ms, the largest single cost of --help). Our ids are lower-case words joined by ':' and '-',
//     for which code-point order is the same order (test/unit/cli/command-index.test.ts checks it).
//   - Help text goes through ejs.render, which compiles every string into a function; a string with
//     no ejs tag (every command summary of the root help) renders as itself, so skip the compile.
// Each patch must match, or the build fails: an oclif upgrade that moves the code is seen, not lost.
const lazyModule = (name) => [
  `require("${name}");`,
  `new Proxy({}, { get: (_, key) => require("${name}")[key] }); // loaded on first use (scripts/build.mjs)`,
];
// ejs is CommonJS without __esModule, so __importDefault(ejs) is { default: ejs }.
const lazyEjs = ['const ejs_1 = __importDefault(require("ejs"));', 'const ejs_1 = { get default() { return require("ejs"); } }; // loaded on first use (scripts/build.mjs)'];
const OCLIF_PATCHES = {
  // getPlatform() asks only isWsl, which wsl-utils re-exports from is-wsl; wsl-utils itself requires
  // child_process when it loads, on every start.
  'util/os.js': [lazyModule('node:child_process'), ["(await import('wsl-utils')).isWsl", "(await import('is-wsl')).default"]],
  'parser/parse.js': [lazyModule('node:readline')],
  'performance.js': [lazyModule('node:perf_hooks')],
  'config/plugin-loader.js': [lazyModule('minimatch')],
  'config/config.js': [lazyEjs],
  'config/plugin.js': [lazyModule('tinyglobby'), ['.sort((a, b) => a.id.localeCompare(b.id));', '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));']],
  // oclif reads package.json and the manifest with fs/promises: each read waits a round trip of the
  // thread pool (and the event loop idles) for a file of a few kilobytes that a synchronous read
  // returns at once.
  'util/fs.js': [["const contents = await (0, promises_1.readFile)(path, 'utf8');", "const contents = (0, node_fs_1.readFileSync)(path, 'utf8');"]],
  'help/util.js': [lazyEjs, ['return ejs_1.default.render(t, context);', "return t.includes('<%') ? ejs_1.default.render(t, context) : t;"]],
};
const patchesApplied = new Set();
const patchOclif = {
  name: 'patch-oclif',
  setup(b) {
    b.onLoad({ filter: /[\\/](@oclif[\\/]core[\\/]lib[\\/].*|lilconfig[\\/]src[\\/]index)\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      let patched = source;
      const lib = args.path.replaceAll('\\', '/').split('/@oclif/core/lib/')[1];
      for (const [from, to] of OCLIF_PATCHES[lib] ?? []) {
        if (!patched.includes(from)) throw new Error(`scripts/build.mjs: @oclif/core/lib/${lib} no longer contains ${JSON.stringify(from)}: update OCLIF_PATCHES`);
        patched = patched.replace(from, to);
        patchesApplied.add(lib);
      }
      // import(<expression>); import('a-package') is bundled by esbuild and left alone.
      patched = patched.replace(/(?<![\w.$])import\((?=\s*(?:\/\*[^*]*\*\/\s*)?[^'"\s)])/g, `${IMPORT_FN}(`);
      return patched === source ? undefined : { contents: patched, loader: 'js' };
    });
  },
};
const OCLIF_CJS = join(DIST, 'oclif.cjs');
await build({
  stdin: { contents: "module.exports = require('@oclif/core');", resolveDir: ROOT, loader: 'js' },
  outfile: OCLIF_CJS,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['typescript'],
  plugins: [patchOclif],
  legalComments: 'none',
  minify: !process.env.COSTGUARD_NO_MINIFY,
  keepNames: true,
  logLevel: 'warning',
});
const patchesMissed = Object.keys(OCLIF_PATCHES).filter((lib) => !patchesApplied.has(lib));
if (patchesMissed.length) throw new Error(`scripts/build.mjs: OCLIF_PATCHES of files oclif no longer loads: ${patchesMissed.join(', ')}`);
if (/(?<![\w.$])import\((?!\))/.test(readFileSync(OCLIF_CJS, 'utf8'))) throw new Error('dist/oclif.cjs still calls import(): route it (see patchOclif)');
// What our code imports from '@oclif/core' (type-only imports are erased).
const OCLIF_EXPORTS = ['Args', 'Command', 'Errors', 'Flags', 'execute'];
const oclifFromCache = {
  name: 'oclif-from-cache',
  setup(b) {
    b.onResolve({ filter: /^@oclif\/core$/ }, () => ({ path: 'oclif', namespace: 'oclif-from-cache' }));
    b.onLoad({ filter: /.*/, namespace: 'oclif-from-cache' }, () => ({
      contents: `import { requireWithCodeCache } from ${JSON.stringify(join(ROOT, 'src', 'cli', 'code-cache.ts'))};
import { packageFile } from ${JSON.stringify(join(ROOT, 'src', 'core', 'package-root.ts'))};
const oclif = requireWithCodeCache(packageFile('dist', 'oclif.cjs')).exports;
export const { ${OCLIF_EXPORTS.join(', ')} } = oclif;
`,
      loader: 'ts',
      resolveDir: ROOT,
    }));
  },
};

const result = await build({
  entryPoints: {
    commands: join(ROOT, 'commands', 'index.ts'),
    // oclif's command_not_found hook (package.json oclif.hooks): a did-you-mean for a misspelt command.
    'hooks/not-found': join(ROOT, 'src', 'cli', 'hooks', 'not-found.ts'),
    app: join(ROOT, 'src', 'app', 'audit.ts'),
    // --workers: the process each collection worker runs (src/app/collect-workers.ts).
    'collect-worker': join(ROOT, 'src', 'app', 'collect-worker.ts'),
  },
  outdir: DIST,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: BANNER },
  // oclif requires typescript only to run a plugin's .ts sources in development; it is not a dependency.
  external: ['typescript'],
  // The ES builds of the AWS SDK (dist-es): esbuild drops the commands no resource type sends.
  mainFields: ['module', 'main'],
  plugins: [usePrecompiled, oclifFromCache],
  metafile: true,
  legalComments: 'none',
  minify: !process.env.COSTGUARD_NO_MINIFY,
  keepNames: true,
  logLevel: 'warning',
});
writeFileSync(join(GENERATED, 'meta.json'), JSON.stringify(result.metafile));

// The entry bin/run.js requires: CommonJS, so a run that stays in oclif (--help, --version) never starts
// Node's ES module loader (a prototype measured ~20 % less time to exit for --help). Its code-cache.ts
// keeps one oclif per process (the ES modules of the commands and hooks ask it for oclif too).
const IMPORT_META_URL = '__cgImportMetaUrl';
await build({
  entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')],
  outfile: join(DIST, 'main.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  banner: { js: `const ${IMPORT_META_URL} = require('node:url').pathToFileURL(__filename).href;` },
  define: { 'import.meta.url': IMPORT_META_URL },
  plugins: [oclifFromCache],
  legalComments: 'none',
  minify: !process.env.COSTGUARD_NO_MINIFY,
  keepNames: true,
  logLevel: 'warning',
});

// 3. The code cache of dist/oclif.cjs: compiled and run once here (with `--help`, so the functions
// start-up calls are compiled too), then V8's cache written next to it.
const MAKE_CODE_CACHE = `import { writeFileSync } from 'node:fs';
import { requireWithCodeCache } from ${JSON.stringify(join(ROOT, 'src', 'cli', 'code-cache.ts'))};
const [file, root] = process.argv.slice(2);
const { exports: oclif, script } = requireWithCodeCache(file, file + '.none');
const write = process.stdout.write;
process.stdout.write = () => true;
await oclif.execute({ dir: root, args: ['--help'] });
process.stdout.write = write;
writeFileSync(file + '.cache', script.createCachedData());
`;
await runHelper({ stdin: { contents: MAKE_CODE_CACHE, resolveDir: ROOT, loader: 'ts' } }, join(GENERATED, 'make-code-cache.mjs'), [OCLIF_CJS, join(ROOT, 'package.json')]);
const outputs = Object.entries(result.metafile.outputs);
const total = outputs.reduce((n, [, o]) => n + o.bytes, 0);
process.stdout.write(`bundled ${outputs.length} files, ${(total / 1e6).toFixed(1)} MB, into dist/\n`);
