import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../../src/core/errors.js';
import type { Finding, SuppressionEntry } from '../../../src/core/model.js';
import { buildReport } from '../../../src/core/report-builder.js';
import { applySuppressions, globMatch, loadSuppressions, parseSuppressions } from '../../../src/core/suppressions.js';
import { renderReport } from '../../../src/report/index.js';
import { fixtureReport, resummarized } from './helpers.js';
import { REPORT_SCHEMA, schemaErrors } from './schema.js';

const NOW = new Date('2025-01-15T09:30:00Z');

function active(): Finding[] {
  return fixtureReport().findings.map((f) => ({ ...f, suppressed: null }));
}

function problemsOf(text: string, file = 'supp.yml'): InputFileError {
  try {
    parseSuppressions(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(InputFileError);
    return error as InputFileError;
  }
  throw new Error('expected an InputFileError');
}

describe('parseSuppressions', () => {
  it('reads entries with their source line, keeping account ids and dates as text', () => {
    const entries = parseSuppressions(
      ['suppressions:', '  - rule: ec2-eip-*', '    account: 012345678901', '    reason: workshop DNS', '    expires: 2025-12-31', '  - rule: "*"', '    region: eu-*', '    reason: EU sandbox'].join('\n'),
      'supp.yml',
    );
    expect(entries).toEqual([
      { rule: 'ec2-eip-*', account: '012345678901', reason: 'workshop DNS', expires: '2025-12-31', source: 'supp.yml:2' },
      { rule: '*', region: 'eu-*', reason: 'EU sandbox', source: 'supp.yml:6' },
    ]);
  });

  it('requires a reason, naming file, line, column and path', () => {
    const e = problemsOf(['suppressions:', '  - rule: a', '    reason: ok', '  - rule: b', '    region: us-east-1'].join('\n'));
    expect(e.problems).toEqual([{ file: 'supp.yml', line: 4, column: 5, path: 'suppressions[1]', message: 'missing "reason": every suppression must say why it is accepted' }]);
    expect(e.message).toBe('supp.yml:4:5 at suppressions[1]: missing "reason": every suppression must say why it is accepted');
  });

  it('names a misspelt key and suggests the right one', () => {
    const e = problemsOf(['suppressions:', '  - rule: a', '    reson: typo', '    reason: ok'].join('\n'));
    expect(e.problems[0]).toMatchObject({ line: 3, column: 5, path: 'suppressions[0].reson', message: 'unknown key "reson"', suggestion: 'reason' });
  });

  it('rejects a bad expiry date and an empty reason', () => {
    const e = problemsOf(['suppressions:', '  - rule: a', '    reason: ok', '    expires: 31/12/2025', '  - rule: b', '    reason: ok', '    expires: 2025-02-30', '  - rule: c', '    reason: "  "'].join('\n'));
    expect(e.problems).toEqual([
      { file: 'supp.yml', line: 4, column: 14, path: 'suppressions[0].expires', message: 'expires must be a date YYYY-MM-DD' },
      { file: 'supp.yml', line: 9, column: 13, path: 'suppressions[2].reason', message: 'reason must not be empty' },
      { file: 'supp.yml', line: 7, column: 14, path: 'suppressions[1].expires', message: '"2025-02-30" is not a calendar date' },
    ]);
  });

  it('reports YAML syntax errors with a line', () => {
    const e = problemsOf('suppressions:\n  - rule: [unclosed\n    reason: x\n');
    expect(e.problems[0].file).toBe('supp.yml');
    expect(e.problems[0].line).toBeGreaterThanOrEqual(2);
    expect(e.problems[0].message).toMatch(/^not valid YAML/);
  });

  it('needs the suppressions key in a --suppressions file but not in .costguard.yml', () => {
    expect(problemsOf('other: 1\n').problems[0]).toMatchObject({ path: '(top level)', message: 'missing required key "suppressions"' });
    expect(parseSuppressions('other: 1\n', '.costguard.yml', { requireKey: false })).toEqual([]);
    expect(parseSuppressions('', '.costguard.yml', { requireKey: false })).toEqual([]);
    expect(problemsOf('suppressions: nope\n').problems[0]).toMatchObject({ line: 1, path: 'suppressions', message: 'must be a list' });
  });

  it('loads --suppressions FILE and .costguard.yml from the working directory, each once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'costguard-supp-'));
    writeFileSync(join(dir, '.costguard.yml'), 'suppressions:\n  - rule: from-config\n    reason: config\n');
    writeFileSync(join(dir, 'extra.yml'), 'suppressions:\n  - rule: from-flag\n    reason: flag\n');
    expect(loadSuppressions({ file: join(dir, 'extra.yml'), cwd: dir }).map((e) => e.rule)).toEqual(['from-flag', 'from-config']);
    expect(loadSuppressions({ file: join(dir, '.costguard.yml'), cwd: dir }).map((e) => e.rule)).toEqual(['from-config']);
    expect(loadSuppressions({ cwd: mkdtempSync(join(tmpdir(), 'costguard-empty-')) })).toEqual([]);
    expect(() => loadSuppressions({ file: join(dir, 'missing.yml'), cwd: dir })).toThrow(/missing\.yml: cannot read: ENOENT/);
  });
});

describe('globMatch', () => {
  it('matches * across any characters and ? as one, everything else literally', () => {
    expect(globMatch('ec2-*', 'ec2-eip-unattached')).toBe(true);
    expect(globMatch('arn:aws:logs:*:log-group:/aws/lambda/*', 'arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/x')).toBe(true);
    expect(globMatch('us-east-?', 'us-east-1')).toBe(true);
    expect(globMatch('us-east-?', 'us-east-10')).toBe(false);
    expect(globMatch('a.b', 'axb')).toBe(false);
    expect(globMatch('(x)+', '(x)+')).toBe(true);
  });
});

describe('applySuppressions', () => {
  const entry = (e: Partial<SuppressionEntry>): SuppressionEntry => ({ rule: '*', reason: 'because', ...e });

  it('suppresses findings matched by rule, account (id or name), region and resource (id, ARN or name) globs', () => {
    const entries = [
      entry({ rule: 'ec2-eip-*', account: 'Sandbox', reason: 'sandbox IPs', source: 's.yml:2' }),
      entry({ rule: 'logs-*', resource: 'arn:aws:logs:*', reason: 'logs' }),
      entry({ rule: 'ebs-*', resource: 'scratch*', region: 'ap-*', reason: 'by name', expires: '2025-01-15' }),
    ];
    const { findings, expired, stale } = applySuppressions(active(), entries, NOW);
    const suppressed = findings.filter((f) => f.suppressed).map((f) => `${f.ruleId} ${f.resourceId}`);
    expect(suppressed.sort()).toEqual(['ebs-volume-unattached vol-0123456789abcdef0', 'ec2-eip-unattached eipalloc-0ffee0ffee0ffee00', 'logs-no-retention /aws/lambda/web-<prod>&"test"']);
    expect(findings.find((f) => f.resourceId === 'eipalloc-0ffee0ffee0ffee00')?.suppressed).toEqual({ reason: 'sandbox IPs', source: 's.yml:2' });
    expect(expired).toEqual([]);
    expect(stale).toEqual([]);
  });

  it('an expired entry stops applying and is reported; it applies through its expiry day', () => {
    const e = entry({ rule: 'vpc-nat-gateway', expires: '2025-01-14' });
    const r = applySuppressions(active(), [e], NOW);
    expect(r.findings.every((f) => !f.suppressed)).toBe(true);
    expect(r.expired).toEqual([e]);
    expect(r.stale).toEqual([]);
    const sameDay = applySuppressions(active(), [{ ...e, expires: '2025-01-15' }], NOW);
    expect(sameDay.findings.some((f) => f.suppressed)).toBe(true);
    expect(sameDay.expired).toEqual([]);
  });

  it('an entry that matches nothing is stale', () => {
    const used = entry({ rule: 'vpc-nat-gateway' });
    const unused = entry({ rule: 'rds-*', reason: 'old lab' });
    const r = applySuppressions(active(), [used, unused], NOW);
    expect(r.stale).toEqual([unused]);
  });

  it('the first matching entry wins, later matching ones are not stale', () => {
    const first = entry({ rule: 'ec2-*', reason: 'first' });
    const second = entry({ rule: 'ec2-eip-unattached', reason: 'second' });
    const r = applySuppressions(active(), [first, second], NOW);
    expect(r.findings.filter((f) => f.suppressed).every((f) => f.suppressed?.reason === 'first')).toBe(true);
    expect(r.stale).toEqual([]);
  });

  it('suppressed findings leave the summary counts but stay in the report', () => {
    const r = applySuppressions(active(), [entry({ rule: 'vpc-nat-gateway' })], NOW);
    const report = buildReport({ version: '0', generatedAt: NOW.toISOString(), targets: [], findings: r.findings, errors: [], notEvaluated: [], rulesEvaluated: 1, rulesNotEvaluated: 0, resources: 0, suppressionProblems: { expired: r.expired, stale: r.stale } });
    expect(report.findings).toHaveLength(9);
    expect(report.summary.suppressed).toBe(1);
    expect(report.summary.monthlyCostUsd).toBe(21.02);
  });

  it('a report carrying expired and stale entries validates and shows them in table and markdown', () => {
    const expiredEntry = entry({ rule: 'ec2-*', reason: 'workshop', expires: '2024-12-31', source: '.costguard.yml:3' });
    const staleEntry = entry({ rule: 'rds-*', reason: 'old lab', source: '.costguard.yml:7' });
    const r = applySuppressions(active(), [expiredEntry, staleEntry], NOW);
    const report = resummarized({ ...fixtureReport(), findings: r.findings, suppressionProblems: { expired: r.expired, stale: r.stale } });
    expect(schemaErrors(REPORT_SCHEMA, JSON.parse(renderReport('json', report, { lang: 'en', color: false })))).toEqual([]);
    const md = renderReport('markdown', report, { lang: 'en', color: false });
    expect(md).toContain('- expired suppression (no longer applied): `ec2-*` (`.costguard.yml:3`, expires 2024-12-31, reason: workshop)');
    expect(md).toContain('- stale suppression (matches nothing): `rds-*` (`.costguard.yml:7`, reason: old lab)');
    expect(renderReport('table', report, { lang: 'en', color: false })).toContain('stale suppression (matches nothing): rds-* (.costguard.yml:7, reason: old lab)');
  });
});
