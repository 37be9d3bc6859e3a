import { Command } from '@oclif/core';
import { CostguardError, EXIT } from '../core/errors.js';
import { didYouMean } from '../core/policy/did-you-mean.js';

/** "unknown flag --fromat (did you mean --format?)" for each flag oclif did not know. */
export function unknownFlagMessage(typed: string[], known: Record<string, { char?: string; hidden?: boolean }>): string {
  const names = Object.entries(known).filter(([, flag]) => !flag.hidden).map(([name]) => name);
  return typed
    .map((raw) => {
      const name = raw.replace(/^-+/, '').replace(/=.*$/, '');
      const guess = raw.startsWith('--') ? didYouMean(name, names) : undefined;
      return `unknown flag ${raw.replace(/=.*$/, '')}${guess ? ` (did you mean --${guess}?)` : ''}`;
    })
    .join('; ');
}

/**
 * Every costguard command: maps typed errors to the documented exit codes in one place and prints
 * what to do next — never a stack trace for an expected failure.
 */
export abstract class CostguardCommand extends Command {
  protected override async catch(error: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    if (error instanceof CostguardError) {
      process.exitCode = error.exitCode;
      if (this.jsonEnabled()) {
        this.logJson({ error: { name: error.name, message: error.message, hint: error.hint, exitCode: error.exitCode } });
      } else {
        process.stderr.write(`Error: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
      }
      return undefined;
    }
    // A misspelt flag: a did-you-mean instead of oclif's usage dump.
    const typedFlags = (error as { flags?: unknown }).flags;
    if (error.constructor?.name === 'NonExistentFlagsError' || (/^Nonexistent flags?:/.test(error.message ?? '') && Array.isArray(typedFlags))) {
      const flags = Array.isArray(typedFlags) ? (typedFlags as string[]) : [];
      const ctor = this.constructor as typeof Command;
      process.exitCode = EXIT.usage;
      process.stderr.write(`Error: ${unknownFlagMessage(flags, ctor.flags ?? {})}\nSee the flags with: ${this.config.bin} ${(this.id ?? '').replace(/:/g, ' ')} --help\n`);
      return undefined;
    }
    // oclif's own flag/argument parse errors: bad usage.
    if (error.oclif?.exit === 2 || /Unexpected argument|Nonexistent flag|Expected --|Missing required flag|Expected a |flag .* cannot also be provided|Expected an integer|is not one of|Parsing --/i.test(error.message ?? '')) {
      process.exitCode = EXIT.usage;
      if (error.oclif) error.oclif.exit = EXIT.usage;
    }
    return super.catch(error);
  }

  /** Progress goes to stderr, only on a TTY and never with --json. */
  protected progressEnabled(): boolean {
    return Boolean(process.stderr.isTTY) && !this.jsonEnabled() && process.env.CI !== 'true';
  }
}
