// The one home of user patterns: globs (rule ids, suppressions, resource type globs, condition `glob:`)
// and regular expressions (condition `regex:`). Every pattern is checked up front (a located
// problem, never a raw SyntaxError) and then compiled once.
//
// Globs use picomatch with bash semantics: `*` is any run of characters (also "/" and ":", so ARNs
// and paths match), `?` one character, `[abc]`, `[a-z]`, `[!abc]`, `{a,b}`.
// Regexes run on re2js, a linear-time engine (RE2): a user pattern such as `^(a+)+$` can never hang
// a run. RE2 refuses what it cannot run in linear time (backreferences, lookaround); such a pattern
// is a problem of the file or flag that holds it.
// (IAM action wildcards keep their own matcher in core/iam/action-match.ts: see why there.)
import { createRequire } from 'node:module';
import picomatch from 'picomatch';
import type { RE2JS } from 're2js';
import { UsageError } from './errors.js';

const GLOB_OPTIONS: picomatch.PicomatchOptions = { bash: true, dot: true, nonegate: true };

/** picomatch reads `[^abc]` as a negated class; the shell's `[!abc]` means the same. */
function shellClasses(pattern: string): string {
  return pattern.replace(/\[!/g, '[^');
}

/** A pattern that cannot be compiled. Exit 2 (bad input); loaders report it located instead. */
export class PatternError extends UsageError {}

function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split('\n')[0];
}

/** Whether text has glob syntax (otherwise it is compared literally). */
export function isGlob(text: string): boolean {
  return picomatch.scan(text).isGlob;
}

/** Why a glob is invalid ("[z-a]*": range out of order), or undefined when it is fine. */
export function globProblem(pattern: string): string | undefined {
  try {
    picomatch.makeRe(shellClasses(pattern), { ...GLOB_OPTIONS, debug: true });
    return undefined;
  } catch (error) {
    const reason = firstLine(error).replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
    return `"${pattern}" is not a valid glob: ${reason.toLowerCase()}`;
  }
}

const globs = new Map<string, RegExp>();

/** The anchored RegExp a glob compiles to; throws PatternError for an invalid glob. */
export function globToRegExp(pattern: string): RegExp {
  let re = globs.get(pattern);
  if (!re) {
    const problem = globProblem(pattern);
    if (problem) throw new PatternError(problem);
    re = picomatch.makeRe(shellClasses(pattern), GLOB_OPTIONS);
    globs.set(pattern, re);
  }
  return re;
}

/** Whether text matches a glob; a pattern without glob syntax (or equal to the text) matches itself. */
export function globMatches(pattern: string, text: string | undefined): boolean {
  if (text === undefined) return false;
  return pattern === text || (isGlob(pattern) && globToRegExp(pattern).test(text));
}

let engine: typeof RE2JS | undefined;

/** re2js, loaded on the first regex: most runs have none, and its set-up is a noticeable part of start-up. */
function re2(): typeof RE2JS {
  engine ??= (createRequire(import.meta.url)('re2js') as typeof import('re2js')).RE2JS;
  return engine;
}

/** Why a regex cannot be used (syntax, or a feature RE2 refuses), or undefined when it is fine. */
export function regexProblem(pattern: string): string | undefined {
  try {
    re2().compile(pattern);
    return undefined;
  } catch (error) {
    const reason = firstLine(error).replace(/^error parsing regexp: /, '');
    const unsupported = /\\[1-9]|\(\?<?[=!]/.test(pattern);
    return unsupported
      ? `"${pattern}" uses a backreference or lookaround, which the linear-time regex engine refuses (${reason})`
      : `"${pattern}" is not a valid regular expression: ${reason}`;
  }
}

const regexes = new Map<string, RE2JS>();

/** Whether the regex matches anywhere in text (like RegExp.test), in time linear in the input. */
export function regexMatches(pattern: string, text: string): boolean {
  let re = regexes.get(pattern);
  if (!re) {
    const problem = regexProblem(pattern);
    if (problem) throw new PatternError(problem);
    re = re2().compile(pattern);
    regexes.set(pattern, re);
  }
  return re.test(text);
}
