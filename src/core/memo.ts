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

/** What cachedIn needs of a Map or WeakMap. */
interface Cache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The value `make` gave for `key` the first time, kept in `cache` (compiled conditions, expressions, templates). */
export function cachedIn<K, V>(cache: Cache<K, V>, key: K, make: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make(key);
    cache.set(key, value);
  }
  return value;
}

