// Map a path inside a parsed YAML document to a line and column.
import type { Document, LineCounter, Node } from 'yaml';
import { yaml } from '../yaml.js';
import type { FileProblem } from '../errors.js';
import { formatPath, type PathSegment } from './path.js';

export interface Position {
  line: number;
  column: number;
}

/** Where a path is in the file; `key: true` points at the mapping key rather than its value. */
export type Locator = (path: readonly PathSegment[], options?: { key?: boolean }) => Position | undefined;

function keyMatches(key: unknown, wanted: PathSegment): boolean {
  const value = yaml().isScalar(key) ? key.value : key;
  return String(value) === String(wanted);
}

function child(node: unknown, segment: PathSegment): { node?: Node; key?: Node } | undefined {
  if (yaml().isMap(node)) {
    const pair = node.items.find((p) => keyMatches(p.key, segment));
    return pair ? { node: (pair.value ?? undefined) as Node | undefined, key: pair.key as Node } : undefined;
  }
  if (yaml().isCollection(node) && typeof segment === 'number') {
    const item = node.items[segment] as Node | undefined;
    return item ? { node: item } : undefined;
  }
  return undefined;
}

function offsetOf(node: Node | undefined): number | undefined {
  return node?.range?.[0];
}

/** Walk as far as the path exists and return the offset of the deepest node found. */
function findOffset(document: Document, path: readonly PathSegment[], wantKey: boolean): number | undefined {
  let node: unknown = document.contents;
  let offset = offsetOf(document.contents ?? undefined);
  for (let i = 0; i < path.length; i++) {
    const next = child(node, path[i]);
    if (!next) return offset;
    const isLast = i === path.length - 1;
    offset = (isLast && wantKey ? offsetOf(next.key) : undefined) ?? offsetOf(next.node) ?? offsetOf(next.key) ?? offset;
    node = next.node;
  }
  return offset;
}

export function makeLocator(document: Document, lineCounter: LineCounter): Locator {
  return (path, options) => {
    const offset = findOffset(document, path, options?.key ?? false);
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

/** A problem found in a parsed YAML file, by path (the key itself when atKey). */
export interface LocatedIssue {
  path: PathSegment[];
  message: string;
  suggestion?: string;
  atKey?: boolean;
}

/** The issue as a FileProblem: file, line and column of the path, the path, the message. */
export function problemAt(file: string, locate: Locator, issue: LocatedIssue): FileProblem {
  const position = locate(issue.path, { key: issue.atKey });
  return {
    file,
    ...(position ? { line: position.line, column: position.column } : {}),
    ...(issue.path.length > 0 ? { path: formatPath(issue.path) } : {}),
    message: issue.message,
    ...(issue.suggestion ? { suggestion: issue.suggestion } : {}),
  };
}
