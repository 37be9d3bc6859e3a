import {
  DescribeOrganizationalUnitCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
  type Account,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import pLimit from 'p-limit';
import { CredentialsError, UsageError } from '../../core/errors.js';
import { describeAwsError } from '../aws-errors.js';
import { ClientFactory } from '../client-factory.js';
import { globalApiRegion } from '../regions.js';
import type { CredentialClients, TargetDeps } from './deps.js';
import { memoizeProvider, partitionOfArn } from './identify.js';
import { applyShard, shardListing } from '../../core/shard.js';
import { accountFilter, DEFAULT_ACCOUNT_CONCURRENCY, DEFAULT_ORG_ROLE } from './options.js';
import { credentialsFailure, profileTarget } from './profiles.js';
import { finish } from './resolution.js';
import type { OrgAccount, ResolvedTarget, TargetOptions, TargetResolution, UnreachableTarget } from './types.js';

export type { OrgAccount } from './types.js';

/** Largest page the Organizations list APIs return. */
const ORG_PAGE_SIZE = 20;
/** OUs listed at once while walking the tree (Organizations throttles early). */
const OU_WALK_CONCURRENCY = 4;
const SESSION_NAME = 'costguard';

async function allPages<T>(fetch: (nextToken: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>): Promise<T[]> {
  const out: T[] = [];
  let next: string | undefined;
  do {
    const page = await fetch(next);
    out.push(...(page.items ?? []));
    next = page.next || undefined;
  } while (next);
  return out;
}

interface TreeNode {
  id: string;
  path: string;
}

function stateOf(a: Account): string {
  return a.State ?? a.Status ?? 'ACTIVE';
}

/** The path of an OU (or root) by name, walking up with ListParents: calls proportional to its depth. */
async function pathOf(org: OrganizationsClient, id: string, rootNames: Map<string, string>): Promise<string> {
  if (rootNames.has(id)) return rootNames.get(id) as string;
  const names: string[] = [];
  let current = id;
  for (let depth = 0; depth < 10; depth++) {
    const ou = await org.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: current }));
    names.unshift(ou.OrganizationalUnit?.Name ?? current);
    const parents = await org.send(new ListParentsCommand({ ChildId: current }));
    const parent = parents.Parents?.[0];
    if (!parent?.Id) break;
    if (parent.Type === 'ROOT') {
      names.unshift(rootNames.get(parent.Id) ?? 'Root');
      break;
    }
    current = parent.Id;
  }
  return names.join('/');
}

/**
 * Every account under the roots (or under the given OUs, recursively) with its OU path, walking
 * the tree with ListOrganizationalUnitsForParent + ListAccountsForParent: calls proportional to
 * the number of OUs, never one call per account.
 */
export async function walkOrganization(org: OrganizationsClient, startAt?: string[]): Promise<OrgAccount[]> {
  const roots = await allPages((NextToken) =>
    org.send(new ListRootsCommand({ NextToken, MaxResults: ORG_PAGE_SIZE })).then((p) => ({ items: p.Roots, next: p.NextToken })),
  );
  const rootNames = new Map(roots.filter((r) => r.Id).map((r) => [r.Id as string, r.Name ?? 'Root']));
  let level: TreeNode[];
  if (!startAt || startAt.length === 0) {
    level = [...rootNames].map(([id, name]) => ({ id, path: name }));
  } else {
    level = [];
    for (const id of startAt) {
      try {
        level.push({ id, path: await pathOf(org, id, rootNames) });
      } catch (error) {
        const { code, message } = describeAwsError(error);
        if (/NotFound|InvalidInput/i.test(code)) throw new UsageError(`--ou ${id}: no such OU in this Organization (${code}: ${message})`);
        throw error;
      }
    }
  }

  const accounts = new Map<string, OrgAccount>();
  const visited = new Set<string>();
  const limit = pLimit(OU_WALK_CONCURRENCY);
  while (level.length > 0) {
    const next: TreeNode[] = [];
    const fresh = level.filter((n) => !visited.has(n.id));
    for (const n of fresh) visited.add(n.id);
    await Promise.all(
      fresh.map((node) =>
        limit(async () => {
          const [ous, members] = await Promise.all([
            allPages((NextToken) =>
              org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: node.id, NextToken, MaxResults: ORG_PAGE_SIZE }))
                .then((p) => ({ items: p.OrganizationalUnits, next: p.NextToken })),
            ),
            allPages((NextToken) =>
              org.send(new ListAccountsForParentCommand({ ParentId: node.id, NextToken, MaxResults: ORG_PAGE_SIZE }))
                .then((p) => ({ items: p.Accounts, next: p.NextToken })),
            ),
          ]);
          for (const ou of ous) if (ou.Id) next.push({ id: ou.Id, path: `${node.path}/${ou.Name ?? ou.Id}` });
          for (const a of members) {
            if (a.Id && !accounts.has(a.Id)) accounts.set(a.Id, { id: a.Id, name: a.Name, ouPath: node.path, state: stateOf(a) });
          }
        }),
      ),
    );
    level = next;
  }
  return [...accounts.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** A memoised provider assuming a role with sts:AssumeRole; the assumed-role ARN is kept for nuke's self-protection. */
export function assumeRoleCredentials(sts: STSClient, roleArn: string, onArn?: (arn: string) => void): AwsCredentialIdentityProvider {
  return memoizeProvider(async () => {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: SESSION_NAME }));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new CredentialsError(`sts:AssumeRole returned no credentials for ${roleArn}`);
    if (out.AssumedRoleUser?.Arn) onArn?.(out.AssumedRoleUser.Arn);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  });
}

function orgAccessFailure(error: unknown, profile: string | undefined): CredentialsError {
  const { code, message } = describeAwsError(error);
  const who = profile ? `--profile ${profile}` : 'the default credentials';
  return new CredentialsError(
    `--org: cannot list the Organization with ${who}: ${code}: ${message}`,
    'Run --org with credentials of the management account or of a delegated administrator for Organizations (--profile NAME).',
  );
}

/** The Organization's accounts (under --ou), every state, listed with the caller's credentials. */
async function listWith(caller: ResolvedTarget, options: TargetOptions, deps: TargetDeps): Promise<OrgAccount[]> {
  const orgFactory = new ClientFactory({ credentials: caller.credentials, stats: deps.stats, limiter: deps.limiter, maxAttempts: deps.maxAttempts });
  try {
    return await walkOrganization(orgFactory.client(OrganizationsClient, globalApiRegion(partitionOfArn(caller.callerArn))), options.ous);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const { code } = describeAwsError(error);
    if (/AccessDenied|NotInUse|UnrecognizedClient|InvalidClientTokenId|ExpiredToken/i.test(code)) throw orgAccessFailure(error, options.profiles?.[0]);
    throw error;
  } finally {
    orgFactory.destroy();
  }
}

async function callerOf(options: TargetOptions, deps: TargetDeps): Promise<ResolvedTarget> {
  const profile = options.profiles?.[0];
  try {
    return await profileTarget(profile, deps);
  } catch (error) {
    throw credentialsFailure(profile, error);
  }
}

/**
 * --org: the Organization listed before the collection (listAccountsOnce), to fit the number of
 * worker processes to it and hand it to them (options.listed), so none lists it again.
 */
export async function listOrganization(options: TargetOptions, deps: TargetDeps): Promise<OrgAccount[]> {
  return listWith(await callerOf(options, deps), options, deps);
}

/** The accounts of a listing a run works on, before --shard: active, and kept by --account / --exclude-account. */
export function activeAccounts(listed: OrgAccount[], options: TargetOptions): OrgAccount[] {
  const keep = accountFilter(options);
  return listed.filter((a) => a.state === 'ACTIVE' && keep(a.id));
}

/**
 * --org: every active account of the Organization (or of --ou, recursively), filtered by
 * --account / --exclude-account and --shard, each reached through --org-role; the caller's own
 * account through the caller's credentials. A role that cannot be assumed is an error for that
 * account only.
 */
export async function resolveOrganization(options: TargetOptions, deps: TargetDeps, clients: CredentialClients): Promise<TargetResolution> {
  const caller = await callerOf(options, deps);
  const partition = partitionOfArn(caller.callerArn);
  const homeRegion = caller.homeRegion ?? 'us-east-1';
  const role = options.orgRole ?? DEFAULT_ORG_ROLE;
  // A --workers process takes its slice of the listing its parent made once for all of them.
  const listed = options.listed?.kind === 'org' ? options.listed.accounts : await listWith(caller, options, deps);

  const active = activeAccounts(listed, options);
  const candidates = applyShard(active, options.shard, (a) => a.id);

  const unreachable: UnreachableTarget[] = [];
  if (!options.shard || options.shard.index === 1) {
    for (const wanted of options.accounts ?? []) {
      const found = listed.find((a) => a.id === wanted);
      if (found?.state === 'ACTIVE') continue;
      unreachable.push({
        accountId: wanted,
        name: found?.name,
        source: `org:${role}`,
        operation: 'organizations:ListAccountsForParent',
        code: found ? 'AccountNotActive' : 'NotInOrganization',
        message: found
          ? `--account ${wanted} is ${found.state}, not ACTIVE`
          : `--account ${wanted} is not an account of this Organization${options.ous?.length ? ` under ${options.ous.join(', ')}` : ''}`,
      });
    }
  }

  const sts = clients.factory(caller.credentials).client(STSClient, homeRegion);
  const targets: ResolvedTarget[] = [];
  const limit = pLimit(options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY);
  await Promise.all(
    candidates.map((account) =>
      limit(async () => {
        const info = { accountId: account.id, name: account.name };
        if (account.id === caller.target.accountId) {
          targets.push({ ...caller, target: { ...caller.target, ...info }, ouPath: account.ouPath });
          return;
        }
        const roleArn = `arn:${partition}:iam::${account.id}:role/${role}`;
        const resolved: ResolvedTarget = {
          target: { ...info, source: `org:${role}` },
          credentials: assumeRoleCredentials(sts, roleArn, (arn) => {
            resolved.callerArn = arn;
          }),
          homeRegion,
          ouPath: account.ouPath,
        };
        try {
          await resolved.credentials();
          targets.push(resolved);
        } catch (error) {
          const { code, message, operation } = describeAwsError(error);
          unreachable.push({ ...info, ouPath: account.ouPath, source: `org:${role}`, operation: operation ?? 'sts:AssumeRole', code, message: `cannot assume ${roleArn}: ${message}` });
        }
      }),
    ),
  );
  return { ...finish(targets, unreachable), ...(options.shard ? { listing: shardListing(options.shard, active.map((a) => a.id)) } : {}) };
}
