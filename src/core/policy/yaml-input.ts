// YAML user files -> plain data, with the limits that keep a hostile file from exhausting the
// process: an alias bomb (the yaml library's maxAliasCount) and nesting beyond a sane depth are
// problems located at the file, never a ReferenceError or a stack overflow.
import type { Document } from 'yaml';
import type { FileProblem } from '../errors.js';
import { formatPath, type PathSegment } from './path.js';
import type { Locator } from './yaml-locate.js';

/** Deepest nesting of mappings and lists accepted in a user file. */
export const MAX_NESTING = 64;

/** Aliases a document may resolve (the yaml library's default, named here). */
export const MAX_ALIAS_COUNT = 100;

/** A YAML parser error in plain words: a stack overflow while parsing means nesting far too deep. */
export function yamlErrorMessage(message: string): string {
  if (/Maximum call stack size exceeded/.test(message)) return `nested deeper than ${MAX_NESTING} levels`;
  return `invalid YAML: ${message.split(/ at line \d+, column \d+/)[0].split('\n')[0]}`;
}

/** The path to the first value nested deeper than `limit`, or undefined (iterative: no recursion). */
export function tooDeep(data: unknown, limit = MAX_NESTING): PathSegment[] | undefined {
  const stack: Array<{ value: unknown; path: PathSegment[] }> = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: PathSegment[] };
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= limit) return path;
    const entries: Array<[PathSegment, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
  }
  return undefined;
}

/** The document's data, or the problems that stop it from being read safely. */
export function documentData(document: Document, file: string, locate?: Locator): { data?: unknown; problems: FileProblem[] } {
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      return { problems: [{ file, line: 1, column: 1, message: `too many aliases: the file expands more than ${MAX_ALIAS_COUNT} YAML aliases (an alias bomb?)` }] };
    }
    if (error instanceof RangeError) return { problems: [{ file, line: 1, column: 1, message: `nested deeper than ${MAX_NESTING} levels` }] };
    throw error;
  }
  const deep = tooDeep(data);
  if (deep) {
    const position = locate?.(deep);
    return { problems: [{ file, ...(position ? { line: position.line, column: position.column } : {}), path: formatPath(deep), message: `nested deeper than ${MAX_NESTING} levels` }] };
  }
  return { data, problems: [] };
}
