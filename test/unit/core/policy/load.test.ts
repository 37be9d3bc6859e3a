import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../../../src/core/errors.js';
import { loadPackFile, loadPackFiles, parsePack, validatePackFiles } from '../../../../src/core/policy/load.js';

const VALID = `pack: lab
description: Lab leftovers
params:
  staleDays: 90
prices:
  publicIpv4Monthly: 3.65
rules:
  - id: ec2-eip-unattached
    resource: ec2:elastic-ip
    severity: high
    title: Elastic IP is not attached
    when:
      - associationId: { absent: true }
    cost: { price: publicIpv4Monthly }
    remediation: aws ec2 release-address --allocation-id {{id}}
`;

function problemsOf(yaml: string) {
  return parsePack(yaml, 'p.yml').problems;
}

describe('parsePack on a valid file', () => {
  it('returns the pack with defaults filled in', () => {
    const { pack, problems } = parsePack(VALID, 'p.yml');
    expect(problems).toEqual([]);
    expect(pack).toMatchObject({ name: 'lab', default: true, file: 'p.yml', params: { staleDays: 90 } });
    expect(pack?.rules[0]).toMatchObject({
      id: 'ec2-eip-unattached',
      pack: 'lab',
      requires: ['ec2:elastic-ip'],
      cost: { price: 'publicIpv4Monthly' },
      source: { file: 'p.yml', line: 8 },
    });
  });
});

describe('parsePack reports problems with file, line, column, path and suggestion', () => {
  it('reports bad YAML with its line and column', () => {
    const problems = problemsOf('pack: lab\nrules: [\n  - id: x\n');
    expect(problems[0]).toEqual({ file: 'p.yml', line: 3, column: 3, message: 'invalid YAML: Block collections are not allowed within flow collections' });
    expect(problems.every((p) => p.message.startsWith('invalid YAML: ') && p.line !== undefined)).toBe(true);
  });

  it('reports a duplicate key as bad YAML', () => {
    const [problem] = problemsOf('pack: lab\npack: other\nrules: []\n');
    expect(problem).toMatchObject({ line: 2, column: 1, message: 'invalid YAML: Map keys must be unique' });
  });

  it('reports an unknown key at the key, with a suggestion', () => {
    expect(problemsOf(VALID.replace('    remediation:', '    remediaton:'))).toEqual([
      { file: 'p.yml', line: 15, column: 5, path: 'rules[0].remediaton', message: 'unknown key "remediaton"', suggestion: 'remediation' },
    ]);
  });

  it('reports an unknown operator at the operator, with a suggestion', () => {
    expect(problemsOf(VALID.replace('{ absent: true }', '{ absnet: true }'))).toEqual([
      { file: 'p.yml', line: 13, column: 26, path: 'rules[0].when[0].associationId.absnet', message: 'unknown operator "absnet"', suggestion: 'absent' },
    ]);
  });

  it('reports a severity that is not one of the five, suggesting the closest', () => {
    expect(problemsOf(VALID.replace('severity: high', 'severity: hgih'))).toEqual([
      { file: 'p.yml', line: 10, column: 15, path: 'rules[0].severity', message: 'severity must be one of critical, high, medium, low, info', suggestion: 'high' },
    ]);
  });

  it('reports a wrong type in plain words', () => {
    expect(problemsOf(VALID.replace('title: Elastic IP is not attached', 'title: [a, b]'))).toEqual([
      { file: 'p.yml', line: 11, column: 12, path: 'rules[0].title', message: 'title must be a string' },
    ]);
    expect(problemsOf(VALID.replace('description: Lab leftovers', 'default: maybe'))[0]).toMatchObject({
      line: 2,
      column: 10,
      path: 'default',
      message: 'default must be true or false',
    });
  });

  it('reports a missing required key at the rule', () => {
    expect(problemsOf(VALID.replace('    title: Elastic IP is not attached\n', ''))).toEqual([
      { file: 'p.yml', line: 8, column: 5, path: 'rules[0]', message: 'missing required key "title"' },
    ]);
  });

  it('reports a duplicate rule id at the second one, naming the first', () => {
    const yaml = `pack: lab
rules:
  - { id: same, resource: ec2:volume, severity: low, title: A }
  - { id: same, resource: ec2:volume, severity: low, title: B }
`;
    expect(problemsOf(yaml)).toEqual([
      { file: 'p.yml', line: 4, column: 11, path: 'rules[1].id', message: 'duplicate rule id "same" (first defined at rules[0], line 3)' },
    ]);
  });

  it('reports a bad regex and a bad duration', () => {
    const yaml = `pack: lab
rules:
  - id: a
    resource: iam:user
    severity: low
    title: A
    when:
      name: { regex: "[a-" }
      passwordLastUsed: { olderThan: 90 }
`;
    expect(problemsOf(yaml)).toEqual([
      { file: 'p.yml', line: 8, column: 22, path: 'rules[0].when.name.regex', message: 'regex "[a-" is not a valid regular expression: missing closing ]: `[a-`' },
      { file: 'p.yml', line: 9, column: 38, path: 'rules[0].when.passwordLastUsed.olderThan', message: 'olderThan must be a duration such as 90d, 8h, 30m, 2w or 45s' },
    ]);
  });

  it('reports unknown params and prices used in templates and costs', () => {
    const yaml = VALID.replace('cost: { price: publicIpv4Monthly }', 'cost: { price: publicIpv4Monthy }').replace('{{id}}', '{{params.staleDay}}');
    expect(problemsOf(yaml)).toEqual([
      { file: 'p.yml', line: 14, column: 20, path: 'rules[0].cost.price', message: 'unknown price "publicIpv4Monthy"', suggestion: 'publicIpv4Monthly' },
      { file: 'p.yml', line: 15, column: 18, path: 'rules[0].remediation', message: 'unknown template variable "params.staleDay"', suggestion: 'params.staleDays' },
    ]);
  });

  it('reports aggregate mistakes: no sum/count, two thresholds, a threshold that is not a number', () => {
    const yaml = `pack: lab
params: { limit: lots }
rules:
  - id: a
    resource: ec2:volume
    severity: low
    title: A
    aggregate: { per: account, gt: 1, lt: 5 }
  - id: b
    resource: ec2:volume
    severity: low
    title: B
    aggregate: { count: true, gte: "{{params.limit}}" }
`;
    expect(problemsOf(yaml).map((p) => [p.line, p.column, p.path, p.message])).toEqual([
      [8, 16, 'rules[0].aggregate', 'aggregate needs sum: <field> or count: true'],
      [8, 16, 'rules[0].aggregate', 'aggregate needs exactly one threshold: gt, gte, lt or lte (found 2)'],
      [13, 36, 'rules[1].aggregate.gte', 'gte must be a number; "{{params.limit}}" gives "lots"'],
    ]);
  });

  it('reports several problems in one file together, in file order', () => {
    const yaml = `pack: Lab_Pack
rules:
  - id: ec2-eip-unattached
    resource: ec2:elastic-ip
    severity: hihg
    title: Elastic IP is not attached
    when:
      - associationId: { eqq: true }
    remediaton: release it
`;
    expect(problemsOf(yaml)).toEqual([
      { file: 'p.yml', line: 1, column: 7, path: 'pack', message: 'pack "Lab_Pack" must use only lowercase letters, digits and "-"' },
      { file: 'p.yml', line: 5, column: 15, path: 'rules[0].severity', message: 'severity must be one of critical, high, medium, low, info', suggestion: 'high' },
      { file: 'p.yml', line: 8, column: 26, path: 'rules[0].when[0].associationId.eqq', message: 'unknown operator "eqq"', suggestion: 'eq' },
      { file: 'p.yml', line: 9, column: 5, path: 'rules[0].remediaton', message: 'unknown key "remediaton"', suggestion: 'remediation' },
    ]);
  });

  it('reports an empty file and a file that is not a mapping', () => {
    expect(problemsOf('')).toEqual([{ file: 'p.yml', message: 'the file is empty; a policy pack needs pack: and rules:' }]);
    expect(problemsOf('- a\n- b\n')[0]).toMatchObject({ line: 1, column: 1, message: 'a policy pack must be a mapping with pack: and rules:' });
  });

  it('rejects severityOverrides on an aggregate rule', () => {
    const yaml = `pack: lab
rules:
  - id: a
    resource: ec2:volume
    severity: low
    title: A
    aggregate: { count: true, gt: 1 }
    severityOverrides:
      - { when: { id: x }, severity: info }
`;
    expect(problemsOf(yaml)).toEqual([
      { file: 'p.yml', line: 9, column: 7, path: 'rules[0].severityOverrides', message: 'severityOverrides cannot be used with aggregate (an aggregate finding has no single resource)' },
    ]);
  });

  it('checks cost expressions and i18n keys', () => {
    const yaml = VALID.replace('cost: { price: publicIpv4Monthly }', 'cost: { price: publicIpv4Monthly, quantity: "max(subnetCount, " }') + '    i18n:\n      ko: { titel: 제목 }\n';
    expect(problemsOf(yaml).map((p) => [p.path, p.message, p.suggestion])).toEqual([
      ['rules[0].cost.quantity', 'quantity is not a valid expression: unexpected end of "max(subnetCount, "', undefined],
      ['rules[0].i18n.ko.titel', 'unknown key "titel"', 'title'],
    ]);
  });
});

describe('loading files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'costguard-policy-'));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('loads a valid file', () => {
    expect(loadPackFile(write('ok.yml', VALID)).rules).toHaveLength(1);
  });

  it('throws one InputFileError with the problems of every file', () => {
    const bad1 = write('bad1.yml', VALID.replace('severity: high', 'severity: urgent'));
    const bad2 = write('bad2.yml', 'pack: x\nrules: [\n');
    const error = (() => {
      try {
        loadPackFiles([bad1, bad2]);
      } catch (e) {
        return e;
      }
    })() as InputFileError;
    expect(error).toBeInstanceOf(InputFileError);
    expect(error.problems.map((p) => p.file)).toEqual([bad1, bad2]);
    expect(error.message).toContain(`${bad1}:10:15 at rules[0].severity: severity must be one of critical, high, medium, low, info`);
  });

  it('rejects a rule id defined in two files, naming both', () => {
    const first = write('first.yml', VALID);
    const second = write('second.yml', VALID.replace('pack: lab', 'pack: lab-two'));
    expect(validatePackFiles([first, second])).toEqual([
      { file: second, line: 8, path: 'rules[0].id', message: `duplicate rule id "ec2-eip-unattached": also defined in ${first}:8` },
    ]);
  });

  it('reports a file that cannot be read', () => {
    expect(validatePackFiles([join(dir, 'missing.yml')])).toEqual([{ file: join(dir, 'missing.yml'), message: 'cannot read: ENOENT' }]);
  });
});
