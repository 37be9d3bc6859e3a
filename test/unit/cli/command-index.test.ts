// oclif no longer scans commands/: it reads the explicit index (commands/index.ts). A command file
// that the index does not list would silently not exist for users.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_IDS } from '../../../commands/index.js';

const COMMANDS = join(import.meta.dirname, '../../../commands');

function commandFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? commandFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('the explicit command index', () => {
  it('lists every command file under commands/ by its id, and nothing else', () => {
    const ids = commandFiles(COMMANDS)
      .map((f) => relative(COMMANDS, f).replace(/\.ts$/, '').split('/').join(':'))
      .filter((id) => id !== 'index')
      .sort();
    expect([...COMMAND_IDS].sort()).toEqual(ids);
  });
});

describe('the order of command ids', () => {
  // The bundled oclif sorts command ids by code point instead of localeCompare (scripts/build.mjs,
  // OCLIF_PATCHES): the first localeCompare of a process loads ICU's collation data, ~10 ms of every
  // start. That is the same order only for ids like ours; an id with capitals or digits would reorder
  // the help, and this fails.
  it('is the same by code point as by localeCompare', () => {
    const ids = [...COMMAND_IDS, ...COMMAND_IDS.map((id) => id.split(':')[0] ?? id)];
    const byCodePoint = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect([...ids].sort((a, b) => a.localeCompare(b))).toEqual(byCodePoint);
    for (const id of COMMAND_IDS) expect(id).toMatch(/^[a-z]+(?:[:-][a-z]+)*$/);
  });
});

describe('bin/run.js', () => {
  // It checks the Node version itself (oclif's semver check is turned off for start-up time).
  it('checks the same Node major version as package.json engines', () => {
    const root = join(import.meta.dirname, '../../..');
    const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const bin = readFileSync(join(root, 'bin', 'run.js'), 'utf8');
    expect(engines).toMatch(/^>=\d+$/);
    expect(bin).toContain(`const MIN_NODE_MAJOR = ${engines.slice(2)};`);
  });
});
