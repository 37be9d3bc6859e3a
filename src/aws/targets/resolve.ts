import { applyShard } from '../../core/shard.js';
import { CredentialClients, type TargetDeps } from './deps.js';
import { validateTargetOptions } from './options.js';
import { resolveProfiles } from './profiles.js';
import type { AccountListing, TargetOptions, TargetResolution } from './types.js';

/**
 * Resolve who a run works on:
 * - nothing named: the default credential chain (AWS_PROFILE, env, SSO, ...);
 * - --profile (repeatable) / --all-profiles: each profile, deduplicated by account + caller identity;
 * - --sso-session NAME [--sso-role R...]: every account the cached IAM Identity Center token reaches;
 * - --org [--org-role R] [--ou ID...]: every active account of the Organization through an assumed role.
 * Then --account / --exclude-account and --shard I/N. Accounts that cannot be reached come back in
 * `errors` (exit 3); no usable credentials at all, or an expired SSO token, throws CredentialsError (exit 4).
 */
export async function resolveTargets(options: TargetOptions, deps: TargetDeps): Promise<TargetResolution> {
  const opts = validateTargetOptions(options);
  const clients = new CredentialClients(deps);
  const dispose = () => clients.dispose();
  try {
    let resolution: TargetResolution;
    // The SSO and Organizations clients load only for the runs that use them.
    if (opts.ssoSession !== undefined) resolution = await (await import('./sso.js')).resolveSsoSession(opts, deps, clients);
    else if (opts.org) resolution = await (await import('./org.js')).resolveOrganization(opts, deps, clients);
    else resolution = await resolveProfiles(opts, deps);
    return { ...resolution, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/**
 * The accounts of the Organization or SSO session, listed once before the collection: the number of
 * worker processes is fitted to them (collectFitted), and every worker (or this process) takes its
 * slice of this listing (TargetOptions.listed) instead of listing again. Profiles are read from this
 * machine's files: undefined.
 */
export async function listAccountsOnce(options: TargetOptions, deps: TargetDeps): Promise<AccountListing | undefined> {
  const opts = validateTargetOptions(options);
  if (opts.ssoSession === undefined && !opts.org) return undefined;
  const clients = new CredentialClients(deps);
  try {
    if (opts.ssoSession !== undefined) return { kind: 'sso', accounts: await (await import('./sso.js')).listSsoSession(opts, clients) };
    return { kind: 'org', accounts: await (await import('./org.js')).listOrganization(opts, deps) };
  } finally {
    clients.dispose();
  }
}

/** How many accounts of a listing this run (or shard) works on: after --account, --exclude-account and --shard. */
export async function accountsToCollect(listing: AccountListing, options: TargetOptions): Promise<number> {
  const ids =
    listing.kind === 'org'
      ? (await import('./org.js')).activeAccounts(listing.accounts, options).map((a) => a.id)
      : (await import('./sso.js')).reachedAccounts(listing.accounts, options).map((a) => a.accountId as string);
  return applyShard(ids, options.shard, (id) => id).length;
}
