import pLimit from 'p-limit';
import { describeAwsError } from '../aws-errors.js';
import { ClientFactory } from '../client-factory.js';
import { globalApiRegion, partitionOf } from '../regions.js';
import type { TargetDeps } from './deps.js';
import { accountAlias, callerIdentity } from './identify.js';
import { DEFAULT_ACCOUNT_CONCURRENCY } from './options.js';
import type { TargetResolution } from './types.js';

/** One row of `costguard accounts`: a resolved account and whether its credentials work. */
export interface TargetCheck {
  accountId: string;
  name?: string;
  alias?: string;
  /** How it was reached: "profile:dev", "sso:lab/Admin", "org:OrganizationAccountAccessRole", ... */
  source: string;
  ouPath?: string;
  callerArn?: string;
  credentialsOk: boolean;
  error?: { operation: string; code: string; message: string };
}

/**
 * Prove each resolved target's credentials with sts:GetCallerIdentity and read its alias
 * (iam:ListAccountAliases), accounts bounded by `concurrency`; unreachable accounts are listed as
 * not ok with their error. Rows are sorted by account id, then source.
 */
export async function checkTargets(resolution: TargetResolution, deps: TargetDeps, concurrency = DEFAULT_ACCOUNT_CONCURRENCY): Promise<TargetCheck[]> {
  const limit = pLimit(Math.max(1, concurrency));
  const rows = await Promise.all(
    resolution.targets.map((resolved) =>
      limit(async (): Promise<TargetCheck> => {
        const { target } = resolved;
        const row: TargetCheck = { accountId: target.accountId, name: target.name, source: target.source, ouPath: resolved.ouPath, credentialsOk: false };
        const home = resolved.homeRegion ?? 'us-east-1';
        const factory = new ClientFactory({ credentials: resolved.credentials, stats: deps.stats, limiter: deps.limiter, maxAttempts: deps.maxAttempts });
        try {
          const identity = await callerIdentity(factory, home);
          row.callerArn = identity.arn;
          row.credentialsOk = identity.accountId === target.accountId;
          if (!row.credentialsOk) {
            row.error = { operation: 'sts:GetCallerIdentity', code: 'WrongAccount', message: `the credentials act in ${identity.accountId}, not ${target.accountId}` };
          }
          row.alias = target.alias ?? (await accountAlias(factory, globalApiRegion(partitionOf(home))));
        } catch (error) {
          const { code, message, operation } = describeAwsError(error);
          row.error = { operation: operation ?? 'sts:GetCallerIdentity', code, message };
        } finally {
          factory.destroy();
        }
        return row;
      }),
    ),
  );
  for (const u of resolution.unreachable ?? []) {
    rows.push({
      accountId: u.accountId,
      name: u.name,
      source: u.source,
      ouPath: u.ouPath,
      credentialsOk: false,
      error: { operation: u.operation, code: u.code, message: u.message },
    });
  }
  return rows.sort((a, b) => a.accountId.localeCompare(b.accountId) || a.source.localeCompare(b.source));
}
