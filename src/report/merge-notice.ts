// What `report merge` says on stderr when the shards it merged were incomplete: the exit code (3)
// alone does not say why.

import type { Report } from '../core/model.js';
import { SHARD_MERGE_OPERATION } from '../core/shard.js';

export function partialMergeNotice(merged: Report, allowPartial: boolean): string | undefined {
  if (merged.errors.length === 0) return undefined;
  const ofMerge = merged.errors.filter((e) => e.operation === SHARD_MERGE_OPERATION);
  const collection = merged.errors.filter((e) => e.operation !== SHARD_MERGE_OPERATION);
  const parts: string[] = [];
  const missing = ofMerge.filter((e) => e.code === 'ShardMissing').map((e) => /shard (\d+\/\d+)/.exec(e.message)?.[1] ?? '?');
  if (missing.length > 0) parts.push(`shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} missing`);
  if (ofMerge.some((e) => e.code === 'ShardListingsDiffer')) parts.push('the shards listed different accounts');
  if (collection.length > 0) {
    const accounts = new Set(collection.map((e) => e.accountId)).size;
    parts.push(`${collection.length} collection error${collection.length === 1 ? '' : 's'} in ${accounts} account${accounts === 1 ? '' : 's'}`);
  }
  const notEvaluated = new Set(merged.notEvaluated.map((n) => n.ruleId)).size;
  const rules = notEvaluated > 0 ? `, ${notEvaluated} rule${notEvaluated === 1 ? '' : 's'} not evaluated` : '';
  const next = allowPartial ? 'accepted (--allow-partial)' : 'exit 3; pass --allow-partial to accept an incomplete merge';
  return `warning: the merged report is incomplete: ${parts.join(', ')}${rules} — ${next}`;
}
