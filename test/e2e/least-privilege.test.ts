// costguard's own least privilege: every AWS operation the CLI makes must be allowed by the policy it
// ships (policies/iam/costguard-audit.json for read commands, costguard-nuke.json for nuke), and the
// iam pack must find nothing wrong with those policies.
//
// The CLI appends each "service:Operation" it calls to $COSTGUARD_RECORD_CALLS (src/aws/call-stats.ts).
// This file records its own runs (audit with every default pack, inventory, cost, accounts, a nuke dry
// run) on the lab; when the whole e2e suite runs with COSTGUARD_RECORD_CALLS set (e.g. from a global
// setup), the operations every other e2e test made are checked too.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionForOperation, NOT_IAM_AUTHORISED } from '../../src/core/iam/costguard-policy.js';
import { EffectivePermissions } from '../../src/core/iam/effective-permissions.js';
import { normalisePolicyDocument } from '../../src/core/iam/policy-document.js';
import type { Report } from '../../src/core/model.js';
import { awsClients, buildOnce, describeRun, parseStdout, REPO_ROOT, runCli, startMoto, type MotoServer } from './helpers/index.js';
import { regionFlags, seedCostlyLab, type CostlyLab } from './helpers/lab.js';

const ACCOUNT = '123456789012';

function policyText(kind: 'audit' | 'nuke'): string {
  return readFileSync(join(REPO_ROOT, `policies/iam/costguard-${kind}.json`), 'utf8');
}

function permissions(kind: 'audit' | 'nuke'): EffectivePermissions {
  return new EffectivePermissions([{ name: `costguard-${kind}`, kind: 'managed', document: normalisePolicyDocument(policyText(kind)) }]);
}

function policyActions(kind: 'audit' | 'nuke'): string[] {
  return normalisePolicyDocument(policyText(kind)).statements.flatMap((s) => s.actions ?? []);
}

function recorded(file: string | undefined): string[] {
  if (!file || !existsSync(file)) return [];
  return [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean))].sort();
}

/** ": Error: ..." from a run's stderr, or "". */
function errorLine(stderr: string): string {
  const line = stderr.split('\n').find((l) => /^Error\b/.test(l.trim()));
  return line ? `: ${line.trim()}` : '';
}

const needsPermission = (op: string) => !NOT_IAM_AUTHORISED.includes(op);

let moto: MotoServer;
let lab: CostlyLab;
let dir: string;
let readCalls: string[];
let nukeCalls: string[];
const runs: string[] = [];

beforeAll(async () => {
  await buildOnce();
  dir = mkdtempSync(join(tmpdir(), 'costguard-e2e-calls-'));
  moto = await startMoto();
  lab = await seedCostlyLab(moto.endpoint);
  const readFile = join(dir, 'read-calls.txt');
  const nukeFile = join(dir, 'nuke-calls.txt');
  const regions = regionFlags(lab.regions);
  const env = (file: string) => ({ AWS_ENDPOINT_URL: moto.endpoint, COSTGUARD_RECORD_CALLS: file });
  for (const args of [
    ['audit', ...regions, '--format', 'json'],
    ['inventory', ...regions],
    ['cost', '--no-cache', '--allow-partial'],
    ['accounts'],
  ]) {
    const result = await runCli(args, env(readFile));
    runs.push(`costguard ${args.join(' ')} → exit ${result.code}${errorLine(result.stderr)}`);
  }
  const nuke = await runCli(['nuke', '--config', 'lab-cleanup', ...regions], env(nukeFile));
  runs.push(`costguard nuke --config lab-cleanup (dry run) → exit ${nuke.code}${errorLine(nuke.stderr)}`);
  readCalls = recorded(readFile);
  nukeCalls = recorded(nukeFile);
});

afterAll(async () => {
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("costguard's own least privilege", () => {
  it('records the operations of real runs', () => {
    console.info(runs.join('\n'));
    expect(readCalls, runs.join('\n')).toContain('sts:GetCallerIdentity');
    expect(readCalls).toContain('iam:GetAccountAuthorizationDetails');
    expect(readCalls.some((op) => op.startsWith('ec2:Describe'))).toBe(true);
  });

  it('makes no call costguard-audit.json does not allow (audit, inventory, cost, accounts)', () => {
    const audit = permissions('audit');
    const denied = readCalls.filter(needsPermission).filter((op) => !audit.decide(actionForOperation(op), 'any').allowed);
    expect(denied, `operations not in policies/iam/costguard-audit.json (add them to the resource type's permissions.list or to BASE_AUDIT_ACTIONS, then regenerate):\n${runs.join('\n')}`).toEqual([]);
  });

  it('makes no call costguard-nuke.json does not allow (nuke, and every e2e run recorded suite-wide)', () => {
    const nuke = permissions('nuke');
    const suite = recorded(process.env.COSTGUARD_RECORD_CALLS);
    const denied = [...new Set([...nukeCalls, ...suite])].filter(needsPermission).filter((op) => !nuke.decide(actionForOperation(op), 'any').allowed);
    expect(denied, `operations not in policies/iam/costguard-nuke.json:\n${runs.join('\n')}`).toEqual([]);
  });

  it('lists the policy actions nothing called in these runs', () => {
    const called = new Set([...readCalls, ...nukeCalls, ...recorded(process.env.COSTGUARD_RECORD_CALLS)].map((op) => actionForOperation(op).toLowerCase()));
    const unused = policyActions('nuke').filter((a) => !called.has(a.toLowerCase()));
    // Expected here: --org calls, IAM fallbacks (GetPolicy*), emulator gaps, and deletes of a dry run.
    console.info(`policy actions no e2e run called (${unused.length}):\n  ${unused.join('\n  ')}`);
    expect(Array.isArray(unused)).toBe(true);
  });

  it('the iam pack finds nothing wrong with the shipped policies attached to a role', async () => {
    const clients = awsClients(moto.endpoint);
    try {
      await clients.iam.send(
        new CreateRoleCommand({
          RoleName: 'costguard-runner',
          AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }),
        }),
      );
      for (const kind of ['audit', 'nuke'] as const) {
        const policy = await clients.iam.send(new CreatePolicyCommand({ PolicyName: `costguard-${kind}`, PolicyDocument: policyText(kind) }));
        await clients.iam.send(new AttachRolePolicyCommand({ RoleName: 'costguard-runner', PolicyArn: policy.Policy?.Arn }));
      }
    } finally {
      clients.destroy();
    }
    const result = await runCli(['audit', '--pack', 'iam', '--format', 'json'], { AWS_ENDPOINT_URL: moto.endpoint });
    const report = parseStdout<Report>(result);
    expect(report.errors, describeRun(result)).toEqual([]);
    const resources = report.findings.map((f) => `${f.ruleId} ${f.resourceId}`);
    expect(resources.filter((r) => /costguard/.test(r))).toEqual([]);
    // The shipped policies are what the role gets: no admin, no wildcards, no escalation.
    expect(resources.filter((r) => / role\/costguard-runner$/.test(r))).toEqual([]);
  });
});
