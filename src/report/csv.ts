// --format csv: one row per finding (suppressed ones included and marked), RFC 4180: CRLF line
// ends, fields with a comma, quote or line break quoted, quotes doubled. Text that a spreadsheet
// would run as a formula (=, +, -, @ first) gets a leading apostrophe (OWASP CSV injection).

import type { Finding, Report } from '../core/model.js';
import { compareFindings } from './shared.js';
import type { Renderer } from './types.js';

export const CSV_COLUMNS = [
  'severity', 'ruleId', 'pack', 'accountId', 'accountName', 'region', 'resourceType', 'resourceId', 'resourceArn', 'resourceName',
  'title', 'message', 'monthlyCostUsd', 'remediation', 'suppressed', 'suppressionReason', 'suppressionExpires', 'change',
] as const;

export function csvField(value: string | number | boolean | null | undefined, text = true): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(f: Finding): string {
  const values: Array<[string | number | boolean | null | undefined, boolean]> = [
    [f.severity, true],
    [f.ruleId, true],
    [f.pack, true],
    [f.accountId, true],
    [f.accountName, true],
    [f.region, true],
    [f.resourceType, true],
    [f.resourceId, true],
    [f.resourceArn, true],
    [f.resourceName, true],
    [f.title, true],
    [f.message, true],
    [f.monthlyCostUsd, false],
    [f.remediation, true],
    [f.suppressed ? 'true' : 'false', false],
    [f.suppressed?.reason, true],
    [f.suppressed?.expires, true],
    [f.change, true],
  ];
  return values.map(([v, text]) => csvField(v, text)).join(',');
}

export function renderCsv(report: Report): string {
  const lines = [CSV_COLUMNS.join(','), ...[...report.findings].sort(compareFindings).map(row)];
  // A UTF-8 byte order mark first: without it Excel reads the file as the local code page and garbles Korean text.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export const csvRenderer: Renderer = {
  format: 'csv',
  extension: 'csv',
  render: renderCsv,
};
