// One value per (owner, key) while the owner lives. The owner is an SDK client, which lives for one
// account's collection, so two collectors of one account that need the same API answer share one call
// (cost:month and cost:usage-type read one GetCostAndUsage; the IAM types share one account's IAM
// data) and nothing leaks into a later run. Promises are values too: concurrent callers share one.

const memos = new WeakMap<object, Map<string, unknown>>();

export function memoize<T>(owner: object, key: string, compute: () => T): T {
  let byKey = memos.get(owner);
  if (!byKey) {
    byKey = new Map();
    memos.set(owner, byKey);
  }
  if (byKey.has(key)) return byKey.get(key) as T;
  const value = compute();
  byKey.set(key, value);
  return value;
}
