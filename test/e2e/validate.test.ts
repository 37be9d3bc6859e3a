// End to end, no emulator: every name a user writes (types, fields, operators, globs, regexes) is
// checked before any AWS call, and a typo is exit 2 with file:line:column, the path and a did-you-mean.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { buildOnce, describeRun, runCli } from './helpers/index.js';

/** Anything that slipped through to the network would hit a closed port, never AWS. */
const NOWHERE = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };

let dir: string;

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  await buildOnce();
  dir = mkdtempSync(join(tmpdir(), 'costguard-e2e-validate-'));
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const RULE = (resource: string, when: string) => `pack: mine
rules:
  - id: my-rule
    resource: ${resource}
    severity: high
    title: Mine
    when:
      - ${when}
`;

describe.concurrent('typos in names are exit 2 with a located message', () => {
  it('audit --demo --policy with a misspelt resource type', async ({ expect }) => {
    const file = write('bad-type.yml', RULE('ec2:elastik-ip', 'associationId: { absent: true }'));
    const run = await runCli(['audit', '--demo', '--policy', file], NOWHERE);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toContain(`${file}:4:15 at rules[0].resource: unknown resource type "ec2:elastik-ip" (did you mean "ec2:elastic-ip"?)`);
    expect(run.stdout).toBe('');
  });

  it('policies validate with a misspelt field and an invalid glob reports both', async ({ expect }) => {
    const file = write('bad-field.yml', `${RULE('ec2:elastic-ip', 'assocationId: { absent: true }')}      - publicIp: { glob: "[z-a]*" }\n`);
    const run = await runCli(['policies', 'validate', file], NOWHERE);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toContain(`${file}:8:9 at rules[0].when[0].assocationId: unknown field "assocationId" of ec2:elastic-ip (did you mean "associationId"?)`);
    expect(run.stderr).toContain(`${file}:9:27 at rules[0].when[1].publicIp.glob: glob "[z-a]*" is not a valid glob: range out of order in character class`);
  });

  it('audit --rule with an invalid glob', async ({ expect }) => {
    const run = await runCli(['audit', '--demo', '--rule', '[z-a]*'], NOWHERE);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toContain('--rule "[z-a]*" is not a valid glob: range out of order in character class');
  });

  it('--rule ec2-eip-[u]nattached selects the rule a .costguard.yml with the same pattern suppresses', async ({ expect }) => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    const selected = await runCli(['audit', '--demo', '--rule', 'ec2-eip-[u]nattached', '--format', 'json'], NOWHERE, { cwd });
    writeFileSync(join(cwd, '.costguard.yml'), 'suppressions:\n  - rule: ec2-eip-[u]nattached\n    reason: workshop\n');
    const suppressed = await runCli(['audit', '--demo', '--rule', 'ec2-eip-[u]nattached', '--format', 'json'], NOWHERE, { cwd });
    const findings = (run: { stdout: string }) => (JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; suppressed: unknown }> }).findings;
    expect(findings(selected).length, describeRun(selected)).toBeGreaterThan(0);
    expect(findings(selected).every((f) => f.ruleId === 'ec2-eip-unattached')).toBe(true);
    expect(findings(suppressed).length, describeRun(suppressed)).toBe(findings(selected).length);
    expect(findings(suppressed).every((f) => f.suppressed !== null)).toBe(true);
  });

  it('nuke --config with a typo in keep (nmae:) before any AWS call', async ({ expect }) => {
    const file = write('nuke.yml', 'keep:\n  - { nmae: { glob: "lab-*" } }\n');
    const run = await runCli(['nuke', '--config', file], NOWHERE);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toContain(`${file}:2:7 at keep[0].nmae: unknown field "nmae" of any resource type (did you mean "name"?)`);
  });

  it('nuke --include with an invalid glob', async ({ expect }) => {
    const run = await runCli(['nuke', '--include', 'ec2:[z-a]*'], NOWHERE);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toContain('--include: "ec2:[z-a]*" is not a valid glob: range out of order in character class');
  });
});
