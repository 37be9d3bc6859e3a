// --notify-webhook URL: after a run, post a short summary in a Slack-compatible payload (text +
// Block Kit blocks; Mattermost, Rocket.Chat, Discord's /slack endpoint and Teams workflows accept
// the same shape). Never throws: a failed notification is reported, the report is not lost.

import { severityLabel, t, type Lang } from './i18n.js';
import { SEVERITIES, type Finding, type Report } from '../core/model.js';
import { activeFindings, money, resourceLabel } from './shared.js';

export const TOP_ITEMS = 5;
const DEFAULT_TIMEOUT_MS = 10_000;
const SECTION_LIMIT = 3000;

export interface NotifyOptions {
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  lang?: Lang;
}

export interface NotifyResult {
  ok: boolean;
  status?: number;
  error?: string;
}

/** Slack mrkdwn needs only &, < and > escaped. */
function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ICON = { critical: ':red_circle:', high: ':large_orange_circle:', medium: ':large_yellow_circle:', low: ':large_blue_circle:', info: ':white_circle:' } as const;

function itemLine(f: Finding, lang: Lang): string {
  const cost = f.monthlyCostUsd !== null ? ` — ${money(f.monthlyCostUsd)}/mo` : '';
  return `${ICON[f.severity]} *${esc(severityLabel(lang, f.severity))}* \`${esc(f.ruleId)}\` ${esc(resourceLabel(f))} (${esc(f.accountId)} ${esc(f.region)})${cost}`;
}

export interface WebhookPayload {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

/** The message: new findings (or all, without a baseline), $/month, counts, top items. */
export function webhookPayload(report: Report, lang: Lang = 'en'): WebhookPayload {
  const s = report.summary;
  const active = activeFindings(report);
  const newOnes = active.filter((f) => f.change === 'new');
  const hasBaseline = Boolean(report.baseline);
  const top = (hasBaseline ? newOnes : active).slice(0, TOP_ITEMS);
  const accounts = new Set(report.targets.map((tg) => tg.accountId)).size;

  const headline = hasBaseline
    ? `costguard: ${newOnes.length} new finding${newOnes.length === 1 ? '' : 's'} · ${s.findings} total · ${money(s.monthlyCostUsd)}/month`
    : `costguard: ${s.findings} finding${s.findings === 1 ? '' : 's'} · ${money(s.monthlyCostUsd)}/month`;

  const fields = [
    ...(hasBaseline ? [{ type: 'mrkdwn', text: `*${esc(t(lang, 'newFindings'))}*\n${newOnes.length}` }] : []),
    { type: 'mrkdwn', text: `*${esc(t(lang, 'estimatedMonthlyWaste'))}*\n${money(s.monthlyCostUsd)}` },
    {
      type: 'mrkdwn',
      text: `*${esc(t(lang, 'findings'))}*\n${s.findings} (${SEVERITIES.filter((sev) => s.bySeverity[sev] > 0)
        .map((sev) => `${esc(severityLabel(lang, sev))} ${s.bySeverity[sev]}`)
        .join(', ') || '0'})`,
    },
    { type: 'mrkdwn', text: `*${esc(t(lang, 'accounts'))}*\n${accounts}` },
  ];
  if (report.baseline) fields.push({ type: 'mrkdwn', text: `*${esc(t(lang, 'resolvedFindings'))}*\n${report.baseline.resolved}` });

  const blocks: Array<Record<string, unknown>> = [
    { type: 'header', text: { type: 'plain_text', text: t(lang, 'reportTitle') } },
    { type: 'section', text: { type: 'mrkdwn', text: esc(headline) }, fields },
  ];
  if (top.length > 0) {
    let list = `*${esc(t(lang, 'topFindings'))}*\n${top.map((f) => itemLine(f, lang)).join('\n')}`;
    if (list.length > SECTION_LIMIT) list = `${list.slice(0, SECTION_LIMIT - 1)}…`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: list } });
  }
  const context = [`${esc(t(lang, 'generatedAt'))} ${report.generatedAt}`];
  if (s.suppressed > 0) context.push(`${esc(t(lang, 'suppressed'))}: ${s.suppressed}`);
  if (s.rulesNotEvaluated > 0) context.push(`:warning: ${esc(t(lang, 'notEvaluatedHeading'))}: ${s.rulesNotEvaluated}`);
  if (report.errors.length > 0) context.push(`:warning: ${esc(t(lang, 'collectionErrors'))}: ${report.errors.length}`);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context.join(' · ') }] });
  return { text: headline, blocks };
}

/** The URL without its path and query (webhook URLs carry secrets): "https://hooks.slack.com/…". */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '(invalid URL)';
  }
}

/** POST the summary to a webhook. Resolves { ok: false, error } on any failure; never throws. */
export async function notifyWebhook(url: string, report: Report, options: NotifyOptions = {}): Promise<NotifyResult> {
  const where = redactUrl(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, error: 'webhook URL is not a valid URL' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { ok: false, error: `webhook URL must be http(s), not ${parsed.protocol}` };

  const controller = new AbortController();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const body = JSON.stringify(webhookPayload(report, options.lang ?? 'en'));
    const doFetch = options.fetchImpl ?? fetch;
    const response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': `costguard/${report.version}` },
      body,
      signal: controller.signal,
    });
    if (!response.ok) {
      let detail = '';
      try {
        detail = (await response.text()).trim().slice(0, 200);
      } catch {
        // the status says enough
      }
      return { ok: false, status: response.status, error: `webhook ${where} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}` };
    }
    return { ok: true, status: response.status };
  } catch (error) {
    const reason = controller.signal.aborted ? `no answer within ${timeoutMs} ms` : errorText(error);
    return { ok: false, error: `webhook ${where} failed: ${reason}` };
  } finally {
    clearTimeout(timer);
  }
}

function errorText(error: unknown): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(error);
}
