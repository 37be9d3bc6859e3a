// Paths inside a document: ["rules", 2, "when", 0, "associationId"] <-> "rules[2].when[0].associationId".

export type PathSegment = string | number;

export function formatPath(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

export function parsePath(text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const match of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    segments.push(match[2] !== undefined ? Number(match[2]) : match[1]);
  }
  return segments;
}

export function toSegments(path: string | readonly PathSegment[]): PathSegment[] {
  return typeof path === 'string' ? parsePath(path) : [...path];
}
