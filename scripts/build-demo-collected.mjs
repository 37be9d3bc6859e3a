#!/usr/bin/env node
// Builds demo/demo-collected.json: the parts of the demo that costguard collects itself rather than
// scripts/build-demo.mjs writing them by hand:
// - IAM, collected from a local moto server seeded like a learner's account (console users without
//   MFA, an old unused key, admin through a group, a privilege-escalation policy, a role anyone can
//   assume, a weak password policy, and things that are fine);
// - the local pack, collected from a temporary home directory (a private key others can read, a
//   credentials file with long-term keys next to an SSO session), its paths shown as /home/student.
// scripts/build-demo.mjs merges it into demo/demo-account.json.
//
//   npm run build && node scripts/build-demo-collected.mjs && node scripts/build-demo.mjs
//
// Needs python3 with moto[server]. Old keys and roles are made by shifting moto's clock back (a
// sitecustomize.py on PYTHONPATH, test/e2e/fixtures/moto-clock), as the IAM end-to-end test does.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  IAMClient,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { startMoto } from '../bench/moto-server.js';
import { importTs } from './import-ts.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const ACCOUNT = '123456789012';

/** moto's clock, shifted back by the days written to $COSTGUARD_MOTO_CLOCK_FILE. */
const MOTO_CLOCK = join(ROOT, 'test/e2e/fixtures/moto-clock');

const doc = (statements) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

async function seed(iam, clockFile) {
  // Long ago: a deploy key nobody rotated or used since, and a role from an old tutorial.
  writeFileSync(clockFile, '200');
  await iam.send(new CreateUserCommand({ UserName: 'ci-deploy' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'ci-deploy' }));
  await iam.send(new CreateRoleCommand({ RoleName: 'tutorial-ec2-role', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]) }));
  writeFileSync(clockFile, '0');

  // A learner who signs in to the console without MFA, and one who uses MFA (fine).
  await iam.send(new CreateUserCommand({ UserName: 'student' }));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'student', Password: 'Lab-passw0rd!' }));
  await iam.send(new CreateUserCommand({ UserName: 'teacher' }));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'teacher', Password: 'Lab-passw0rd!' }));
  const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'teacher' }));
  await iam.send(new EnableMFADeviceCommand({ UserName: 'teacher', SerialNumber: device.VirtualMFADevice?.SerialNumber, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }));

  // Admin rights through a group; the student is in it.
  await iam.send(new CreateGroupCommand({ GroupName: 'admins' }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'admins', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'student' }));

  // A helper user with two active keys and a policy attached directly that lets it rewrite policies.
  await iam.send(new CreateUserCommand({ UserName: 'lab-helper' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'lab-helper' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'lab-helper' }));
  const editor = await iam.send(new CreatePolicyCommand({ PolicyName: 'policy-editor', PolicyDocument: doc([{ Effect: 'Allow', Action: ['iam:CreatePolicyVersion', 's3:*'], Resource: '*' }]) }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'lab-helper', PolicyArn: editor.Policy?.Arn }));

  // A role anyone can assume, and costguard's own read-only role (fine).
  await iam.send(new CreateRoleCommand({ RoleName: 'shared-lab-role', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }]) }));
  const audit = await iam.send(new CreatePolicyCommand({ PolicyName: 'costguard-audit', PolicyDocument: readFileSync(join(ROOT, 'policies/iam/costguard-audit.json'), 'utf8') }));
  await iam.send(new CreateRoleCommand({ RoleName: 'costguard-auditor', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }]) }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'costguard-auditor', PolicyArn: audit.Policy?.Arn }));

  await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, RequireNumbers: true }));
}

/** The local pack on a made-up learner's home; paths rewritten to /home/student. */
async function collectDemoLocal() {
  const { collectLocal } = await importTs('src/local/index.ts');
  const home = mkdtempSync(join(tmpdir(), 'costguard-demo-student-'));
  try {
    const file = (path, text, mode) => {
      mkdirSync(join(home, path, '..'), { recursive: true });
      writeFileSync(join(home, path), text);
      chmodSync(join(home, path), mode);
    };
    file('.ssh/lab-key.pem', '-----BEGIN RSA PRIVATE KEY-----\n(demo)\n-----END RSA PRIVATE KEY-----\n', 0o644);
    file('.ssh/id_ed25519', '-----BEGIN OPENSSH PRIVATE KEY-----\n(demo)\n-----END OPENSSH PRIVATE KEY-----\n', 0o600);
    file('.aws/credentials', '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = (demo)\n', 0o600);
    file('.aws/config', '[default]\nregion = us-east-1\n\n[sso-session school]\nsso_start_url = https://school.awsapps.com/start\nsso_region = us-east-1\n', 0o600);
    const local = await collectLocal({ home, user: 'student', platform: 'linux' });
    const text = JSON.stringify(local.resources).split(home).join('/home/student');
    return { resources: JSON.parse(text), collectedTypes: local.collectedTypes };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const shim = mkdtempSync(join(tmpdir(), 'costguard-demo-clock-'));
const clockFile = join(shim, 'days');
writeFileSync(clockFile, '0');
const moto = await startMoto({ env: { PYTHONPATH: MOTO_CLOCK, COSTGUARD_MOTO_CLOCK_FILE: clockFile } });
try {
  const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  await seed(iam, clockFile);
  iam.destroy();
  const home = mkdtempSync(join(tmpdir(), 'costguard-demo-home-'));
  const out = execFileSync(process.execPath, [join(ROOT, 'bin/run.js'), 'inventory', '--type', 'iam:*', '--region', 'us-east-1'], {
    env: { PATH: process.env.PATH, HOME: home, AWS_ENDPOINT_URL: moto.endpoint, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  rmSync(home, { recursive: true, force: true });
  const inventory = JSON.parse(out.toString('utf8'));
  if (inventory.errors.length > 0) throw new Error(`collection errors: ${JSON.stringify(inventory.errors)}`);
  const local = await collectDemoLocal();
  const collected = {
    collectedAt: inventory.generatedAt,
    collectedTypes: [...inventory.collectedTypes.filter((t) => t.startsWith('iam:')), ...local.collectedTypes].sort(),
    // The account's own IAM resources only (not the AWS-managed policies moto lists), then the machine's.
    resources: [...inventory.resources.filter((r) => r.type.startsWith('iam:') && !(r.arn ?? '').startsWith('arn:aws:iam::aws:')), ...local.resources],
  };
  writeFileSync(join(ROOT, 'demo/demo-collected.json'), `${JSON.stringify(collected, null, 2)}\n`);
  console.log(`demo/demo-collected.json: ${collected.resources.length} resources (${collected.collectedTypes.join(', ')})`);
} finally {
  await moto.stop();
  rmSync(shim, { recursive: true, force: true });
}
