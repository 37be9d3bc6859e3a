import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectInventory } from '../../../src/app/collect.js';
import { pickSsoRole, resolveTargets } from '../../../src/aws/targets/index.js';
import { listAccountsOnce } from '../../../src/aws/targets/resolve.js';
import { CredentialsError, EXIT, UsageError } from '../../../src/core/errors.js';
import { ec2ElasticIp } from '../../../src/resources/ec2-elastic-ip.js';
import { deps, FakeSsoPortal, FakeSts, fakeEc2Addresses, FAR_FUTURE, tempHome, type TempHome } from './helpers.js';

const START_URL = 'https://lab-school.awsapps.com/start';
const REGION = 'eu-west-1';
const TOKEN = 'cached-access-token';

const CONFIG = `[default]
region = ${REGION}

[sso-session lab]
sso_start_url = ${START_URL}
sso_region = ${REGION}
sso_registration_scopes = sso:account:access
`;

const ACCOUNTS = [
  { id: '111111111111', name: 'management', roles: ['AdministratorAccess', 'ReadOnly'] },
  { id: '222222222222', name: 'lab-alice', roles: ['ReadOnly'] },
  { id: '333333333333', name: 'lab-bob', roles: ['Billing'] },
];

describe('--sso-session', () => {
  let home: TempHome;
  let sts: FakeSts;
  let portal: FakeSsoPortal;

  beforeEach(() => {
    home = tempHome();
    home.write('.aws/config', CONFIG);
    sts = new FakeSts();
    sts.intercept();
    portal = new FakeSsoPortal(REGION, TOKEN, ACCOUNTS, sts, 2);
    portal.intercept();
  });

  afterEach(() => home.cleanup());

  it('lists every account across pages, picks the first --sso-role each account offers, and reports accounts without one', async () => {
    home.writeToken('lab', { startUrl: START_URL, region: REGION, accessToken: TOKEN, expiresAt: FAR_FUTURE });
    const d = deps();
    const resolution = await resolveTargets({ ssoSession: 'lab', ssoRoles: ['ReadOnly', 'AdministratorAccess'] }, d);
    resolution.dispose?.();

    expect(portal.calls.filter((c) => c.startsWith('/assignment/accounts'))).toEqual([
      '/assignment/accounts?max_result=100',
      '/assignment/accounts?max_result=100&next_token=page-2',
    ]);
    expect(resolution.targets.map((t) => [t.target.accountId, t.target.name, t.target.source])).toEqual([
      ['111111111111', 'management', 'sso:lab/ReadOnly'],
      ['222222222222', 'lab-alice', 'sso:lab/ReadOnly'],
    ]);
    expect(resolution.targets[0].callerArn).toContain('assumed-role/AWSReservedSSO_ReadOnly_');
    expect(resolution.errors).toHaveLength(1);
    expect(resolution.errors[0]).toMatchObject({ accountId: '333333333333', code: 'NoMatchingRole', operation: 'sso:ListAccountRoles' });
    expect(resolution.errors[0].message).toContain('lab-bob');
    expect(d.stats.summary().byOperation.find((o) => o.operation === 'GetRoleCredentials')?.calls).toBe(2);
  });

  it('--workers: the parent lists the accounts once; the workers split that listing and list nothing', async () => {
    home.writeToken('lab', { startUrl: START_URL, region: REGION, accessToken: TOKEN, expiresAt: FAR_FUTURE });
    const listed = await listAccountsOnce({ ssoSession: 'lab' }, deps());
    expect(listed).toEqual({ kind: 'sso', accounts: ACCOUNTS.map((a) => expect.objectContaining({ accountId: a.id, accountName: a.name })) });
    const listings = () => portal.calls.filter((c) => c.startsWith('/assignment/accounts')).length;
    const before = listings();
    const parts = [];
    for (let w = 1; w <= 2; w++) {
      const part = await resolveTargets({ ssoSession: 'lab', shard: { index: w, count: 2 }, listed }, deps());
      part.dispose?.();
      parts.push(part);
    }
    expect(listings()).toBe(before);
    expect(parts.flatMap((p) => p.targets.map((t) => t.target.accountId)).sort()).toEqual(ACCOUNTS.map((a) => a.id));
    expect(parts[0].listing).toMatchObject({ index: 1, count: 2, accounts: 3, digest: parts[1].listing?.digest });
  });

  it('uses the first role listed when no --sso-role is given', async () => {
    home.writeToken('lab', { startUrl: START_URL, region: REGION, accessToken: TOKEN, expiresAt: FAR_FUTURE });
    const resolution = await resolveTargets({ ssoSession: 'lab' }, deps());
    resolution.dispose?.();
    expect(resolution.targets.map((t) => t.target.source)).toEqual(['sso:lab/AdministratorAccess', 'sso:lab/ReadOnly', 'sso:lab/Billing']);
    expect(resolution.errors).toEqual([]);
  });

  it('audits each account with its own role credentials, tagging resources with the right account', async () => {
    home.writeToken('lab', { startUrl: START_URL, region: REGION, accessToken: TOKEN, expiresAt: FAR_FUTURE });
    fakeEc2Addresses(REGION, sts, { '111111111111': ['eipalloc-mgmt'], '222222222222': ['eipalloc-alice1', 'eipalloc-alice2'] });
    const d = deps();
    const resolution = await resolveTargets({ ssoSession: 'lab', ssoRoles: ['ReadOnly'] }, d);
    const inventory = await collectInventory({
      targets: resolution.targets,
      regions: [REGION],
      types: [ec2ElasticIp],
      concurrency: 2,
      accountConcurrency: 2,
      stats: d.stats,
      limiter: d.limiter,
      maxAttempts: 1,
      version: 'test',
      priorErrors: resolution.errors,
    });
    resolution.dispose?.();
    expect(inventory.resources.map((r) => [r.accountId, r.id])).toEqual([
      ['111111111111', 'eipalloc-mgmt'],
      ['222222222222', 'eipalloc-alice1'],
      ['222222222222', 'eipalloc-alice2'],
    ]);
    expect(inventory.targets.map((t) => t.name)).toEqual(['management', 'lab-alice']);
    expect(inventory.errors.map((e) => e.accountId)).toEqual(['333333333333']);
  });

  it('accepts the legacy token file keyed by the start URL', async () => {
    home.writeToken(START_URL, { startUrl: START_URL, region: REGION, accessToken: TOKEN, expiresAt: FAR_FUTURE });
    const resolution = await resolveTargets({ ssoSession: 'lab', accounts: ['222222222222'] }, deps());
    resolution.dispose?.();
    expect(resolution.targets.map((t) => t.target.accountId)).toEqual(['222222222222']);
  });

  it('an expired token is a credentials error (exit 4) whose hint is exactly the login command, before any call', async () => {
    home.writeToken('lab', { startUrl: START_URL, region: REGION, accessToken: TOKEN, expiresAt: '2020-01-01T00:00:00Z' });
    const error = await resolveTargets({ ssoSession: 'lab' }, deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).exitCode).toBe(EXIT.credentials);
    expect((error as CredentialsError).hint).toBe('aws sso login --sso-session lab');
    expect((error as CredentialsError).message).toContain('expired at 2020-01-01T00:00:00.000Z');
    expect(portal.calls).toEqual([]);
  });

  it('a missing token is a credentials error with the same hint', async () => {
    const error = await resolveTargets({ ssoSession: 'lab' }, deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).hint).toBe('aws sso login --sso-session lab');
  });

  it('a token the portal refuses is a credentials error with the login command', async () => {
    home.writeToken('lab', { startUrl: START_URL, region: REGION, accessToken: 'revoked', expiresAt: FAR_FUTURE });
    const error = await resolveTargets({ ssoSession: 'lab' }, deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).hint).toBe('aws sso login --sso-session lab');
  });

  it('refreshes a token about to expire with its refresh token and writes it back to the cache', async () => {
    const file = home.writeToken('lab', {
      startUrl: START_URL,
      region: REGION,
      accessToken: 'old-token',
      expiresAt: new Date(Date.now() + 60_000 * 2).toISOString(),
      refreshToken: 'refresh-1',
      clientId: 'client-1',
      clientSecret: 'secret-1',
      registrationExpiresAt: FAR_FUTURE,
    });
    const oidc = nock(`https://oidc.${REGION}.amazonaws.com`)
      .post('/token', (body: Record<string, string>) => body.grantType === 'refresh_token' && body.refreshToken === 'refresh-1')
      .reply(200, { accessToken: TOKEN, expiresIn: 3600, refreshToken: 'refresh-2', tokenType: 'Bearer' });
    const resolution = await resolveTargets({ ssoSession: 'lab', accounts: ['111111111111'] }, deps());
    resolution.dispose?.();
    expect(oidc.isDone()).toBe(true);
    expect(resolution.targets).toHaveLength(1);
    const rewritten = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(rewritten).toMatchObject({ accessToken: TOKEN, refreshToken: 'refresh-2', clientId: 'client-1' });
  });

  it('names a missing [sso-session] section as a usage error', async () => {
    const error = await resolveTargets({ ssoSession: 'nope' }, deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain('[sso-session nope]');
  });

  it('reports an --account the session cannot reach', async () => {
    home.writeToken('lab', { startUrl: START_URL, region: REGION, accessToken: TOKEN, expiresAt: FAR_FUTURE });
    const resolution = await resolveTargets({ ssoSession: 'lab', accounts: ['222222222222', '999999999999'] }, deps());
    resolution.dispose?.();
    expect(resolution.targets.map((t) => t.target.accountId)).toEqual(['222222222222']);
    expect(resolution.errors.map((e) => [e.accountId, e.code])).toEqual([['999999999999', 'NotAssigned']]);
  });
});

describe('pickSsoRole', () => {
  it('takes the first wanted role in the order given, not in the order listed', () => {
    expect(pickSsoRole(['A', 'B', 'C'], ['C', 'B'])).toBe('C');
    expect(pickSsoRole(['A', 'B'], ['X', 'B'])).toBe('B');
    expect(pickSsoRole(['A'], ['X'])).toBeUndefined();
    expect(pickSsoRole(['A', 'B'], undefined)).toBe('A');
    expect(pickSsoRole([], undefined)).toBeUndefined();
  });
});
