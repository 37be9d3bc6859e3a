// The local pack against a temporary home directory with real files and real modes.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate.js';
import type { Inventory } from '../../../src/core/model.js';
import { loadPackFile } from '../../../src/core/policy/load.js';
import { collectLocal, type CallerIdentityCheck, type CollectLocalOptions } from '../../../src/local/collect-local.js';
import { expandSshPath } from '../../../src/local/ssh-config.js';

const pack = loadPackFile('policies/local.yml');
const PRIVATE = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n';
const RSA = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----\n';
const ROOT_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const DEV_SECRET = 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY';

let home: string;

function file(rel: string, text: string, mode: number) {
  const path = join(home, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

async function audit(options: Partial<CollectLocalOptions> = {}) {
  const local = await collectLocal({ home, platform: 'linux', user: 'me', ...options });
  const inventory: Inventory = {
    tool: 'costguard',
    kind: 'inventory',
    schemaVersion: 1,
    version: 'test',
    generatedAt: new Date().toISOString(),
    targets: [],
    collectedTypes: local.collectedTypes,
    resources: local.resources,
    errors: local.errors,
  };
  return { local, result: evaluate({ inventory, packs: [pack], packsSelected: ['local'] }) };
}

const found = (result: ReturnType<typeof evaluate>) => result.findings.map((f) => `${f.ruleId} ${f.resourceId} ${f.severity}`).sort();

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'costguard-home-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('local pack: key files', () => {
  it('flags private keys group or others can read: *.pem, default identities and IdentityFile entries; not certificates or 0400/0600 keys', async () => {
    file('.ssh/id_rsa', RSA, 0o644);
    file('.ssh/id_ed25519', PRIVATE, 0o600);
    file('.ssh/lab.pem', RSA, 0o640);
    file('.ssh/aws/old.pem', RSA, 0o400);
    file('.ssh/ca-cert.pem', CERT, 0o644);
    file('keys/work key', PRIVATE, 0o604);
    file('.ssh/included_key', PRIVATE, 0o660);
    file('.ssh/config', 'Host work\n  IdentityFile "~/keys/work key"\nHost *\n  IdentityFile ~/.ssh/%h_key\n  IdentityFile none\nInclude config.d/*\n', 0o644);
    file('.ssh/config.d/extra', 'Host x\n  IdentityFile=included_key\n', 0o644);
    const { result, local } = await audit();
    expect(found(result)).toEqual([
      'local-key-file-permissions ~/.ssh/id_rsa high',
      'local-key-file-permissions ~/.ssh/included_key high',
      'local-key-file-permissions ~/.ssh/lab.pem high',
      'local-key-file-permissions ~/keys/work key high',
    ]);
    const byId = new Map(result.findings.map((f) => [f.resourceId, f]));
    expect(byId.get('~/.ssh/id_rsa')).toMatchObject({ message: 'Private key ~/.ssh/id_rsa has mode 0644: group and others can read it.', remediation: `chmod 400 ${join(home, '.ssh/id_rsa')}` });
    expect(byId.get('~/.ssh/lab.pem')?.message).toBe('Private key ~/.ssh/lab.pem has mode 0640: group can read it.');
    expect(byId.get('~/keys/work key')?.remediation).toBe(`chmod 400 '${join(home, 'keys/work key')}'`);
    const cert = local.resources.find((r) => r.id === '~/.ssh/ca-cert.pem');
    expect(cert?.props).toMatchObject({ privateKey: false, source: 'pem', mode: '0644' });
    expect(local.resources.find((r) => r.id === '~/.ssh/included_key')?.props.source).toBe('ssh-config');
  });

  it('finds nothing in a home without ~/.ssh or ~/.aws', async () => {
    const { result, local } = await audit();
    expect(result.findings).toEqual([]);
    expect(local.errors).toEqual([]);
    // No identity check ran (none was given): the rules that need one say so.
    expect(result.notEvaluated.map((n) => n.ruleId)).toEqual(['local-profile-keys-rejected', 'local-root-access-key']);
  });

  it('does not judge modes where they mean nothing (Windows)', async () => {
    file('.ssh/id_rsa', RSA, 0o644);
    const { result, local } = await audit({ platform: 'win32' });
    expect(result.findings).toEqual([]);
    expect(local.resources[0].props).toMatchObject({ modeKnown: false, accessibleByOthers: false });
  });
});

describe('local pack: AWS credentials', () => {
  const credentials = `[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${ROOT_SECRET}\n\n[dev]\naws_access_key_id=AKIAI44QH8DHBEXAMPLE\naws_secret_access_key=${DEV_SECRET}\n\n[temp]\naws_access_key_id = ASIAEXAMPLETEMPORARY\naws_secret_access_key = x\naws_session_token = IQoJb3JpZ2luX2VjEXAMPLESESSION\n`;
  const config = '[default]\nregion = us-east-1\n\n[profile dev]\nsso_session = corp\nsso_account_id = 222222222222\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n';

  it('flags a credentials file others can read, and passes a 0600 one', async () => {
    file('.aws/credentials', credentials, 0o644);
    expect(found((await audit()).result).filter((f) => f.startsWith('local-credentials'))).toEqual(['local-credentials-file-permissions ~/.aws/credentials high']);
    chmodSync(join(home, '.aws/credentials'), 0o600);
    expect(found((await audit()).result).filter((f) => f.startsWith('local-credentials'))).toEqual([]);
  });

  it('flags long-term keys where SSO is configured (high for the profile that itself uses SSO), not temporary ones', async () => {
    file('.aws/credentials', credentials, 0o600);
    file('.aws/config', config, 0o600);
    const { result } = await audit();
    expect(found(result)).toEqual(['local-long-term-keys ~/.aws/credentials#default medium', 'local-long-term-keys ~/.aws/credentials#dev high']);
    expect(result.findings.find((f) => f.resourceId.endsWith('#dev'))?.message).toBe(
      'Profile dev in ~/.aws/credentials holds long-term access key AKIAI44QH8DHBEXAMPLE although IAM Identity Center is configured on this machine.',
    );
  });

  it('does not flag long-term keys on a machine without SSO', async () => {
    file('.aws/credentials', credentials, 0o600);
    expect(found((await audit()).result)).toEqual([]);
  });

  it('flags root keys found through GetCallerIdentity (critical), never printing a secret', async () => {
    file('.aws/credentials', credentials, 0o600);
    const seen: string[] = [];
    const callerIdentity: CallerIdentityCheck = async (profile, creds) => {
      seen.push(`${profile}:${(await creds()).accessKeyId}`);
      return profile === 'default' ? { account: '111111111111', arn: 'arn:aws:iam::111111111111:root' } : { account: '111111111111', arn: `arn:aws:iam::111111111111:user/${profile}` };
    };
    const { result, local } = await audit({ callerIdentity });
    expect(seen.sort()).toEqual(['default:AKIAIOSFODNN7EXAMPLE', 'dev:AKIAI44QH8DHBEXAMPLE', 'temp:ASIAEXAMPLETEMPORARY']);
    expect(found(result)).toEqual(['local-root-access-key ~/.aws/credentials#default critical']);
    expect(result.findings[0].message).toBe('Profile default in ~/.aws/credentials holds access key AKIAIOSFODNN7EXAMPLE of the root user of account 111111111111.');
    const everything = JSON.stringify({ result, local });
    for (const secret of [ROOT_SECRET, DEV_SECRET, 'IQoJb3JpZ2luX2VjEXAMPLESESSION']) expect(everything).not.toContain(secret);
  });

  it('reports local-root-access-key as not evaluated when an identity check fails or none was made', async () => {
    file('.aws/credentials', credentials, 0o600);
    const failing: CallerIdentityCheck = async (profile) => {
      if (profile === 'dev') throw Object.assign(new Error('connect ETIMEDOUT 52.94.0.1:443'), { name: 'TimeoutError' });
      return { account: '1', arn: 'arn:aws:iam::111111111111:user/x' };
    };
    const { result, local } = await audit({ callerIdentity: failing });
    expect(local.errors).toEqual([
      {
        accountId: 'local',
        region: 'local',
        operation: 'sts:GetCallerIdentity',
        code: 'TimeoutError',
        message: 'profile dev in ~/.aws/credentials: connect ETIMEDOUT 52.94.0.1:443',
        resourceTypes: ['local:profile-identity'],
      },
    ]);
    expect(result.notEvaluated.map((n) => n.ruleId)).toEqual(['local-profile-keys-rejected', 'local-root-access-key']);
    expect((await audit()).result.notEvaluated[1]).toMatchObject({ ruleId: 'local-root-access-key', reason: 'not collected: local:profile-identity' });
  });

  it('treats keys STS refuses as a fact (local-profile-keys-rejected), not as missing data', async () => {
    file('.aws/credentials', credentials, 0o600);
    const rejecting: CallerIdentityCheck = async (profile) => {
      if (profile === 'dev') throw Object.assign(new Error('The security token included in the request is invalid.'), { name: 'InvalidClientTokenId' });
      return { account: '111111111111', arn: `arn:aws:iam::111111111111:user/${profile}` };
    };
    const { result, local } = await audit({ callerIdentity: rejecting });
    expect(local.errors).toEqual([]);
    expect(found(result)).toEqual(['local-profile-keys-rejected ~/.aws/credentials#dev low']);
    expect(result.findings[0].message).toBe('Profile dev in ~/.aws/credentials holds access key AKIAI44QH8DHBEXAMPLE, which AWS rejects (InvalidClientTokenId).');
    expect(result.notEvaluated).toEqual([]);
  });

  it("asks about a profile's own keys even when ~/.aws/config gives the same profile a role, and reports keys it cannot ask about alone", async () => {
    file('.aws/credentials', credentials, 0o600);
    file('.aws/config', `[profile dev]\nrole_arn = arn:aws:iam::222222222222:role/Admin\nsource_profile = default\n[profile ci]\naws_access_key_id = AKIACONFIGEXAMPLE1\naws_secret_access_key = ${DEV_SECRET}\nrole_arn = arn:aws:iam::222222222222:role/Deploy\n`, 0o600);
    const seen: string[] = [];
    const callerIdentity: CallerIdentityCheck = async (profile, creds) => {
      seen.push(`${profile}:${(await creds()).accessKeyId}`);
      return { account: '111111111111', arn: `arn:aws:iam::111111111111:user/${profile}` };
    };
    const { result, local } = await audit({ callerIdentity });
    // dev's keys are asked about as they are, not swapped for the role its config section names.
    expect(seen.sort()).toEqual(['default:AKIAIOSFODNN7EXAMPLE', 'dev:AKIAI44QH8DHBEXAMPLE', 'temp:ASIAEXAMPLETEMPORARY']);
    expect(local.errors).toEqual([expect.objectContaining({ operation: 'sts:GetCallerIdentity', code: 'NotChecked', resourceTypes: ['local:profile-identity'] })]);
    expect(local.errors[0].message).toMatch(/^profile ci in ~\/\.aws\/config: /);
    expect(result.notEvaluated.map((n) => n.ruleId)).toEqual(['local-profile-keys-rejected', 'local-root-access-key']);
  });

  it('also reads access keys kept in ~/.aws/config, and flags that file when others can read it', async () => {
    file('.aws/config', `[profile ci]\naws_access_key_id = AKIACONFIGEXAMPLE1\naws_secret_access_key = ${DEV_SECRET}\n[sso-session corp]\nsso_start_url = https://x\n`, 0o644);
    const { result } = await audit();
    expect(found(result)).toEqual(['local-credentials-file-permissions ~/.aws/config high', 'local-long-term-keys ~/.aws/config#ci medium']);
  });
});

describe('local parsers', () => {
  it('expandSshPath expands ~, %d and %u and skips connection tokens', () => {
    expect(expandSshPath('~/.ssh/id', '/h', 'me')).toBe('/h/.ssh/id');
    expect(expandSshPath('%d/k_%u', '/h', 'me')).toBe('/h/k_me');
    expect(expandSshPath('id_%h', '/h', 'me')).toBeUndefined();
    expect(expandSshPath('relative', '/h', 'me')).toBe('/h/.ssh/relative');
  });
});

describe('wiring the local pack into an audit', () => {
  it('needsLocal sees local:* types; mergeLocal adds resources, errors, collected types and calls', async () => {
    const { needsLocal, mergeLocal } = await import('../../../src/local/collect-local.js');
    expect(needsLocal(['ec2:volume', 'local:key-file'])).toBe(true);
    expect(needsLocal(['ec2:volume'])).toBe(false);
    file('.ssh/id_rsa', RSA, 0o600);
    const local = await collectLocal({ home, platform: 'linux', user: 'me' });
    const base: Inventory = {
      tool: 'costguard',
      kind: 'inventory',
      schemaVersion: 1,
      version: 'test',
      generatedAt: '2026-01-01T00:00:00Z',
      targets: [],
      collectedTypes: ['iam:user'],
      resources: [],
      errors: [],
      stats: { apiCalls: 2, retries: 0, throttles: 0, byOperation: [{ service: 'sts', operation: 'GetCallerIdentity', calls: 2, retries: 0, throttles: 0, errors: 0 }], durationMs: 5 },
    };
    const merged = mergeLocal(base, { ...local, stats: { apiCalls: 1, retries: 0, throttles: 0, byOperation: [{ service: 'sts', operation: 'GetCallerIdentity', calls: 1, retries: 0, throttles: 0, errors: 0 }], durationMs: 1 } });
    expect(merged.collectedTypes).toEqual(['iam:user', 'local:credentials-file', 'local:key-file', 'local:profile']);
    expect(merged.resources.map((r) => r.id)).toEqual(['~/.ssh/id_rsa']);
    expect(merged.stats).toMatchObject({ apiCalls: 3, byOperation: [{ calls: 3 }] });
  });

  it('collectLocalForAudit reads --home and can skip the identity checks', async () => {
    const { collectLocalForAudit } = await import('../../../src/local/for-audit.js');
    file('.aws/credentials', '[default]\naws_access_key_id = AKIAEXAMPLE000000001\naws_secret_access_key = s\n', 0o644);
    const local = await collectLocalForAudit({ home, checkIdentities: false });
    expect(local.resources.map((r) => r.type)).toEqual(['local:credentials-file', 'local:profile']);
    expect(local.collectedTypes).not.toContain('local:profile-identity');
    expect(local.stats?.apiCalls).toBe(0);
  });

  it('runAudit collects the local pack for an offline audit only when a home is given, replacing the snapshot\'s own local data', async () => {
    const { runAudit } = await import('../../../src/app/audit.js');
    file('.ssh/lab.pem', '-----BEGIN RSA PRIVATE KEY-----\n', 0o644);
    const lines = (r: Awaited<ReturnType<typeof runAudit>>) => r.report.findings.map((f) => `${f.ruleId} ${f.resourceId}`);
    const withHome = await runAudit({ source: { kind: 'demo' }, packs: ['local'], local: { home, checkIdentities: false } });
    expect(lines(withHome)).toEqual(['local-key-file-permissions ~/.ssh/lab.pem']);
    expect(withHome.report.notEvaluated.map((n) => `${n.ruleId} ${n.accountId}`)).toEqual(['local-profile-keys-rejected local', 'local-root-access-key local']);
    // Without --home (or with --no-local) the demo's own machine is judged: nothing is read from this one.
    for (const local of [undefined, false as const]) {
      const demo = await runAudit({ source: { kind: 'demo' }, packs: ['local'], local });
      expect(lines(demo)).toEqual(['local-key-file-permissions ~/.ssh/lab-key.pem', 'local-long-term-keys ~/.aws/credentials#default']);
    }
  });

  it('refuses a --home that is not a directory, before collecting anything', async () => {
    const { runAudit } = await import('../../../src/app/audit.js');
    await expect(runAudit({ source: { kind: 'demo' }, packs: ['local'], local: { home: join(home, 'no-such-home') } })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('no-such-home: no such directory'),
    });
  });
});
