import { Flags } from '@oclif/core';
import { runAudit } from '../src/app/audit.js';
import type { InventorySource } from '../src/app/sources.js';
import { CostguardCommand } from '../src/cli/base-command.js';
import { targetFlags } from '../src/cli/target-flags.js';
import { parseShard } from '../src/aws/targets/options.js';
import { collectionFlags, failOnFlag, liveSourceFromFlags, parseKeyValues, policyFlags, workersFlag } from '../src/cli/flags.js';
import { ProgressLine, outputPath, terminalWidth, writeOutputFile } from '../src/cli/output.js';
import { EXIT, UsageError } from '../src/core/errors.js';
import { SEVERITIES, type Report } from '../src/core/model.js';
import type { RenderOptions } from '../src/report/types.js';
import { pickLang } from '../src/report/i18n.js';
import { shouldFail } from '../src/core/report-builder.js';
import { loadRenderers } from '../src/report/loaders.js';
import { FORMATS, type Format } from '../src/report/types.js';

/** --notify-webhook must be an http(s) URL: a bad one is bad input (exit 2), found before any AWS call. */
function checkWebhookUrl(value: string): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
    throw new UsageError(`--notify-webhook "${value}" is not an http(s) URL`, 'Pass the webhook URL as given by Slack or your chat tool, e.g. https://hooks.slack.com/services/...');
  }
}

export default class Audit extends CostguardCommand {
  static override summary = 'Audit AWS accounts for free-tier cost traps and IAM hygiene.';
  static override description =
    'Collects every enabled region (or --region), evaluates the policy packs and prints findings with their estimated monthly cost and the exact fix command.';
  static override enableJsonFlag = true;
  static override examples = [
    '<%= config.bin %> audit --demo',
    '<%= config.bin %> audit --profile lab --region us-east-1 --region eu-west-1',
    '<%= config.bin %> audit --fail-on high --format sarif --output costguard.sarif',
    '<%= config.bin %> audit --snapshot lab.json --param ebsFreeGiB=20',
    '<%= config.bin %> audit --pack local --home /home/student',
  ];

  static override flags = {
    ...targetFlags,
    ...collectionFlags(['region', 'concurrency', 'max-attempts', 'allow-partial']),
    workers: workersFlag,
    ...policyFlags,
    snapshot: Flags.string({ description: 'Evaluate a saved inventory (from `costguard inventory --output FILE`) offline.', exclusive: ['demo'] }),
    demo: Flags.boolean({ description: 'Evaluate the bundled demo account snapshot.', exclusive: ['snapshot'] }),
    format: Flags.string({ char: 'f', multiple: true, options: [...FORMATS], description: 'Output format (repeatable with --output-dir). Default: table on a TTY, json otherwise.' }),
    output: Flags.string({ char: 'o', description: 'Write the report to this file instead of stdout.' }),
    'output-dir': Flags.string({ description: 'Write one file per --format into this folder.' }),
    'fail-on': failOnFlag,
    details: Flags.boolean({ description: 'Table: show every finding with its full message, why and fix command (default: one line per finding or per rule).' }),
    'min-severity': Flags.option({ options: SEVERITIES, description: 'Table: show only findings at or above this severity. Display only: --fail-on and the exit code still see every finding.' })(),
    stats: Flags.boolean({ description: 'Show API calls by service and operation, retries, throttles and duration.' }),
    lang: Flags.option({ options: ['en', 'ko'] as const, description: 'Language of messages (default from LANG/LC_ALL).' })(),
    suppressions: Flags.string({ description: 'Suppressions file (rule/account/region/resource globs, reason, optional expiry). .costguard.yml in the working directory is read too.' }),
    baseline: Flags.string({ description: 'A previous JSON report: mark each finding new or unchanged and list resolved ones.' }),
    'fail-on-new': Flags.boolean({ description: 'Only new findings fail the run (with --fail-on: new ones at or above it). Without --baseline every finding is new, so a first scheduled run works.' }),
    'notify-webhook': Flags.string({ description: 'After the run, post a short summary to this Slack-compatible webhook URL.' }),
    'with-cost': Flags.boolean({ description: 'Also run the cost pack (Cost Explorer: $0.01 per request, cached).' }),
    home: Flags.string({ description: 'Home directory the local pack inspects (~/.ssh keys, ~/.aws files); default yours. With --snapshot or --demo, local checks run only when this is given.' }),
    local: Flags.boolean({ default: true, allowNo: true, description: 'Run the local pack on this machine (--no-local skips it; its rules are then reported as not evaluated).' }),
    now: Flags.string({ hidden: true, description: 'The moment the audit runs at (ISO 8601), for tests: month-to-date spend and ages are measured from it.' }),
    'offline-prices': Flags.boolean({ description: 'Price findings from the shipped price table only: no AWS Price List API calls (snapshots and the demo always do).' }),
  };

  public async run(): Promise<Report> {
    const { flags } = await this.parse(Audit);
    if (flags['notify-webhook'] !== undefined) checkWebhookUrl(flags['notify-webhook']);
    const formats = this.formatsFrom(flags.format, flags['output-dir']);
    // --region and --shard narrow a saved inventory too (the other target flags need live AWS).
    const saved = { regions: flags.region, shard: flags.shard !== undefined ? parseShard(flags.shard) : undefined };
    const source: InventorySource = flags.demo
      ? { kind: 'demo', ...saved }
      : flags.snapshot
        ? { kind: 'snapshot', file: flags.snapshot, ...saved }
        : liveSourceFromFlags(flags);
    const lang = pickLang(flags.lang);
    const progress = new ProgressLine(this.progressEnabled() && source.kind === 'aws', 'Collecting');
    const { report, ruleMeta, shard } = await runAudit({
      source,
      policyFiles: flags.policy,
      packs: withCostPack(flags.pack, flags['with-cost']),
      suppressionsFile: flags.suppressions,
      baselineFile: flags.baseline,
      params: parseKeyValues(flags.param, 'param'),
      only: flags.rule,
      skip: flags['skip-rule'],
      lang,
      local: flags.local ? { home: flags.home } : false,
      offlinePrices: flags['offline-prices'],
      ...(flags.now ? { now: parseNow(flags.now) } : {}),
      onProgress: (done, total, label) => progress.update(done, total, label),
    }).finally(() => progress.done());

    // Only the formats asked for, once the audit is done (a live audit's first calls do not wait for them).
    const RENDERERS = await loadRenderers(formats);
    const renderReport = (format: Format, r: Report, options: RenderOptions): string => RENDERERS[format].render(r, options);
    const renderOptions = { lang, color: Boolean(process.stdout.isTTY) && !flags.output, failOn: flags['fail-on'], stats: flags.stats, rules: ruleMeta, width: terminalWidth(), details: flags.details, minSeverity: flags['min-severity'], shard };
    if (flags['output-dir']) {
      for (const format of formats) {
        writeOutputFile(outputPath(flags['output-dir'], 'costguard-report', RENDERERS[format].extension), renderReport(format, report, { ...renderOptions, color: false }));
      }
    } else if (flags.output) {
      writeOutputFile(flags.output, renderReport(formats[0], report, { ...renderOptions, color: false }));
    } else if (!this.jsonEnabled()) {
      process.stdout.write(ensureNewline(renderReport(formats[0], report, renderOptions)));
    }
    // A shard with no account says so (the table says it in place of "No findings"; other formats on stderr).
    if (shard && !report.targets.some((target) => target.accountId !== 'local') && (formats[0] !== 'table' || flags.output || flags['output-dir'] || this.jsonEnabled())) {
      const { shardEmptyLine } = await import('../src/report/table.js');
      process.stderr.write(`${shardEmptyLine(shard, lang)}\n`);
    }
    if (flags['notify-webhook']) {
      const { notifyWebhook } = await import('../src/report/notify.js');
      const sent = await notifyWebhook(flags['notify-webhook'], report, { lang });
      if (!sent.ok) process.stderr.write(`warning: webhook notification failed (${sent.error ?? `HTTP ${sent.status}`}); the report is unaffected\n`);
    }
    process.exitCode = this.exitCodeFor(report, flags['fail-on'], flags['fail-on-new'], flags['allow-partial']);
    return report;
  }

  private formatsFrom(requested: string[] | undefined, outputDir: string | undefined): Format[] {
    const formats = (requested && requested.length > 0 ? requested : [process.stdout.isTTY ? 'table' : 'json']) as Format[];
    if (formats.length > 1 && !outputDir) throw new UsageError('several --format values need --output-dir DIR (one file per format)');
    return formats;
  }

  private exitCodeFor(report: Report, failOn: Report['findings'][number]['severity'] | undefined, failOnNew: boolean, allowPartial: boolean): number {
    if (failOn && shouldFail(report, failOn, failOnNew)) return EXIT.findings;
    if (report.errors.length > 0 && !allowPartial) return EXIT.incomplete;
    return EXIT.ok;
  }
}

function parseNow(text: string): Date {
  const now = new Date(text);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now ${text}: not an ISO 8601 time`);
  return now;
}

/** --with-cost adds the opt-in cost pack to the selection (or to the default packs). */
function withCostPack(packs: string[] | undefined, withCost: boolean): string[] | undefined {
  if (!withCost) return packs;
  if (packs && packs.length > 0) return packs.includes('cost') ? packs : [...packs, 'cost'];
  return ['@default', 'cost'];
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
