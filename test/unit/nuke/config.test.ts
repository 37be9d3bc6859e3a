import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError, UsageError, exitCodeFor } from '../../../src/core/errors.js';
import { defaultNukeConfig, loadNukeConfig, parseNukeConfig, resolveNukeConfigPath } from '../../../src/core/nuke/load.js';
import { applyOverrides, parseKeepTag } from '../../../src/core/nuke/overrides.js';
import { buildNukeConfigSchema } from '../../../src/core/nuke/schema.js';
import { packageRoot } from '../../../src/core/package-root.js';
import { isPackFile } from '../../../src/core/policy/load.js';
import { matchesCondition } from '../../../src/core/conditions/match.js';
import { NOW, res } from './helpers.js';

const KNOWN = ['ec2:instance', 'ec2:vpc', 'ec2:subnet', 'iam:role', 's3:bucket', 'lambda:function'];

function problemsOf(text: string) {
  return parseNukeConfig(text, 'nuke.yml', KNOWN).problems;
}

describe('nuke config loader', () => {
  it('reads a full config', () => {
    const { config, problems } = parseNukeConfig(
      [
        'nuke: lab',
        'accounts: { allow: ["111111111111"], block: ["222222222222"], blockTerms: [prod, live] }',
        'regions: [us-east-1, eu-west-1]',
        'types: { include: ["ec2:*"], exclude: [ec2:vpc] }',
        'select:',
        '  - tags.lab: day1',
        'keep:',
        '  - name: { glob: "keep-*" }',
        'keepTag: owner:keep',
        'includeDefaultVpc: true',
      ].join('\n'),
      'nuke.yml',
      KNOWN,
    );
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      name: 'lab',
      accounts: { allow: ['111111111111'], block: ['222222222222'], blockTerms: ['prod', 'live'] },
      regions: ['us-east-1', 'eu-west-1'],
      types: { include: ['ec2:*'], exclude: ['ec2:vpc'] },
      keepTag: 'owner:keep',
      includeDefaultVpc: true,
    });
    expect(config?.select.map((s) => s.label)).toEqual(['select']);
    expect(config?.keep.map((k) => k.label)).toEqual(['keep[0]']);
    const scope = { params: {}, prices: {}, now: NOW };
    expect(matchesCondition(res('ec2:instance', 'i-1', { tags: { lab: 'day1' } }), config!.select[0].condition, scope)).toBe(true);
    expect(matchesCondition(res('ec2:instance', 'i-1', { name: 'keep-me' }), config!.keep[0].condition, scope)).toBe(true);
  });

  it('defaults to the prod block term, the costguard:keep tag and every type', () => {
    const { config } = parseNukeConfig('description: empty\n', 'nuke.yml', KNOWN);
    expect(config).toMatchObject({ accounts: { allow: [], block: [], blockTerms: ['prod'] }, types: { include: ['*'], exclude: [] }, keepTag: 'costguard:keep', includeDefaultVpc: false });
    expect(defaultNukeConfig().accounts.blockTerms).toEqual(['prod']);
  });

  it('names the file, line, column and path of a misspelt key, with a suggestion', () => {
    const problems = problemsOf('accounts:\n  alow: ["111111111111"]\n');
    expect(problems).toEqual([{ file: 'nuke.yml', line: 2, column: 3, path: 'accounts.alow', message: 'unknown key "alow"', suggestion: 'allow' }]);
  });

  it('locates a bad operator inside keep and suggests the right one', () => {
    const problems = problemsOf('keep:\n  - tags.owner: { present: true }\n  - name: { globb: "x-*" }\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3, path: 'keep[1].name.globb', message: 'unknown operator "globb"', suggestion: 'glob' });
  });

  it('rejects bad account ids, regions, type globs and durations with their paths', () => {
    const problems = problemsOf(
      ['accounts: { block: ["12345"] }', 'regions: [us-east-9x]', 'types: { include: [ec2-instance, "ec2:vpcs"] }', 'select: { createdAt: { newerThan: 8hours } }'].join('\n'),
    );
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p]));
    expect(byPath['accounts.block[0]'].message).toMatch(/12-digit account id/);
    expect(byPath['regions[0]'].message).toMatch(/region name/);
    expect(byPath['types.include[0]'].message).toMatch(/service:type/);
    expect(byPath['types.include[1]']).toMatchObject({ message: 'unknown resource type "ec2:vpcs"', suggestion: 'ec2:vpc' });
    expect(byPath['select.createdAt.newerThan'].message).toMatch(/duration/);
    for (const p of problems) expect(p.line).toBeGreaterThan(0);
  });

  it('says a policy pack is not a nuke config', () => {
    const problems = problemsOf('pack: free-tier\nrules: []\n');
    expect(problems.map((p) => p.message)).toContain('unknown key "pack": this is a policy pack, not a nuke config');
  });

  it('reports invalid YAML with its position', () => {
    const problems = problemsOf('keep: [\n');
    expect(problems[0].message).toMatch(/^invalid YAML/);
    expect(problems[0].line).toBeGreaterThan(0);
  });

  it('throws InputFileError (exit 2) for a bad file and for a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nuke-config-'));
    const file = join(dir, 'bad.yml');
    writeFileSync(file, 'regions: us-east-1\n');
    expect(() => loadNukeConfig(file, KNOWN)).toThrow(InputFileError);
    try {
      loadNukeConfig(file, KNOWN);
    } catch (error) {
      expect(exitCodeFor(error)).toBe(2);
      expect((error as Error).message).toContain(`${file}:1:10 at regions: regions must be a list`);
    }
    expect(() => loadNukeConfig(join(dir, 'missing.yml'), KNOWN)).toThrow(/cannot read: ENOENT/);
  });

  it('finds the shipped lab-cleanup config by name, and it is valid and not a policy pack', () => {
    const path = resolveNukeConfigPath('lab-cleanup');
    expect(path).toBe(join(packageRoot(), 'policies', 'lab-cleanup.yml'));
    const text = readFileSync(path, 'utf8');
    expect(isPackFile(text)).toBe(false);
    const config = loadNukeConfig('lab-cleanup');
    expect(config.accounts.blockTerms).toContain('prod');
    expect(config.keep.length).toBeGreaterThan(3);
  });

  it('keeps policies/schema/nuke-config.schema.json in step with the code (COSTGUARD_UPDATE_SCHEMA=1 rewrites it)', () => {
    const file = join(packageRoot(), 'policies', 'schema', 'nuke-config.schema.json');
    const generated = `${JSON.stringify(buildNukeConfigSchema(), null, 2)}\n`;
    if (process.env.COSTGUARD_UPDATE_SCHEMA === '1') writeFileSync(file, generated);
    expect(readFileSync(file, 'utf8')).toBe(generated);
  });
});

describe('flags over a nuke config', () => {
  const base = { ...defaultNukeConfig(), source: 'lab.yml', regions: ['us-east-1', 'eu-west-1'], types: { include: ['ec2:*', 'iam:role'], exclude: ['ec2:vpc'] } };

  it('turns type globs into the concrete removable types', () => {
    expect(applyOverrides(base, {}, KNOWN).types.include).toEqual(['ec2:instance', 'ec2:subnet', 'iam:role']);
    expect(applyOverrides(base, { include: ['ec2:*'], exclude: ['ec2:subnet'] }, KNOWN).types.include).toEqual(['ec2:instance']);
  });

  it('only narrows: --include outside the config and --region outside its regions are refused', () => {
    expect(() => applyOverrides(base, { include: ['s3:bucket'] }, KNOWN)).toThrow(/does not include that type/);
    expect(() => applyOverrides(base, { regions: ['ap-south-1'] }, KNOWN)).toThrow(/only covers us-east-1, eu-west-1/);
    expect(applyOverrides(base, { regions: ['eu-west-1'] }, KNOWN).regions).toEqual(['eu-west-1']);
  });

  it('suggests a type for a misspelt --include and rejects a bad duration', () => {
    expect(() => applyOverrides(base, { include: ['ec2:instanse'] }, KNOWN)).toThrow(/did you mean "ec2:instance"/);
    expect(() => applyOverrides(base, { newerThan: '8 hours' }, KNOWN)).toThrow(UsageError);
  });

  it('adds --newer-than, --older-than and --tag as conditions that must all hold, and --keep-tag to keep', () => {
    const c = applyOverrides(base, { newerThan: '8h', olderThan: '1h', tags: { lab: 'day1' }, keepTags: [parseKeepTag('owner'), parseKeepTag('env=shared')] }, KNOWN);
    expect(c.select.map((s) => s.label)).toEqual(['--newer-than 8h', '--older-than 1h', '--tag lab=day1']);
    expect(c.keep.map((k) => k.label)).toEqual(['--keep-tag owner', '--keep-tag env=shared']);
    const scope = { params: {}, prices: {}, now: NOW };
    const twoHoursOld = res('ec2:instance', 'i-1', { createdAt: new Date(NOW.getTime() - 2 * 3600_000).toISOString(), tags: { lab: 'day1', env: 'shared' } });
    expect(c.select.every((s) => matchesCondition(twoHoursOld, s.condition, scope))).toBe(true);
    expect(matchesCondition(twoHoursOld, c.keep[1].condition, scope)).toBe(true);
    expect(matchesCondition(twoHoursOld, c.keep[0].condition, scope)).toBe(false);
  });

  it('parses --keep-tag KEY and KEY=VALUE', () => {
    expect(parseKeepTag('owner')).toEqual({ key: 'owner' });
    expect(parseKeepTag('env = prod ')).toEqual({ key: 'env', value: 'prod' });
    expect(() => parseKeepTag('=x')).toThrow(UsageError);
  });
});
