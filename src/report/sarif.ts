// --format sarif: SARIF 2.1.0 as GitHub code scanning accepts it. One run; one rule per policy
// rule (descriptions, help, security-severity); one result per finding, located by the resource
// (logical location = ARN, or aws://account/region/type/id) with a fingerprint that stays the
// same across runs, so the same finding is the same alert. Suppressed findings stay in, marked.

import { createHash } from 'node:crypto';
import type { Finding, Report, Severity } from '../core/model.js';
import { ruleHelp } from '../core/report-builder.js';
import { cmp, compareFindings, money, resourceUri } from './shared.js';
import type { RenderOptions, Renderer, RuleMeta } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/costguard/costguard';
export const FINGERPRINT_KEY = 'costguardFindingHash/v1';

export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

/** Stable across runs and machines: the same rule on the same resource is the same alert. */
export function findingFingerprint(f: Pick<Finding, 'ruleId' | 'accountId' | 'region' | 'resourceId'>): string {
  return createHash('sha256').update([f.ruleId, f.accountId, f.region, f.resourceId].join('\u0000')).digest('hex');
}

/** "ec2-eip-unattached" → "Ec2EipUnattached" (SARIF rule names are identifiers). */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** The rules the run talks about: every rule given in opts.rules plus any rule seen only in findings. */
function collectRules(report: Report, opts: RenderOptions): RuleMeta[] {
  const byId = new Map<string, RuleMeta>();
  // The run's own rules (audit), else the rules the report carries (report merge, a saved report).
  for (const r of opts.rules ?? report.rules ?? []) byId.set(r.id, r);
  for (const f of [...report.findings].sort(compareFindings)) {
    if (!byId.has(f.ruleId)) byId.set(f.ruleId, { id: f.ruleId, pack: f.pack, title: f.title, why: f.why, severity: f.severity });
  }
  return [...byId.values()].sort((a, b) => cmp(a.id, b.id));
}

function reportingDescriptor(rule: RuleMeta): Record<string, unknown> {
  const why = rule.why ?? rule.title;
  const help = rule.help ?? ruleHelp(rule);
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: why },
    help: { text: help.text, markdown: help.markdown },
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      'security-severity': SECURITY_SEVERITY[rule.severity],
      tags: ['aws', 'costguard', rule.pack, 'security'].filter((v, i, a) => a.indexOf(v) === i),
      precision: 'high',
      'problem.severity': sarifLevel(rule.severity) === 'note' ? 'recommendation' : sarifLevel(rule.severity),
    },
  };
}

function pathSegment(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':');
}

function resultOf(f: Finding, ruleIndex: number): Record<string, unknown> {
  const fqn = f.resourceArn ?? resourceUri(f);
  const cost = f.monthlyCostUsd !== null ? ` Estimated cost: ${money(f.monthlyCostUsd)}/month.` : '';
  const fix = f.remediation ? ` Fix: ${f.remediation}` : '';
  const result: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: `${f.message || f.title} (account ${f.accountId}, ${f.region}).${cost}${fix}` },
    locations: [
      {
        // GitHub needs a physical location to show an alert; cloud resources have no file, so the
        // path is a stable synthetic one: aws/<account>/<region>/<type>/<id>.
        physicalLocation: {
          artifactLocation: { uri: ['aws', f.accountId, f.region, f.resourceType, f.resourceId].map(pathSegment).join('/') },
          region: { startLine: 1 },
        },
        logicalLocations: [{ name: f.resourceName ?? f.resourceId, fullyQualifiedName: fqn, kind: 'resource' }],
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(f) },
    properties: {
      severity: f.severity,
      pack: f.pack,
      accountId: f.accountId,
      ...(f.accountName ? { accountName: f.accountName } : {}),
      region: f.region,
      resourceType: f.resourceType,
      resourceId: f.resourceId,
      monthlyCostUsd: f.monthlyCostUsd,
      ...(f.change ? { change: f.change } : {}),
    },
  };
  if (f.suppressed) {
    const props: Record<string, string> = {};
    if (f.suppressed.expires) props.expires = f.suppressed.expires;
    if (f.suppressed.source) props.source = f.suppressed.source;
    result.suppressions = [
      { kind: 'external', justification: f.suppressed.reason, ...(Object.keys(props).length > 0 ? { properties: props } : {}) },
    ];
  }
  return result;
}

export function sarifLog(report: Report, opts: RenderOptions): Record<string, unknown> {
  const rules = collectRules(report, opts);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const notifications = [
    ...report.errors.map((e) => ({
      level: 'warning',
      message: { text: `${e.accountId} ${e.region} ${e.operation} ${e.code}: ${e.message}` },
      descriptor: { id: 'collection-error' },
    })),
    ...report.notEvaluated.map((n) => ({
      level: 'warning',
      message: { text: `not evaluated: ${n.ruleId} in ${n.accountId} ${n.region} — ${n.reason}` },
      descriptor: { id: 'rule-not-evaluated' },
      ...(index.has(n.ruleId) ? { associatedRule: { id: n.ruleId, index: index.get(n.ruleId) } } : {}),
    })),
  ];
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'costguard',
            version: report.version,
            semanticVersion: report.version,
            informationUri: INFORMATION_URI,
            rules: rules.map(reportingDescriptor),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            endTimeUtc: report.generatedAt,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results: [...report.findings].sort(compareFindings).map((f) => resultOf(f, index.get(f.ruleId) ?? 0)),
        properties: {
          accounts: report.targets.map((t) => t.accountId),
          monthlyCostUsd: report.summary.monthlyCostUsd,
          rulesNotEvaluated: report.summary.rulesNotEvaluated,
        },
      },
    ],
  };
}

export const sarifRenderer: Renderer = {
  format: 'sarif',
  extension: 'sarif',
  render(report, opts) {
    return `${JSON.stringify(sarifLog(report, opts), null, 2)}\n`;
  },
};
