// The yaml library, loaded on first use (CommonJS, through require): the built-in packs, schemas
// and price table are precompiled at build time, so most runs (an audit with the built-in packs,
// --demo, --help) read no YAML and should not load a YAML parser. Same pattern as re2js
// (core/patterns.ts).
import { createRequire } from 'node:module';

type YamlLibrary = typeof import('yaml');

let library: YamlLibrary | undefined;

export function yaml(): YamlLibrary {
  library ??= createRequire(import.meta.url)('yaml') as YamlLibrary;
  return library;
}
