// Type-level deletion order: X.dependsOn lists the types whose resources must be gone before X's.
import type { NukeTypeInfo } from './types.js';

export class DependencyCycleError extends Error {
  constructor(readonly cycle: string[]) {
    super(`resource type dependencies form a cycle: ${cycle.join(' -> ')}`);
    this.name = 'DependencyCycleError';
  }
}

/** type -> every type that must be deleted before it (transitively), restricted to known types. Throws on a cycle. */
export function dependencyClosure(types: readonly NukeTypeInfo[]): Map<string, Set<string>> {
  const byType = new Map(types.map((t) => [t.type, t]));
  const closure = new Map<string, Set<string>>();
  const visiting: string[] = [];

  const visit = (type: string): Set<string> => {
    const done = closure.get(type);
    if (done) return done;
    if (visiting.includes(type)) throw new DependencyCycleError([...visiting.slice(visiting.indexOf(type)), type]);
    visiting.push(type);
    const all = new Set<string>();
    for (const dep of byType.get(type)?.dependsOn ?? []) {
      if (!byType.has(dep)) continue;
      all.add(dep);
      for (const d of visit(dep)) all.add(d);
    }
    visiting.pop();
    closure.set(type, all);
    return all;
  };
  for (const t of types) visit(t.type);
  return closure;
}

/** type -> the types that must be deleted after it (the reverse of the closure): who it can be in the way of. */
export function dependentsClosure(closure: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [type, deps] of closure) {
    for (const dep of deps) {
      const set = out.get(dep) ?? new Set<string>();
      set.add(type);
      out.set(dep, set);
    }
  }
  return out;
}

/** Whether a deletion in `a` must wait for deletions in `b` when they share an account (region-compatible). */
export function regionsMeet(a: string, b: string): boolean {
  return a === b || a === 'global' || b === 'global';
}

/**
 * The types to collect for a selection: the selected ones, what must go before them, and what each
 * type asks to be collected with it (`collectWith`: an instance's volumes, a subnet's VPC).
 */
export function typesToCollect(selected: readonly string[], types: readonly NukeTypeInfo[]): string[] {
  const closure = dependencyClosure(types);
  const byType = new Map(types.map((t) => [t.type, t]));
  const out = new Set<string>(selected);
  for (const t of selected) {
    for (const d of closure.get(t) ?? []) out.add(d);
    for (const c of byType.get(t)?.collectWith ?? []) out.add(c);
  }
  const known = new Set(types.map((t) => t.type));
  return [...out].filter((t) => known.has(t)).sort();
}
