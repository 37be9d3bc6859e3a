// --format html: ONE self-contained file — inline CSS and JS, inline SVG charts, no external
// URLs, no fonts fetched (a Content-Security-Policy forbids any fetch). Charts of estimated
// $/month by account, rule and region and of findings by severity; a findings table filtered by
// text and severity from the report data embedded as JSON. Works without JS (rows are in the HTML).

import { severityLabel, t, type Lang, type MessageKey } from './i18n.js';
import { SEVERITIES, type Finding, type Report, type Severity } from '../core/model.js';
import { canonicalReport } from './json.js';
import {
  accountCount,
  accountTotals,
  activeFindings,
  costBy,
  money,
  notEvaluatedLines,
  reasonText,
  resourceLabel,
  suppressedFindings,
} from './shared.js';
import type { RenderOptions, Renderer } from './types.js';
import { sumUsd } from '../core/money.js';

const SEVERITY_COLOUR: Record<Severity, string> = {
  critical: '#7b1fa2',
  high: '#c62828',
  medium: '#ef6c00',
  low: '#1565c0',
  info: '#607d8b',
};

const CHART_LIMIT = 12;

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON safe inside <script>: no "</script>", no HTML comment openers, no JS line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

interface Bar {
  label: string;
  value: number;
  text: string;
  colour?: string;
}

/** A horizontal bar chart as inline SVG. */
function barChart(id: string, title: string, bars: Bar[], emptyText: string): string {
  const width = 520;
  const labelWidth = 210;
  const valueWidth = 80;
  const rowHeight = 24;
  const top = 8;
  if (bars.length === 0) {
    return `<figure class="chart" id="${id}"><figcaption>${escapeHtml(title)}</figcaption><p class="empty">${escapeHtml(emptyText)}</p></figure>`;
  }
  const max = Math.max(...bars.map((b) => b.value), 0);
  const plot = width - labelWidth - valueWidth - 8;
  const height = top * 2 + bars.length * rowHeight;
  const rows = bars
    .map((b, i) => {
      const y = top + i * rowHeight;
      const w = max > 0 ? Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * plot)) : 0;
      const label = b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label;
      return (
        `<g class="bar" data-label="${escapeHtml(b.label)}" data-value="${b.value}">` +
        `<title>${escapeHtml(`${b.label}: ${b.text}`)}</title>` +
        `<text x="${labelWidth - 6}" y="${y + 16}" text-anchor="end">${escapeHtml(label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 8}" rx="2" fill="${b.colour ?? '#2e7d32'}"/>` +
        `<text x="${labelWidth + w + 6}" y="${y + 16}" class="value">${escapeHtml(b.text)}</text>` +
        `</g>`
      );
    })
    .join('');
  return (
    `<figure class="chart" id="${id}"><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows}</svg>` +
    `</figure>`
  );
}

function costBars(entries: Array<{ key: string; monthlyCostUsd: number; findings: number }>, label: (key: string) => string, otherLabel: string): Bar[] {
  const shown = entries.slice(0, CHART_LIMIT);
  const rest = entries.slice(CHART_LIMIT);
  const bars: Bar[] = shown.map((e) => ({ label: label(e.key), value: e.monthlyCostUsd, text: money(e.monthlyCostUsd) }));
  if (rest.length > 0) {
    const sum = sumUsd(rest.map((e) => e.monthlyCostUsd));
    bars.push({ label: `${otherLabel} (${rest.length})`, value: sum, text: money(sum), colour: '#9e9e9e' });
  }
  return bars;
}

/** Rules and regions without an estimated cost would only be $0.00 bars. */
function withCost<T extends { monthlyCostUsd: number }>(entries: T[]): T[] {
  return entries.filter((e) => e.monthlyCostUsd > 0);
}

function card(testId: string, label: string, value: string, extraClass = ''): string {
  return `<div class="card ${extraClass}"><div class="label">${escapeHtml(label)}</div><div class="value" data-testid="${testId}">${escapeHtml(value)}</div></div>`;
}

function findingRow(f: Finding, index: number, lang: Lang, multiAccount: boolean): string {
  const cells = [
    `<td><span class="sev sev-${f.severity}">${escapeHtml(severityLabel(lang, f.severity))}</span>${f.change === 'new' ? ` <span class="new">${escapeHtml(t(lang, 'newFindings'))}</span>` : ''}</td>`,
    `<td><code>${escapeHtml(f.ruleId)}</code><div class="msg">${escapeHtml(f.message || f.title)}</div></td>`,
    ...(multiAccount ? [`<td>${escapeHtml(f.accountId)}${f.accountName ? `<div class="muted">${escapeHtml(f.accountName)}</div>` : ''}</td>`] : []),
    `<td class="nowrap">${escapeHtml(f.region)}</td>`,
    `<td class="res">${escapeHtml(resourceLabel(f))}<div class="muted">${escapeHtml(f.resourceType)}</div></td>`,
    `<td class="num" data-cost="${f.monthlyCostUsd ?? ''}">${escapeHtml(money(f.monthlyCostUsd, t(lang, 'unknownCost')))}</td>`,
    `<td class="fix"><code>${escapeHtml(f.remediation)}</code></td>`,
  ];
  return `<tr data-index="${index}" data-severity="${f.severity}">${cells.join('')}</tr>`;
}

const CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#151b23}}
*{box-sizing:border-box}
body{margin:0;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic",sans-serif;background:var(--bg);color:var(--fg)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}
.meta,.muted{color:var(--muted);font-size:12px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:120px}
.card .label{color:var(--muted);font-size:12px}.card .value{font-size:20px;font-weight:600}
.card.total .value{color:#c62828}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:16px}
.chart{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px;overflow-x:auto}
.chart figcaption{font-weight:600;margin-bottom:6px}
.chart svg text{font-size:12px;fill:var(--fg)}.chart svg text.value{fill:var(--muted)}
.empty{color:var(--muted)}
.controls{display:flex;gap:8px;align-items:center;margin:8px 0;flex-wrap:wrap}
.controls input{flex:1;min-width:260px;padding:6px 8px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
.controls select{padding:6px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{font-size:12px;color:var(--muted);position:sticky;top:0;background:var(--bg)}
td.num{text-align:right;white-space:nowrap}
td.nowrap{white-space:nowrap}
td.res,td.fix code{overflow-wrap:anywhere}
.msg{font-size:12px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.sev{display:inline-block;padding:1px 6px;border-radius:10px;color:#fff;font-size:12px;white-space:nowrap}
${SEVERITIES.map((s) => `.sev-${s}{background:${SEVERITY_COLOUR[s]}}`).join('\n')}
.new{font-size:11px;font-weight:700;color:#2e7d32}
ul.problems li{margin:2px 0}
tr[hidden]{display:none}
`;

const JS = `
(function(){
  var data = JSON.parse(document.getElementById('costguard-data').textContent);
  var strings = JSON.parse(document.getElementById('costguard-strings').textContent);
  var findings = data.findings.filter(function(f){ return !f.suppressed; });
  var text = document.getElementById('filter');
  var severity = document.getElementById('severity');
  var status = document.getElementById('filter-status');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr[data-index]'));
  function haystack(f){
    return [f.ruleId,f.title,f.message,f.accountId,f.accountName,f.region,f.resourceType,f.resourceId,f.resourceName,f.resourceArn,f.remediation,f.pack,f.severity]
      .filter(Boolean).join(' ').toLowerCase();
  }
  var index = findings.map(haystack);
  function money(n){ return '$' + n.toLocaleString('en-US',{minimumFractionDigits:2,maximumFractionDigits:2}); }
  function apply(){
    var words = text.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var sev = severity.value;
    var shown = 0, cost = 0;
    rows.forEach(function(row){
      var i = Number(row.getAttribute('data-index'));
      var f = findings[i];
      var ok = (!sev || f.severity === sev) && words.every(function(w){ return index[i].indexOf(w) !== -1; });
      row.hidden = !ok;
      if (ok) { shown++; cost += f.monthlyCostUsd || 0; }
    });
    status.textContent = strings.showing.replace('{shown}', shown).replace('{total}', findings.length) + ' · ' + money(Math.round(cost * 100) / 100);
    status.setAttribute('data-shown', String(shown));
  }
  text.addEventListener('input', apply);
  severity.addEventListener('change', apply);
  apply();
})();
`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function renderHtml(report: Report, opts: RenderOptions): string {
  const { lang } = opts;
  const tr = (key: MessageKey, vars?: Record<string, string | number>): string => escapeHtml(t(lang, key, vars));
  const s = report.summary;
  const multiAccount = accountCount(report) > 1;
  const findings = activeFindings(report);
  const names = new Map(accountTotals(report).map((a) => [a.accountId, a.name]));
  const other = lang === 'ko' ? '기타' : 'other';

  const charts = [
    barChart('chart-account', t(lang, 'costByAccount'), costBars(costBy(report, (f) => f.accountId), (id) => (names.get(id) ? `${id} (${names.get(id)})` : id), other), t(lang, 'noCost')),
    barChart('chart-rule', t(lang, 'costByRule'), costBars(withCost(costBy(report, (f) => f.ruleId)), (k) => k, other), t(lang, 'noCost')),
    barChart('chart-region', t(lang, 'costByRegion'), costBars(withCost(costBy(report, (f) => f.region)), (k) => k, other), t(lang, 'noCost')),
    barChart(
      'chart-severity',
      t(lang, 'findingsBySeverity'),
      SEVERITIES.map((sev) => ({ label: severityLabel(lang, sev), value: s.bySeverity[sev], text: String(s.bySeverity[sev]), colour: SEVERITY_COLOUR[sev] })),
      t(lang, 'noFindings'),
    ),
  ];

  const cards = [
    card('total-cost', t(lang, 'estimatedMonthlyWaste'), money(s.monthlyCostUsd), 'total'),
    card('total-findings', t(lang, 'findings'), String(s.findings)),
    ...SEVERITIES.map((sev) => card(`count-${sev}`, severityLabel(lang, sev), String(s.bySeverity[sev]))),
    card('suppressed', t(lang, 'suppressed'), String(s.suppressed)),
    card('not-evaluated', t(lang, 'notEvaluatedHeading'), String(s.rulesNotEvaluated)),
    card('accounts', t(lang, 'accounts'), String(accountCount(report))),
  ];

  const head = [t(lang, 'severity'), t(lang, 'rule'), ...(multiAccount ? [t(lang, 'account')] : []), t(lang, 'region'), t(lang, 'resource'), t(lang, 'perMonth'), t(lang, 'fix')];

  const body: string[] = [];
  body.push(`<h1>${tr('reportTitle')}</h1>`);
  body.push(`<div class="meta">${tr('generatedAt')} ${escapeHtml(report.generatedAt)} · costguard ${escapeHtml(report.version)} · ${tr('rulesEvaluated')}: ${s.rulesEvaluated} · ${tr('resourcesScanned')}: ${s.resources}</div>`);
  body.push(`<section class="cards">${cards.join('')}</section>`);

  if (report.baseline) {
    const b = report.baseline;
    body.push(
      `<p class="baseline" data-testid="baseline">${tr('baselineHeading')}: ${tr('newFindings')} <b>${b.new}</b> · ${tr('unchangedFindings')} ${b.unchanged} · ${tr('resolvedFindings')} ${b.resolved}</p>`,
    );
  }

  body.push(`<section class="charts">${charts.join('')}</section>`);

  body.push(`<h2>${tr('findings')}</h2>`);
  if (findings.length === 0) {
    body.push(`<p data-testid="no-findings">${tr('noFindings')}</p>`);
  }
  body.push(
    `<div class="controls"><input id="filter" type="search" placeholder="${tr('filterPlaceholder')}" aria-label="${tr('filterPlaceholder')}">` +
      `<select id="severity" aria-label="${tr('severity')}"><option value="">${tr('allSeverities')}</option>${SEVERITIES.map((sev) => `<option value="${sev}">${escapeHtml(severityLabel(lang, sev))}</option>`).join('')}</select>` +
      `<span id="filter-status" class="muted" data-shown="${findings.length}">${tr('showing', { shown: findings.length, total: findings.length })}</span></div>`,
  );
  body.push(
    `<table id="findings"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${findings.map((f, i) => findingRow(f, i, lang, multiAccount)).join('')}</tbody></table>`,
  );

  const suppressed = suppressedFindings(report);
  if (suppressed.length > 0) {
    body.push(`<details><summary>${tr('suppressed')} (${suppressed.length})</summary><ul class="problems">`);
    for (const f of suppressed) {
      body.push(
        `<li><code>${escapeHtml(f.ruleId)}</code> ${escapeHtml(f.accountId)} ${escapeHtml(f.region)} ${escapeHtml(resourceLabel(f))} — ${tr('reason')}: ${escapeHtml(f.suppressed?.reason ?? '')}${f.suppressed?.expires ? ` (${tr('expires')} ${escapeHtml(f.suppressed.expires)})` : ''}</li>`,
      );
    }
    body.push('</ul></details>');
  }

  if (report.resolved && report.resolved.length > 0) {
    body.push(`<h2>${tr('resolvedFindings')} (${report.resolved.length})</h2><ul class="problems">`);
    for (const f of report.resolved) body.push(`<li><code>${escapeHtml(f.ruleId)}</code> ${escapeHtml(f.accountId)} ${escapeHtml(f.region)} ${escapeHtml(resourceLabel(f))}</li>`);
    body.push('</ul>');
  }

  const notEvaluated = notEvaluatedLines(report);
  if (notEvaluated.length > 0) {
    body.push(`<h2>${tr('notEvaluatedHeading')}</h2><ul class="problems" id="not-evaluated">`);
    for (const n of notEvaluated) {
      body.push(`<li><code>${escapeHtml(n.ruleId)}</code> ${escapeHtml(n.accountId)} ${escapeHtml(n.regions.join(', '))} — ${escapeHtml(reasonText(lang, n.reason))}</li>`);
    }
    body.push('</ul>');
  }
  if (report.errors.length > 0) {
    body.push(`<h2>${tr('collectionErrors')}</h2><ul class="problems" id="errors">`);
    for (const e of report.errors) {
      body.push(`<li>${escapeHtml(e.accountId)} ${escapeHtml(e.region)} <code>${escapeHtml(e.operation)}</code> <b>${escapeHtml(e.code)}</b> — ${escapeHtml(e.message)}</li>`);
    }
    body.push('</ul>');
  }
  const problems = report.suppressionProblems;
  if (problems && (problems.expired.length > 0 || problems.stale.length > 0)) {
    body.push(`<h2>${tr('suppressionsHeading')}</h2><ul class="problems">`);
    for (const [key, list] of [['suppressionsExpired', problems.expired], ['suppressionsStale', problems.stale]] as const) {
      for (const e of list) {
        const scope = [e.rule, e.account, e.region, e.resource].filter(Boolean).join(' ');
        body.push(`<li>${tr(key)}: <code>${escapeHtml(scope)}</code> ${e.source ? escapeHtml(e.source) : ''} — ${escapeHtml(e.reason)}</li>`);
      }
    }
    body.push('</ul>');
  }

  const strings = { showing: t(lang, 'showing') };
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${tr('reportTitle')} — ${escapeHtml(report.generatedAt)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...body,
    `<script type="application/json" id="costguard-data">${scriptJson(canonicalReport(report))}</script>`,
    `<script type="application/json" id="costguard-strings">${scriptJson(strings)}</script>`,
    `<script>${JS}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export const htmlRenderer: Renderer = {
  format: 'html',
  extension: 'html',
  render: renderHtml,
};
