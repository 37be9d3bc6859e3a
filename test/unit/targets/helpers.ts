// Test scaffolding for target resolution: a temporary HOME with real-format AWS config files,
// an SSO token cache, and nock stand-ins for STS, the SSO portal and EC2 that answer per caller.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import pLimit from 'p-limit';
import { CallStats } from '../../../src/aws/call-stats.js';
import type { TargetDeps } from '../../../src/aws/targets/index.js';

const ENV_KEYS = [
  'HOME',
  'USERPROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ENDPOINT_URL',
];

export interface TempHome {
  dir: string;
  write(relative: string, text: string): string;
  /** ~/.aws/sso/cache/<sha1(id)>.json, as `aws sso login` writes it. */
  writeToken(id: string, token: Record<string, unknown>): string;
  cleanup(): void;
}

/** A fresh HOME holding ~/.aws; AWS_* env cleared so only the files speak. Call cleanup() after. */
export function tempHome(): TempHome {
  const saved = new Map(ENV_KEYS.map((k) => [k, process.env[k]]));
  const dir = mkdtempSync(join(tmpdir(), 'costguard-home-'));
  mkdirSync(join(dir, '.aws', 'sso', 'cache'), { recursive: true });
  for (const k of ENV_KEYS) delete process.env[k];
  process.env.HOME = dir;
  process.env.USERPROFILE = dir;
  return {
    dir,
    write(relative, text) {
      const file = join(dir, relative);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    writeToken(id, token) {
      const file = join(dir, '.aws', 'sso', 'cache', `${sha1(id)}.json`);
      writeFileSync(file, JSON.stringify(token));
      return file;
    },
    cleanup() {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export function deps(): TargetDeps & { stats: CallStats } {
  return { stats: new CallStats(), limiter: pLimit(16), maxAttempts: 1 };
}

export const FAR_FUTURE = '2099-01-01T00:00:00Z';

/** The access key id a SigV4-signed request was made with. */
export function accessKeyOf(request: Request): string {
  const auth = request.headers.get('authorization') ?? '';
  return /Credential=([^/]+)\//.exec(auth)?.[1] ?? 'anonymous';
}

export interface Identity {
  account: string;
  arn: string;
}

/**
 * A stand-in for STS (query protocol): GetCallerIdentity answers for the access key that signed
 * the request; AssumeRole issues a new key acting as the role (or refuses roles listed in `deny`).
 */
export class FakeSts {
  readonly keys = new Map<string, Identity>();
  readonly assumed: string[] = [];
  private counter = 0;

  constructor(readonly deny: Set<string> = new Set()) {}

  key(accessKeyId: string, identity: Identity): this {
    this.keys.set(accessKeyId, identity);
    return this;
  }

  intercept(): nock.Scope {
    // nock 15 calls a one-parameter reply function with the fetch Request.
    return nock(/sts(\.[a-z0-9-]+)?\.amazonaws\.com/)
      .persist()
      .post('/')
      .reply(async (request: Request) => this.answer(accessKeyOf(request), new URLSearchParams(await request.clone().text())));
  }

  private answer(accessKey: string, params: URLSearchParams): [number, string, Record<string, string>] {
    const xml = { 'content-type': 'text/xml' };
    const action = params.get('Action');
    if (action === 'GetCallerIdentity') {
      const who = this.keys.get(accessKey);
      if (!who) return [403, stsError('InvalidClientTokenId', 'The security token included in the request is invalid.'), xml];
      return [200, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
        `<Arn>${who.arn}</Arn><UserId>AIDATEST</UserId><Account>${who.account}</Account></GetCallerIdentityResult>` +
        `<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`, xml];
    }
    if (action === 'AssumeRole') {
      const roleArn = params.get('RoleArn') ?? '';
      const session = params.get('RoleSessionName') ?? 'session';
      this.assumed.push(roleArn);
      if (this.deny.has(roleArn) || !this.keys.has(accessKey)) {
        return [403, stsError('AccessDenied', `User is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`), xml];
      }
      const m = /^arn:([^:]+):iam::(\d{12}):role\/(.+)$/.exec(roleArn);
      if (!m) return [400, stsError('ValidationError', 'bad role arn'), xml];
      const key = `ASIA${m[2]}${String(++this.counter).padStart(4, '0')}`;
      const arn = `arn:${m[1]}:sts::${m[2]}:assumed-role/${m[3].split('/').pop()}/${session}`;
      this.key(key, { account: m[2], arn });
      return [200, `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>` +
        `<Credentials><AccessKeyId>${key}</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token-${key}</SessionToken>` +
        `<Expiration>${FAR_FUTURE}</Expiration></Credentials>` +
        `<AssumedRoleUser><Arn>${arn}</Arn><AssumedRoleId>AROATEST:${session}</AssumedRoleId></AssumedRoleUser>` +
        `</AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`, xml];
    }
    return [400, stsError('InvalidAction', `unexpected ${action}`), xml];
  }
}

function stsError(code: string, message: string): string {
  return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code>` +
    `<Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
}

export interface SsoAccountSpec {
  id: string;
  name: string;
  roles: string[];
}

/**
 * A stand-in for the IAM Identity Center portal (portal.sso.<region>.amazonaws.com): ListAccounts and
 * ListAccountRoles paginated `pageSize` at a time, GetRoleCredentials issuing keys that `sts` knows.
 */
export class FakeSsoPortal {
  readonly calls: string[] = [];

  constructor(
    readonly region: string,
    readonly accessToken: string,
    readonly accounts: SsoAccountSpec[],
    readonly sts: FakeSts,
    readonly pageSize = 2,
  ) {}

  intercept(): nock.Scope {
    return nock(`https://portal.sso.${this.region}.amazonaws.com`)
      .persist()
      .get(() => true)
      .reply((request: Request) => this.answer(new URL(request.url), request.headers.get('x-amz-sso_bearer_token') ?? ''));
  }

  private page<T>(items: T[], token: string | null): { items: T[]; nextToken?: string } {
    const start = token ? Number(token.replace('page-', '')) : 0;
    const slice = items.slice(start, start + this.pageSize);
    const next = start + this.pageSize < items.length ? `page-${start + this.pageSize}` : undefined;
    return { items: slice, ...(next ? { nextToken: next } : {}) };
  }

  private answer(url: URL, bearer: string): [number, unknown, Record<string, string>] {
    const json = { 'content-type': 'application/json' };
    this.calls.push(`${url.pathname}?${url.searchParams.toString()}`);
    if (bearer !== this.accessToken) {
      return [401, { message: 'Session token not found or invalid' }, { ...json, 'x-amzn-errortype': 'UnauthorizedException' }];
    }
    const q = url.searchParams;
    if (url.pathname === '/assignment/accounts') {
      const p = this.page(this.accounts, q.get('next_token'));
      return [200, { accountList: p.items.map((a) => ({ accountId: a.id, accountName: a.name, emailAddress: `${a.name}@example.com` })), nextToken: p.nextToken }, json];
    }
    const account = this.accounts.find((a) => a.id === q.get('account_id'));
    if (!account) return [403, { message: 'No access' }, { ...json, 'x-amzn-errortype': 'ForbiddenException' }];
    if (url.pathname === '/assignment/roles') {
      const p = this.page(account.roles, q.get('next_token'));
      return [200, { roleList: p.items.map((roleName) => ({ roleName, accountId: account.id })), nextToken: p.nextToken }, json];
    }
    if (url.pathname === '/federation/credentials') {
      const role = q.get('role_name') ?? '';
      if (!account.roles.includes(role)) return [403, { message: 'No access' }, { ...json, 'x-amzn-errortype': 'ForbiddenException' }];
      const key = `ASIASSO${account.id}`;
      this.sts.key(key, { account: account.id, arn: `arn:aws:sts::${account.id}:assumed-role/AWSReservedSSO_${role}_0123456789abcdef/learner` });
      return [200, { roleCredentials: { accessKeyId: key, secretAccessKey: 'secret', sessionToken: `token-${key}`, expiration: Date.parse(FAR_FUTURE) } }, json];
    }
    return [404, { message: `unexpected ${url.pathname}` }, json];
  }
}

/** EC2 DescribeAddresses answering, per signing key, the addresses of that key's account. */
export function fakeEc2Addresses(region: string, sts: FakeSts, addressesByAccount: Record<string, string[]>): nock.Scope {
  return nock(`https://ec2.${region}.amazonaws.com`)
    .persist()
    .post('/')
    .reply(async (request: Request) => {
      const params = new URLSearchParams(await request.clone().text());
      const who = sts.keys.get(accessKeyOf(request));
      if (params.get('Action') !== 'DescribeAddresses' || !who) return [400, '<Response><Errors><Error><Code>Unexpected</Code><Message>no</Message></Error></Errors></Response>'];
      const items = (addressesByAccount[who.account] ?? [])
        .map((id) => `<item><publicIp>203.0.113.${id.length}</publicIp><allocationId>${id}</allocationId><domain>vpc</domain></item>`)
        .join('');
      return [200, `<DescribeAddressesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><addressesSet>${items}</addressesSet></DescribeAddressesResponse>`, { 'content-type': 'text/xml' }];
    });
}

export interface OrgNodeSpec {
  id: string;
  name: string;
  accounts: Array<{ id: string; name: string; state?: string }>;
  children?: OrgNodeSpec[];
}

/**
 * A stand-in for AWS Organizations (JSON protocol) serving one tree: ListRoots, ListOrganizationalUnitsForParent,
 * ListAccountsForParent (paginated `pageSize` at a time), ListParents, DescribeOrganizationalUnit.
 * `refuse` answers every call with that error code (a caller that is not the management account).
 */
export class FakeOrganizations {
  readonly calls: Array<{ op: string; input: Record<string, unknown> }> = [];
  refuse?: string;

  constructor(readonly root: OrgNodeSpec, readonly pageSize = 1) {}

  private find(id: string, node: OrgNodeSpec = this.root, parent?: OrgNodeSpec): { node: OrgNodeSpec; parent?: OrgNodeSpec } | undefined {
    if (node.id === id) return { node, parent };
    for (const c of node.children ?? []) {
      const hit = this.find(id, c, node);
      if (hit) return hit;
    }
    return undefined;
  }

  count(op: string): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  intercept(): nock.Scope {
    return nock('https://organizations.us-east-1.amazonaws.com')
      .persist()
      .post('/')
      .reply(async (request: Request) => {
        const op = (request.headers.get('x-amz-target') ?? '').split('.').pop() ?? '';
        const input = JSON.parse((await request.clone().text()) || '{}') as Record<string, string | undefined>;
        this.calls.push({ op, input });
        return this.answer(op, input);
      });
  }

  private page<T>(items: T[], token: string | undefined): { items: T[]; NextToken?: string } {
    const start = token ? Number(token) : 0;
    const next = start + this.pageSize < items.length ? String(start + this.pageSize) : undefined;
    return { items: items.slice(start, start + this.pageSize), ...(next ? { NextToken: next } : {}) };
  }

  private answer(op: string, input: Record<string, string | undefined>): [number, unknown, Record<string, string>] {
    const json = { 'content-type': 'application/x-amz-json-1.1' };
    const error = (code: string, status = 400) => [status, { __type: code, Message: `${code} (fake)` }, json] as [number, unknown, Record<string, string>];
    if (this.refuse) return error(this.refuse);
    const ou = (n: OrgNodeSpec) => ({ Id: n.id, Name: n.name, Arn: `arn:aws:organizations::111111111111:ou/o-test/${n.id}` });
    switch (op) {
      case 'ListRoots':
        return [200, { Roots: [{ Id: this.root.id, Name: this.root.name, Arn: 'arn:aws:organizations::111111111111:root/o-test/r-test' }] }, json];
      case 'ListOrganizationalUnitsForParent': {
        const hit = this.find(input.ParentId ?? '');
        if (!hit) return error('ParentNotFoundException');
        const p = this.page((hit.node.children ?? []).map(ou), input.NextToken);
        return [200, { OrganizationalUnits: p.items, NextToken: p.NextToken }, json];
      }
      case 'ListAccountsForParent': {
        const hit = this.find(input.ParentId ?? '');
        if (!hit) return error('ParentNotFoundException');
        const accounts = hit.node.accounts.map((a) => ({ Id: a.id, Name: a.name, Email: `${a.name}@example.com`, Status: a.state ?? 'ACTIVE', State: a.state ?? 'ACTIVE' }));
        const p = this.page(accounts, input.NextToken);
        return [200, { Accounts: p.items, NextToken: p.NextToken }, json];
      }
      case 'DescribeOrganizationalUnit': {
        const hit = this.find(input.OrganizationalUnitId ?? '');
        return hit ? [200, { OrganizationalUnit: ou(hit.node) }, json] : error('OrganizationalUnitNotFoundException');
      }
      case 'ListParents': {
        const hit = this.find(input.ChildId ?? '');
        if (!hit?.parent) return error('ChildNotFoundException');
        return [200, { Parents: [{ Id: hit.parent.id, Type: hit.parent === this.root ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }] }, json];
      }
      default:
        return error('InvalidInputException');
    }
  }
}
