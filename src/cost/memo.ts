// One answer per (owner, key) while the owner lives: two collectors of one account that need the same
// API answer (cost:month and cost:usage-type both read one GetCostAndUsage) share one call. The owner is
// the SDK client, which lives for one account's collection, so nothing leaks into a later run.

const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

export function memoize<T>(owner: object, key: string, compute: () => Promise<T>): Promise<T> {
  let byKey = memos.get(owner);
  if (!byKey) {
    byKey = new Map();
    memos.set(owner, byKey);
  }
  const found = byKey.get(key);
  if (found) return found as Promise<T>;
  const promise = compute();
  byKey.set(key, promise);
  return promise;
}
