// oclif's explicit command strategy (package.json oclif.commands): every command by id, from one module
// that the bundle (scripts/build.mjs) builds as dist/commands.js.
//
// Each command sits behind its own dynamic import(), so esbuild gives it its own chunk and a run loads
// only the command it runs: `audit --demo` never loads what nuke, cost or accounts import (the AWS SDK
// clients among them). When oclif.manifest.json exists, oclif takes every id, flag and description
// from it, so a command's class is needed only to run it, and COMMANDS holds thin classes that import
// the real one on run. Without a manifest (and while `oclif manifest` writes it) COMMANDS holds the
// real classes, so oclif reads their flags.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, type Config, type Interfaces } from '@oclif/core';
import { packageRoot } from '../src/core/package-root.js';

type CommandModule = { default: Command.Class };

const LOADERS: Record<string, () => Promise<CommandModule>> = {
  accounts: () => import('./accounts.js'),
  audit: () => import('./audit.js'),
  cost: () => import('./cost.js'),
  inventory: () => import('./inventory.js'),
  nuke: () => import('./nuke.js'),
  'policies:iam': () => import('./policies/iam.js'),
  'policies:list': () => import('./policies/list.js'),
  'policies:show': () => import('./policies/show.js'),
  'policies:validate': () => import('./policies/validate.js'),
  'prices:update': () => import('./prices/update.js'),
  'report:merge': () => import('./report/merge.js'),
};

/** The command ids this module serves (a test checks every file under commands/ is one of them). */
export const COMMAND_IDS: readonly string[] = Object.keys(LOADERS);

/** A stand-in that oclif finds by id; running it imports the real command and runs that. */
function lazyCommand(load: () => Promise<CommandModule>): Command.Class {
  class LazyCommand extends Command {
    static override async run<T extends Command>(
      this: (new (argv: string[], config: Config) => T) & Pick<Command.Class, 'id' | 'plugin'>,
      argv?: string[],
      opts?: Interfaces.LoadOptions,
    ): Promise<ReturnType<T['run']>> {
      const real = (await load()).default;
      Object.assign(real, { id: this.id, plugin: this.plugin });
      return (await real.run(argv, opts)) as ReturnType<T['run']>;
    }

    override async run(): Promise<void> {
      throw new Error(`${this.id ?? 'command'}: a lazy command runs through its static run`);
    }
  }
  return LazyCommand as unknown as Command.Class;
}

async function realCommands(): Promise<Record<string, Command.Class>> {
  const entries = await Promise.all(Object.entries(LOADERS).map(async ([id, load]) => [id, (await load()).default] as const));
  return Object.fromEntries(entries);
}

const hasManifest = existsSync(join(packageRoot(), 'oclif.manifest.json'));

export const COMMANDS: Record<string, Command.Class> = hasManifest
  ? Object.fromEntries(Object.entries(LOADERS).map(([id, load]) => [id, lazyCommand(load)]))
  : await realCommands();
