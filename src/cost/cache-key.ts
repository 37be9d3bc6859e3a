// Disk-cache keys for paid Cost Explorer answers: one per account and exact request.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal requests give equal text whatever the key order. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/**
 * A file-name-safe key: "<account>-<operation>-<hash of the request>". The account is part of the key
 * (and of the hash) so two accounts never share an answer even for the same request.
 */
export function costCacheKey(accountId: string, operation: string, request: unknown): string {
  const hash = createHash('sha256').update(`${accountId}\n${operation}\n${stableStringify(request)}`).digest('hex').slice(0, 32);
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_.-]/g, '_');
  return `${safe(accountId)}-${safe(operation)}-${hash}`;
}
