// oclif no longer scans commands/: it reads the explicit index (commands/index.ts). A command file
// that the index does not list would silently not exist for users.
import { readdirSync } from 'node:fs';
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
