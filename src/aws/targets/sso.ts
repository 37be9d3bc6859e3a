import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  SSOClient,
  type AccountInfo,
} from '@aws-sdk/client-sso';
import { CreateTokenCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { getHomeDir, getSSOTokenFilepath, getSSOTokenFromFile, loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import pLimit from 'p-limit';
import { CredentialsError, UsageError } from '../../core/errors.js';
import { describeAwsError } from '../aws-errors.js';
import { ClientFactory } from '../client-factory.js';
import type { CredentialClients, TargetDeps } from './deps.js';
import { callerIdentity, memoizeProvider } from './identify.js';
import { applyShard, shardListing } from '../../core/shard.js';
import { accountFilter, DEFAULT_ACCOUNT_CONCURRENCY } from './options.js';
import { finish } from './resolution.js';
import type { ResolvedTarget, SsoAccount, TargetOptions, TargetResolution, UnreachableTarget } from './types.js';

/** The [sso-session NAME] section of ~/.aws/config. */
export interface SsoSessionConfig {
  name: string;
  startUrl: string;
  region: string;
}

/** The token `aws sso login` caches in ~/.aws/sso/cache/. */
export interface CachedSsoToken {
  accessToken: string;
  expiresAt: string;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  region?: string;
  startUrl?: string;
}

/** Refresh a token this close to its expiry (as the SDK and the AWS CLI do). */
const REFRESH_WINDOW_MS = 5 * 60_000;
/** A token with less time left than this is treated as expired. */
const MIN_VALIDITY_MS = 60_000;
/** Largest page the SSO portal APIs return. */
const SSO_PAGE_SIZE = 100;

export function ssoLoginCommand(session: string): string {
  return `aws sso login --sso-session ${session}`;
}

function configFilePath(): string {
  return process.env.AWS_CONFIG_FILE ?? join(getHomeDir(), '.aws', 'config');
}

/** Read [sso-session NAME] (sso_start_url, sso_region) from the AWS config file. */
export async function readSsoSession(name: string): Promise<SsoSessionConfig> {
  const { configFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const section = configFile[`sso-session.${name}`];
  if (!section) {
    throw new UsageError(`--sso-session ${name}: no [sso-session ${name}] section in ${configFilePath()}`,
      `Create it with: aws configure sso-session (name it "${name}"), then: ${ssoLoginCommand(name)}`);
  }
  const startUrl = section.sso_start_url;
  const region = section.sso_region;
  if (!startUrl || !region) {
    throw new UsageError(`[sso-session ${name}] in ${configFilePath()} needs both sso_start_url and sso_region`);
  }
  return { name, startUrl, region };
}

function isToken(value: unknown): value is CachedSsoToken {
  const t = value as CachedSsoToken | undefined;
  return typeof t?.accessToken === 'string' && typeof t?.expiresAt === 'string' && !Number.isNaN(Date.parse(t.expiresAt));
}

/**
 * The cached token of a session: ~/.aws/sso/cache/<sha1(session name)>.json as `aws sso login
 * --sso-session` writes it, else the legacy file keyed by the start URL.
 */
export async function readCachedToken(session: SsoSessionConfig): Promise<{ token: CachedSsoToken; file: string } | undefined> {
  for (const id of [session.name, session.startUrl]) {
    try {
      const token: unknown = await getSSOTokenFromFile(id);
      if (isToken(token)) return { token, file: getSSOTokenFilepath(id) };
    } catch {
      // missing or unreadable: try the next key
    }
  }
  return undefined;
}

function canRefresh(token: CachedSsoToken, now: number): boolean {
  return Boolean(token.refreshToken && token.clientId && token.clientSecret) &&
    (!token.registrationExpiresAt || Date.parse(token.registrationExpiresAt) > now);
}

/** SSO-OIDC CreateToken with the refresh token; the new token is written back to the cache like the CLI does. */
async function refreshToken(session: SsoSessionConfig, cached: { token: CachedSsoToken; file: string }, clients: CredentialClients): Promise<CachedSsoToken> {
  const out = await clients.factory().client(SSOOIDCClient, session.region).send(
    new CreateTokenCommand({
      clientId: cached.token.clientId,
      clientSecret: cached.token.clientSecret,
      grantType: 'refresh_token',
      refreshToken: cached.token.refreshToken,
    }),
  );
  if (!out.accessToken || !out.expiresIn) throw new Error('SSO-OIDC CreateToken returned no token');
  const token: CachedSsoToken = {
    ...cached.token,
    accessToken: out.accessToken,
    expiresAt: new Date(Date.now() + out.expiresIn * 1000).toISOString(),
    refreshToken: out.refreshToken ?? cached.token.refreshToken,
  };
  try {
    await writeFile(cached.file, JSON.stringify(token, null, 2), { mode: 0o600 });
  } catch {
    // read-only cache: the refreshed token still serves this run
  }
  return token;
}

/**
 * A token that is good for this run, refreshed when it is about to expire and can be. Missing or
 * expired: CredentialsError (exit 4) whose hint is exactly the login command.
 */
export async function ssoAccessToken(session: SsoSessionConfig, clients: CredentialClients): Promise<string> {
  const cached = await readCachedToken(session);
  const hint = ssoLoginCommand(session.name);
  if (!cached) {
    throw new CredentialsError(`No cached SSO token for session "${session.name}" (looked in ${getSSOTokenFilepath(session.name)}). Log in first:`, hint);
  }
  const now = Date.now();
  const expiresAt = Date.parse(cached.token.expiresAt);
  if (expiresAt - now > REFRESH_WINDOW_MS) return cached.token.accessToken;
  if (canRefresh(cached.token, now)) {
    try {
      return (await refreshToken(session, cached, clients)).accessToken;
    } catch {
      // fall through: use the old token while it lasts, else ask for a login
    }
  }
  if (expiresAt - now > MIN_VALIDITY_MS) return cached.token.accessToken;
  throw new CredentialsError(`The SSO token of session "${session.name}" expired at ${new Date(expiresAt).toISOString()}. Log in again:`, hint);
}

function isUnauthorized(error: unknown): boolean {
  const { code, status } = describeAwsError(error);
  return code === 'UnauthorizedException' || status === 401;
}

/** Every account the token reaches (sso:ListAccounts, all pages). */
export async function listSsoAccounts(sso: SSOClient, accessToken: string): Promise<AccountInfo[]> {
  const accounts: AccountInfo[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sso.send(new ListAccountsCommand({ accessToken, maxResults: SSO_PAGE_SIZE, nextToken }));
    accounts.push(...(page.accountList ?? []));
    nextToken = page.nextToken || undefined;
  } while (nextToken);
  return accounts;
}

/** The roles the token may use in one account (sso:ListAccountRoles, all pages), in the order listed. */
export async function listSsoRoles(sso: SSOClient, accessToken: string, accountId: string): Promise<string[]> {
  const roles: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sso.send(new ListAccountRolesCommand({ accessToken, accountId, maxResults: SSO_PAGE_SIZE, nextToken }));
    for (const r of page.roleList ?? []) if (r.roleName) roles.push(r.roleName);
    nextToken = page.nextToken || undefined;
  } while (nextToken);
  return roles;
}

/** The first --sso-role (in the order given) the account offers; without --sso-role, the first role listed. */
export function pickSsoRole(available: string[], wanted: string[] | undefined): string | undefined {
  if (!wanted || wanted.length === 0) return available[0];
  return wanted.find((w) => available.includes(w));
}

/** A memoised provider calling sso:GetRoleCredentials for one account and role. */
export function ssoRoleCredentials(sso: SSOClient, accessToken: string, accountId: string, roleName: string): AwsCredentialIdentityProvider {
  return memoizeProvider(async (): Promise<AwsCredentialIdentity> => {
    const out = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }));
    const c = out.roleCredentials;
    if (!c?.accessKeyId || !c.secretAccessKey) throw new CredentialsError(`sso:GetRoleCredentials returned no credentials for ${accountId}/${roleName}`);
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      expiration: c.expiration ? new Date(c.expiration) : undefined,
      accountId,
    };
  });
}

async function listAccountsOf(name: string, sso: SSOClient, accessToken: string): Promise<SsoAccount[]> {
  try {
    return await listSsoAccounts(sso, accessToken);
  } catch (error) {
    if (isUnauthorized(error)) {
      throw new CredentialsError(`The SSO portal refused the token of session "${name}" (${describeAwsError(error).message}). Log in again:`, ssoLoginCommand(name));
    }
    throw error;
  }
}

/** The accounts of a listing a run works on, before --shard: once each, kept by --account / --exclude-account. */
export function reachedAccounts(listed: SsoAccount[], options: TargetOptions): SsoAccount[] {
  const keep = accountFilter(options);
  const byId = new Map<string, SsoAccount>();
  for (const a of listed) if (a.accountId && keep(a.accountId)) byId.set(a.accountId, a);
  return [...byId.values()];
}

/**
 * --sso-session: the accounts the session reaches, listed before the collection (listAccountsOnce),
 * to fit the number of worker processes to them and hand them to them (options.listed).
 */
export async function listSsoSession(options: TargetOptions, clients: CredentialClients): Promise<SsoAccount[]> {
  const name = options.ssoSession as string;
  const session = await readSsoSession(name);
  const accessToken = await ssoAccessToken(session, clients);
  return listAccountsOf(name, clients.factory().client(SSOClient, session.region), accessToken);
}

/**
 * --sso-session NAME: every account the cached token reaches, each through the first matching
 * --sso-role (or the first role listed). Accounts without a usable role become errors.
 */
export async function resolveSsoSession(options: TargetOptions, deps: TargetDeps, clients: CredentialClients): Promise<TargetResolution> {
  const name = options.ssoSession as string;
  const session = await readSsoSession(name);
  const accessToken = await ssoAccessToken(session, clients);
  const sso = clients.factory().client(SSOClient, session.region);
  const homeRegion = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? session.region;
  // A --workers process takes its slice of the listing its parent made once for all of them.
  const listed = options.listed?.kind === 'sso' ? options.listed.accounts : await listAccountsOf(name, sso, accessToken);

  const reached = reachedAccounts(listed, options);
  const candidates = applyShard(reached, options.shard, (a) => a.accountId as string);

  const targets: ResolvedTarget[] = [];
  const unreachable: UnreachableTarget[] = [];
  for (const wanted of options.accounts ?? []) {
    // Reported once: by the first shard.
    if (!listed.some((a) => a.accountId === wanted) && (!options.shard || options.shard.index === 1)) {
      unreachable.push({ accountId: wanted, source: `sso:${name}`, operation: 'sso:ListAccounts', code: 'NotAssigned', message: `--account ${wanted}: the SSO session "${name}" has no access to this account` });
    }
  }

  const limit = pLimit(options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY);
  await Promise.all(
    candidates.map((account) =>
      limit(async () => {
        const accountId = account.accountId as string;
        const base = { accountId, name: account.accountName };
        let step = 'sso:ListAccountRoles';
        let source = `sso:${name}`;
        try {
          const roles = await listSsoRoles(sso, accessToken, accountId);
          const role = pickSsoRole(roles, options.ssoRoles);
          if (!role) {
            const wanted = options.ssoRoles && options.ssoRoles.length > 0 ? `none of ${options.ssoRoles.join(', ')}` : 'no role';
            unreachable.push({ ...base, source, operation: step, code: 'NoMatchingRole', message: `${wanted} available in this account (roles: ${roles.join(', ') || 'none'})` });
            return;
          }
          source = `sso:${name}/${role}`;
          step = 'sso:GetRoleCredentials';
          const credentials = ssoRoleCredentials(sso, accessToken, accountId, role);
          await credentials();
          step = 'sts:GetCallerIdentity';
          const factory = new ClientFactory({ credentials, stats: deps.stats, limiter: deps.limiter, maxAttempts: deps.maxAttempts });
          try {
            const identity = await callerIdentity(factory, homeRegion);
            targets.push({ target: { ...base, source }, credentials, callerArn: identity.arn, homeRegion });
          } finally {
            factory.destroy();
          }
        } catch (error) {
          const { code, message, operation } = describeAwsError(error);
          unreachable.push({ ...base, source, operation: operation ?? step, code, message });
        }
      }),
    ),
  );

  if (targets.length === 0 && unreachable.length > 0 && unreachable.every((u) => u.code === 'UnauthorizedException')) {
    throw new CredentialsError(`The SSO portal refused the token of session "${name}" for every account. Log in again:`, ssoLoginCommand(name));
  }
  return { ...finish(targets, unreachable), ...(options.shard ? { listing: shardListing(options.shard, reached.map((a) => a.accountId as string)) } : {}) };
}
