import type { CollectionError } from '../../core/model.js';
import type { ResolvedTarget, TargetResolution, UnreachableTarget } from './types.js';

/** An unreachable account as a collection error: the run goes on without it and ends with exit 3. */
export function unreachableError(u: UnreachableTarget): CollectionError {
  const who = [u.name, `(${u.source})`].filter(Boolean).join(' ');
  return { accountId: u.accountId, region: 'global', operation: u.operation, code: u.code, message: `${who}: ${u.message}`, resourceTypes: ['*'] };
}

/** Targets and failures sorted by account id, failures also as collection errors. */
export function finish(targets: ResolvedTarget[], unreachable: UnreachableTarget[]): TargetResolution {
  targets.sort((a, b) => a.target.accountId.localeCompare(b.target.accountId));
  unreachable.sort((a, b) => a.accountId.localeCompare(b.accountId));
  return { targets, errors: unreachable.map(unreachableError), unreachable };
}
