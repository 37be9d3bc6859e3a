// What `report merge` says on stderr when the shards it merged were incomplete: the exit code (3)
// alone does not say why.

import type { Report } from '../core/model.js';

export function partialMergeNotice(merged: Report, allowPartial: boolean): string | undefined {
  if (merged.errors.length === 0) return undefined;
  const accounts = new Set(merged.errors.map((e) => e.accountId)).size;
  const errors = merged.errors.length;
  const notEvaluated = new Set(merged.notEvaluated.map((n) => n.ruleId)).size;
  const what = `${errors} collection error${errors === 1 ? '' : 's'} in ${accounts} account${accounts === 1 ? '' : 's'}`;
  const rules = notEvaluated > 0 ? `, ${notEvaluated} rule${notEvaluated === 1 ? '' : 's'} not evaluated` : '';
  const next = allowPartial ? 'accepted (--allow-partial)' : 'exit 3; pass --allow-partial to accept an incomplete merge';
  return `warning: the merged report is incomplete: ${what}${rules} — ${next}`;
}
