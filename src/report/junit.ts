// --format junit: one test suite per account and region; one test case per finding, failing when
// at or above --fail-on (every finding when no threshold), skipped when suppressed; a rule that
// could not be evaluated is an <error>, never a pass.

import { atOrAbove, GLOBAL_REGION, type Finding, type Report } from '../core/model.js';
import { cmp, compareFindings, money, resourceLabel } from './shared.js';
import type { RenderOptions, Renderer } from './types.js';
import { attrs, escapeXml } from './xml.js';

interface Case {
  classname: string;
  name: string;
  body: string;
  kind: 'pass' | 'failure' | 'skipped' | 'error';
}

interface Suite {
  accountId: string;
  region: string;
  cases: Case[];
}

function findingCase(f: Finding, opts: RenderOptions): Case {
  const classname = `costguard.${f.pack}.${f.ruleId}`;
  const name = `${f.ruleId} ${resourceLabel(f)}`;
  if (f.suppressed) {
    const message = `suppressed: ${f.suppressed.reason}${f.suppressed.expires ? ` (until ${f.suppressed.expires})` : ''}`;
    return { classname, name, kind: 'skipped', body: `<skipped${attrs({ message })}/>` };
  }
  if (opts.failOn && !atOrAbove(f.severity, opts.failOn)) return { classname, name, kind: 'pass', body: '' };
  const details = [
    f.message || f.title,
    `Severity: ${f.severity}`,
    `Account: ${f.accountId}${f.accountName ? ` (${f.accountName})` : ''}`,
    `Region: ${f.region}`,
    `Resource: ${f.resourceType} ${f.resourceArn ?? f.resourceId}`,
    `Estimated cost: ${f.monthlyCostUsd === null ? 'unknown' : `${money(f.monthlyCostUsd)}/month`}`,
    ...(f.why ? [`Why: ${f.why}`] : []),
    `Fix: ${f.remediation}`,
  ].join('\n');
  return {
    classname,
    name,
    kind: 'failure',
    body: `<failure${attrs({ message: f.message || f.title, type: f.severity })}>${escapeXml(details)}</failure>`,
  };
}

function suiteKey(accountId: string, region: string): string {
  return `${accountId} ${region}`;
}

function buildSuites(report: Report, opts: RenderOptions): Suite[] {
  const suites = new Map<string, Suite>();
  const ensure = (accountId: string, region: string): Suite => {
    const key = suiteKey(accountId, region);
    let s = suites.get(key);
    if (!s) {
      s = { accountId, region, cases: [] };
      suites.set(key, s);
    }
    return s;
  };
  for (const t of report.targets) for (const region of t.regions) ensure(t.accountId, region);
  for (const f of [...report.findings].sort(compareFindings)) ensure(f.accountId, f.region).cases.push(findingCase(f, opts));
  for (const n of report.notEvaluated) {
    ensure(n.accountId, n.region).cases.push({
      classname: `costguard.${n.pack}.${n.ruleId}`,
      name: `${n.ruleId} not evaluated`,
      kind: 'error',
      body: `<error${attrs({ message: `not evaluated: ${n.reason}`, type: 'NotEvaluated' })}/>`,
    });
  }
  for (const s of suites.values()) {
    if (s.cases.length === 0) s.cases.push({ classname: 'costguard', name: 'no findings', kind: 'pass', body: '' });
  }
  // Account order as given; regions sorted with "global" first.
  const accountOrder = [...new Set([...report.targets.map((t) => t.accountId), ...[...suites.values()].map((s) => s.accountId)])];
  return [...suites.values()].sort(
    (a, b) =>
      accountOrder.indexOf(a.accountId) - accountOrder.indexOf(b.accountId) ||
      Number(b.region === GLOBAL_REGION) - Number(a.region === GLOBAL_REGION) ||
      cmp(a.region, b.region),
  );
}

function count(cases: Case[], kind: Case['kind']): number {
  return cases.filter((c) => c.kind === kind).length;
}

export function renderJunit(report: Report, opts: RenderOptions): string {
  const suites = buildSuites(report, opts);
  const all = suites.flatMap((s) => s.cases);
  const seconds = (report.summary.durationMs / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'costguard', tests: all.length, failures: count(all, 'failure'), errors: count(all, 'error'), time: seconds })}>`,
  ];
  suites.forEach((s, id) => {
    lines.push(
      `  <testsuite${attrs({
        name: suiteKey(s.accountId, s.region),
        id,
        package: 'costguard',
        tests: s.cases.length,
        failures: count(s.cases, 'failure'),
        errors: count(s.cases, 'error'),
        skipped: count(s.cases, 'skipped'),
        time: '0',
        timestamp: report.generatedAt.replace(/\.\d+Z$/, '').replace(/Z$/, ''),
      })}>`,
    );
    lines.push('    <properties>');
    lines.push(`      <property${attrs({ name: 'account', value: s.accountId })}/>`);
    lines.push(`      <property${attrs({ name: 'region', value: s.region })}/>`);
    if (opts.failOn) lines.push(`      <property${attrs({ name: 'failOn', value: opts.failOn })}/>`);
    lines.push('    </properties>');
    for (const c of s.cases) {
      const open = `    <testcase${attrs({ classname: c.classname, name: c.name, time: '0' })}`;
      lines.push(c.body ? `${open}>\n      ${c.body}\n    </testcase>` : `${open}/>`);
    }
    lines.push('  </testsuite>');
  });
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

export const junitRenderer: Renderer = {
  format: 'junit',
  extension: 'xml',
  render: renderJunit,
};
