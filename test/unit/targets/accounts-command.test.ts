import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Accounts, { type AccountsResult } from '../../../commands/accounts.js';
import { FakeSsoPortal, FakeSts, FAR_FUTURE, tempHome, type TempHome } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const REGION = 'us-west-2';
const CONFIG = `[sso-session lab]\nsso_start_url = https://lab.awsapps.com/start\nsso_region = ${REGION}\n`;

interface Captured {
  stdout: string;
  stderr: string;
  exitCode: number | undefined;
  result: unknown;
}

async function runAccounts(argv: string[]): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  // oclif prints --json documents and its own errors through console.log / console.error.
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    stdout += `${args.map(String).join(' ')}\n`;
  });
  const logErr = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    stderr += `${args.map(String).join(' ')}\n`;
  });
  process.exitCode = undefined;
  try {
    const result = await Accounts.run(argv, ROOT);
    return { stdout, stderr, exitCode: Number(process.exitCode ?? 0), result };
  } finally {
    out.mockRestore();
    err.mockRestore();
    log.mockRestore();
    logErr.mockRestore();
    process.exitCode = undefined;
  }
}

describe('costguard accounts', () => {
  let home: TempHome;
  let sts: FakeSts;

  beforeEach(() => {
    home = tempHome();
    home.write('.aws/config', CONFIG);
    sts = new FakeSts();
    sts.intercept();
    new FakeSsoPortal(REGION, 'tok', [
      { id: '111111111111', name: 'management', roles: ['ReadOnly'] },
      { id: '222222222222', name: 'lab-alice', roles: ['ReadOnly', 'Admin'] },
      { id: '333333333333', name: 'lab-bob', roles: ['Billing'] },
    ], sts).intercept();
  });

  afterEach(() => home.cleanup());

  it('an expired SSO token exits 4 with the login command and no stack trace', async () => {
    home.writeToken('lab', { accessToken: 'tok', expiresAt: '2021-06-01T00:00:00Z' });
    const run = await runAccounts(['--sso-session', 'lab']);
    expect(run.exitCode).toBe(4);
    expect(run.stderr).toContain('aws sso login --sso-session lab');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('--json returns every account with how it was reached and whether it works; exit 3 when one is unreachable', async () => {
    home.writeToken('lab', { accessToken: 'tok', expiresAt: FAR_FUTURE });
    const run = await runAccounts(['--sso-session', 'lab', '--sso-role', 'ReadOnly', '--json']);
    expect(run.exitCode).toBe(3);
    // oclif prints the returned value as the JSON document, and nothing else goes to stdout.
    const printed = JSON.parse(run.stdout) as AccountsResult;
    expect(printed).toEqual(run.result);
    expect(printed.accounts.map((a) => [a.accountId, a.name, a.source, a.credentialsOk])).toEqual([
      ['111111111111', 'management', 'sso:lab/ReadOnly', true],
      ['222222222222', 'lab-alice', 'sso:lab/ReadOnly', true],
      ['333333333333', 'lab-bob', 'sso:lab', false],
    ]);
    expect(printed.accounts[2].error?.code).toBe('NoMatchingRole');
    expect(printed.summary).toEqual({ accounts: 3, ok: 2, failed: 1 });
  });

  it('prints a table and exits 0 when every account works', async () => {
    home.writeToken('lab', { accessToken: 'tok', expiresAt: FAR_FUTURE });
    const run = await runAccounts(['--sso-session', 'lab', '--exclude-account', '333333333333']);
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^ACCOUNT\s+NAME \/ ALIAS\s+SOURCE\s+OU PATH\s+CREDENTIALS$/);
    expect(lines[1]).toMatch(/^111111111111\s+management\s+sso:lab\/ReadOnly\s+-\s+ok$/);
    expect(run.stdout).toContain('2 account(s): 2 ok, 0 not reachable.');
  });

  it('a flag combination that cannot mean anything exits 2', async () => {
    const run = await runAccounts(['--sso-role', 'Admin']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--sso-role needs --sso-session');
  });
});
