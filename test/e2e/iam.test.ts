// End to end: the built CLI runs `audit --pack iam` against a moto account seeded with IAM hygiene
// problems (and with things that are fine), and the report must hold exactly the expected findings.
//
// Backdating: moto has no API to age a key or a role, so its server runs with a sitecustomize.py that
// shifts moto's clock (moto.core.utils.utcnow) back by the number of days written in a file; the test
// writes 200 before creating the stale key and the old role, and 0 afterwards.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  UpdateAccountPasswordPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/model.js';
import { awsClients, buildOnce, describeRun, parseStdout, REPO_ROOT, runCli, startMoto, type CliResult, type MotoServer } from './helpers/index.js';

const ACCOUNT = '123456789012';
const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** moto's clock, shifted back by the days written to $COSTGUARD_MOTO_CLOCK_FILE (see the fixture). */
const MOTO_CLOCK = join(REPO_ROOT, 'test/e2e/fixtures/moto-clock');

const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ec2Trust = doc([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);

let moto: MotoServer;
let shim: string;
let clockFile: string;
let run: CliResult;
let report: Report;

async function seed(iam: IAMClient): Promise<void> {
  // 200 days ago: an access key nobody rotated or used, and a role nobody assumed.
  writeFileSync(clockFile, '200');
  await iam.send(new CreateUserCommand({ UserName: 'stale-key-user' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'stale-key-user' }));
  await iam.send(new CreateRoleCommand({ RoleName: 'old-unused-role', AssumeRolePolicyDocument: ec2Trust }));
  writeFileSync(clockFile, '0');

  // Console user without MFA (flagged) and with MFA (fine).
  await iam.send(new CreateUserCommand({ UserName: 'console-no-mfa' }));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'console-no-mfa', Password: 'Lab-passw0rd!' }));
  await iam.send(new CreateUserCommand({ UserName: 'console-mfa' }));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'console-mfa', Password: 'Lab-passw0rd!' }));
  const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'console-mfa' }));
  await iam.send(
    new EnableMFADeviceCommand({ UserName: 'console-mfa', SerialNumber: device.VirtualMFADevice?.SerialNumber, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }),
  );

  // Two fresh active keys: flagged as two keys, not as unused (within the grace period).
  await iam.send(new CreateUserCommand({ UserName: 'two-keys' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'two-keys' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'two-keys' }));

  // Admin through a group.
  await iam.send(new CreateGroupCommand({ GroupName: 'admins' }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'admins', PolicyArn: ADMIN_ARN }));
  await iam.send(new CreateUserCommand({ UserName: 'admin-via-group' }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'admin-via-group' }));

  // A customer policy granting iam:CreatePolicyVersion, attached to a user directly.
  const editor = await iam.send(new CreatePolicyCommand({ PolicyName: 'policy-editor', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: '*' }]) }));
  await iam.send(new CreateUserCommand({ UserName: 'escalator' }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'escalator', PolicyArn: editor.Policy?.Arn }));

  // A role anyone can assume; a well-scoped role running costguard with its shipped audit policy (fine).
  await iam.send(new CreateRoleCommand({ RoleName: 'open-role', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }]) }));
  const audit = await iam.send(new CreatePolicyCommand({ PolicyName: 'costguard-audit', PolicyDocument: readFileSync(join(REPO_ROOT, 'policies/iam/costguard-audit.json'), 'utf8') }));
  await iam.send(
    new CreateRoleCommand({ RoleName: 'costguard-auditor', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }]) }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'costguard-auditor', PolicyArn: audit.Policy?.Arn }));

  // A weak password policy.
  await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, RequireNumbers: true }));
}

beforeAll(async () => {
  await buildOnce();
  shim = mkdtempSync(join(tmpdir(), 'costguard-moto-clock-'));
  clockFile = join(shim, 'days');
  writeFileSync(clockFile, '0');
  moto = await startMoto({ env: { PYTHONPATH: MOTO_CLOCK, COSTGUARD_MOTO_CLOCK_FILE: clockFile } });
  const clients = awsClients(moto.endpoint);
  try {
    await seed(clients.iam);
  } finally {
    clients.destroy();
  }
  run = await runCli(['audit', '--pack', 'iam', '--format', 'json', '--stats'], { AWS_ENDPOINT_URL: moto.endpoint });
  report = parseStdout<Report>(run);
});

afterAll(async () => {
  await moto?.stop();
  if (shim) rmSync(shim, { recursive: true, force: true });
});

describe('audit --pack iam against moto', () => {
  it('exits 0 with no collection errors', () => {
    expect(run.code, describeRun(run)).toBe(0);
    expect(report.errors).toEqual([]);
    expect(report.notEvaluated).toEqual([]);
  });

  it('reports exactly the seeded problems, nothing on the users and roles that are fine', () => {
    const keys = report.findings.map((f) => `${f.ruleId} ${f.resourceType} ${f.resourceId} ${f.severity}`).sort();
    expect(keys).toEqual(
      [
        // moto never reports root MFA (AccountMFAEnabled is always 0) and has no <root_account> row.
        'iam-root-mfa-disabled iam:root-account root critical',
        'iam-user-console-without-mfa iam:user console-no-mfa high',
        'iam-access-key-stale iam:access-key stale-key-user/access-key-1 medium',
        'iam-access-key-unused iam:access-key stale-key-user/access-key-1 medium',
        'iam-user-two-active-keys iam:user two-keys medium',
        'iam-admin-access iam:principal user/admin-via-group high',
        'iam-admin-access iam:principal group/admins high',
        'iam-privilege-escalation iam:principal user/escalator high',
        'iam-user-direct-policies iam:user escalator low',
        'iam-role-trust-any-principal iam:role open-role critical',
        'iam-role-unused iam:role old-unused-role low',
        'iam-password-policy-weak iam:password-policy account-password-policy medium',
      ].sort(),
    );
    for (const f of report.findings) {
      expect(f.accountId).toBe(ACCOUNT);
      expect(f.region).toBe('global');
      expect(f.monthlyCostUsd).toBeNull();
      expect(f.remediation.length).toBeGreaterThan(0);
    }
  });

  it('names the escalation method, the granting policies and the trust problem in the messages', () => {
    const message = (rule: string, id: string) => report.findings.find((f) => f.ruleId === rule && f.resourceId === id)?.message;
    expect(message('iam-privilege-escalation', 'user/escalator')).toBe('IAM user escalator can escalate its privileges: CreatePolicyVersion (iam:CreatePolicyVersion via policy-editor).');
    expect(message('iam-admin-access', 'user/admin-via-group')).toBe(
      'IAM user admin-via-group has full administrator access (Action * on Resource *) through AdministratorAccess (AWS managed) via group admins.',
    );
    expect(message('iam-role-trust-any-principal', 'open-role')).toBe('Role open-role (customer) can be assumed by anyone: Principal "*" (any AWS account).');
    expect(message('iam-password-policy-weak', 'account-password-policy')).toMatch(/now: minimum length 8; symbols no; numbers yes; uppercase no; lowercase no; reuse prevention 0/);
  });

  it('finds nothing wrong with costguard-auditor and its shipped costguard-audit policy', () => {
    expect(report.findings.filter((f) => /costguard/.test(f.resourceId))).toEqual([]);
  });

  it('reads the whole account in a handful of IAM calls', () => {
    const iamOps = (report.summary.byOperation ?? []).filter((o) => o.service === 'iam');
    const calls = Object.fromEntries(iamOps.map((o) => [o.operation, o.calls]));
    expect(calls).toMatchObject({ GetAccountSummary: 1, GetCredentialReport: 1, GetAccountPasswordPolicy: 1, GetAccountAuthorizationDetails: 1 });
    expect(calls.GenerateCredentialReport).toBeLessThanOrEqual(3);
    expect(calls.GetPolicy ?? 0).toBe(0);
    expect(calls.GetPolicyVersion ?? 0).toBe(0);
  });
});

describe('policies iam', () => {
  it.each(['audit', 'nuke'] as const)('--for %s prints the shipped policy', async (kind) => {
    const result = await runCli(['policies', 'iam', '--for', kind]);
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(REPO_ROOT, `policies/iam/costguard-${kind}.json`), 'utf8'));
  });

  it('--json returns the document and defaults to audit', async () => {
    const result = await runCli(['policies', 'iam', '--json']);
    expect(parseStdout(result)).toEqual(JSON.parse(readFileSync(join(REPO_ROOT, 'policies/iam/costguard-audit.json'), 'utf8')));
  });
});
