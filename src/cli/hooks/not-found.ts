// oclif's command_not_found hook: a misspelt command gets a did-you-mean and exit 2 (bad usage),
// not a usage dump. @oclif/plugin-not-found suggests only by prompting on a TTY and otherwise exits
// 127 without naming the command it guessed, so costguard answers itself, with the same suggester as
// for every other name a user writes (core/policy/did-you-mean.ts).
import { Errors, type Hook } from '@oclif/core';
import { EXIT } from '../../core/errors.js';
import { didYouMean } from '../../core/policy/did-you-mean.js';

/** "audti is not a costguard command (did you mean audit?)" */
export function commandNotFoundMessage(typed: string, commandIds: string[], bin = 'costguard'): string {
  const guess = didYouMean(typed, commandIds);
  const show = (id: string) => id.replace(/:/g, ' ');
  return `${show(typed)} is not a ${bin} command${guess ? ` (did you mean ${show(guess)}?)` : ''}`;
}

const hook: Hook<'command_not_found'> = async function (opts) {
  const ids = opts.config.commands.filter((c) => !c.hidden).map((c) => c.id);
  const message = commandNotFoundMessage(opts.id, ids, opts.config.bin);
  throw new Errors.CLIError(`${message}\nSee the commands with: ${opts.config.bin} --help`, { exit: EXIT.usage });
};

export default hook;
