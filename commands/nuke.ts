import { createInterface } from 'node:readline/promises';
import { Flags } from '@oclif/core';
import { nukeExitCode, runNuke, type NukeResult } from '../src/app/nuke/run.js';
import { receiptBeforeStart, type ExecuteEvent } from '../src/app/nuke/execute.js';
import { CostguardCommand } from '../src/cli/base-command.js';
import { parseKeyValues } from '../src/cli/flags.js';
import { targetFlags, targetOptionsFromFlags } from '../src/cli/target-flags.js';
import { ProgressLine } from '../src/cli/output.js';
import { DURATION_HINT, isDuration, parseDuration } from '../src/core/duration.js';
import { UsageError } from '../src/core/errors.js';
import { accountLabel } from '../src/core/nuke/accounts.js';
import { parseKeepTag } from '../src/core/nuke/overrides.js';
import { planToJson, renderPlanTable, renderReceiptTable } from '../src/core/nuke/render.js';
import type { NukePlan, NukeReceipt } from '../src/core/nuke/types.js';
import { packageVersion } from '../src/core/package-root.js';

export default class Nuke extends CostguardCommand {
  static override summary = 'Delete what a lab left behind, safely: dry run by default, dependency order, a receipt.';
  static override description = [
    'Plans the deletion of the selected resources in every target account and region and prints the plan (a dry run).',
    'With --no-dry-run it deletes them in dependency order, retrying what is blocked, and prints a receipt.',
    'Never deleted: your own identity and the role you came through, SSO and service-linked roles, OrganizationAccountAccessRole,',
    'AWS-managed resources, the default VPC (unless --include-default-vpc), anything tagged costguard:keep or matching keep.',
    'Accounts on the config block list, with "prod" in their alias, or the Organizations management account are refused.',
  ].join('\n');
  static override enableJsonFlag = true;
  static override examples = [
    '<%= config.bin %> nuke --newer-than 8h',
    '<%= config.bin %> nuke --config lab-cleanup --region us-east-1 --region eu-west-1',
    '<%= config.bin %> nuke --findings free-tier',
    '<%= config.bin %> nuke --config lab-cleanup --no-dry-run --confirm-account 123456789012',
    '<%= config.bin %> nuke --org --ou ou-ab12-labs --newer-than 1d   # every lab account of an OU, one confirmation',
  ];

  static override flags = {
    ...targetFlags,
    config: Flags.string({ char: 'c', description: 'Nuke config file (YAML), or the name of a shipped one: lab-cleanup.' }),
    include: Flags.string({ multiple: true, description: 'Only these resource types (globs, repeatable), e.g. "ec2:*".' }),
    exclude: Flags.string({ multiple: true, description: 'Never these resource types (globs, repeatable).' }),
    region: Flags.string({ char: 'r', multiple: true, description: 'Only these regions (repeatable). Default: the config\'s, else every enabled region.' }),
    'newer-than': Flags.string({ description: 'Only resources created less than this long ago, e.g. 8h (the lab).' }),
    'older-than': Flags.string({ description: 'Only resources created more than this long ago, e.g. 30d.' }),
    tag: Flags.string({ multiple: true, description: 'Only resources with this tag: KEY=VALUE (repeatable; all must hold).' }),
    'keep-tag': Flags.string({ multiple: true, description: 'Keep resources with this tag: KEY or KEY=VALUE (repeatable). costguard:keep is always kept.' }),
    findings: Flags.string({ multiple: true, description: 'Only what the audit flags for this pack or rule id (repeatable), e.g. free-tier.' }),
    'dry-run': Flags.boolean({ default: true, allowNo: true, description: 'Only print the plan (default). --no-dry-run deletes.' }),
    'confirm-account': Flags.string({ multiple: true, description: 'Confirm without a prompt: the id (or alias) of every account to nuke. Required for --no-dry-run without a terminal.' }),
    'allow-management-account': Flags.boolean({ default: false, description: 'Allow nuking an Organizations management account.' }),
    'include-default-vpc': Flags.boolean({ default: false, description: 'Also delete the default VPC and its parts.' }),
    'max-wait': Flags.string({ default: '30m', description: `Stop retrying and waiting after this long (${DURATION_HINT}).` }),
    concurrency: Flags.integer({ default: 10, min: 1, max: 64, description: 'Deletions in flight at once.' }),
    'max-attempts': Flags.integer({ default: 5, min: 1, max: 20, description: 'Attempts per API call (the SDK retries throttles and transient errors).' }),
    'allow-partial': Flags.boolean({ default: false, description: 'Exit 0 instead of 3 when some resources could not be listed.' }),
    format: Flags.option({ options: ['table', 'json'] as const, default: 'table', description: 'Output format.' })(),
    now: Flags.string({ hidden: true, description: 'Evaluate ages (--newer-than, createdAt rules) as of this ISO time instead of the clock; for tests.' }),
  };

  public async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(Nuke);
    const maxWait = flags['max-wait'];
    if (!isDuration(maxWait)) throw new UsageError(`--max-wait "${maxWait}" is not ${DURATION_HINT}`);
    const json = this.jsonEnabled() || flags.format === 'json';
    const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
    const stop = new AbortController();
    const startedAt = new Date();
    let snapshot: (() => NukeReceipt) | undefined;
    let forced: ReturnType<typeof setTimeout> | undefined;
    // Whatever the run is doing (collecting, planning, deleting), it stops within 2 s of Ctrl-C and
    // writes a receipt: gracefully when deletions settle in time, otherwise as the receipt stands.
    const forceStop = () => {
      const stopReason = 'stopped by the user (Ctrl-C)';
      const receipt = snapshot?.() ?? receiptBeforeStart({ version: packageVersion(), startedAt, finishedAt: new Date(), stopReason: `${stopReason} before any deletion started` });
      const text = json ? `${JSON.stringify(receipt, null, 2)}\n` : renderReceiptTable(receipt);
      process.stdout.write(text, () => process.exit(1));
    };
    const onSigint = () => {
      if (forced) return forceStop();
      process.stderr.write('\nStopping: no new deletions start; the receipt follows within 2 s...\n');
      stop.abort();
      forced = setTimeout(forceStop, 1_700);
      forced.unref();
    };
    process.on('SIGINT', onSigint);
    const collectProgress = new ProgressLine(this.progressEnabled(), 'Collecting');
    const deleteProgress = new ProgressLine(this.progressEnabled(), 'Deleting');
    const now = flags.now === undefined ? undefined : new Date(flags.now);
    if (now && Number.isNaN(now.getTime())) throw new UsageError(`--now "${flags.now}" is not an ISO date-time`);
    let result: NukeResult;
    try {
      result = await runNuke({
        config: flags.config,
        overrides: {
          include: flags.include,
          exclude: flags.exclude,
          regions: flags.region,
          newerThan: flags['newer-than'],
          olderThan: flags['older-than'],
          tags: parseKeyValues(flags.tag, 'tag'),
          keepTags: (flags['keep-tag'] ?? []).map(parseKeepTag),
          includeDefaultVpc: flags['include-default-vpc'],
        },
        findings: flags.findings,
        targets: targetOptionsFromFlags(flags),
        dryRun: flags['dry-run'],
        confirmAccounts: flags['confirm-account'] ?? [],
        allowManagementAccount: flags['allow-management-account'],
        concurrency: flags.concurrency,
        maxWaitMs: parseDuration(maxWait),
        maxAttempts: flags['max-attempts'],
        now,
        signal: stop.signal,
        confirm: interactive ? (plan, expected) => this.ask(plan, expected) : undefined,
        onPlan: (plan) => {
          collectProgress.done();
          // The plan always shows before anything is deleted; with JSON output it goes to stderr for a real run.
          if (!flags['dry-run'] && plan.deletions.length > 0 && !this.jsonEnabled()) {
            const text = renderPlanTable(plan, { dryRun: false });
            if (json) process.stderr.write(text);
            else process.stdout.write(text);
          }
        },
        onCollectProgress: (done, total, label) => collectProgress.update(done, total, label),
        onExecuteStart: (s) => (snapshot = s),
        onDeleteEvent: (e: ExecuteEvent) => deleteProgress.update(e.settled, e.total, `pass ${e.pass}: ${e.what} ${e.item.type} ${e.item.id}`),
      });
    } finally {
      collectProgress.done();
      deleteProgress.done();
      clearTimeout(forced);
      process.removeListener('SIGINT', onSigint);
    }
    return this.report(result, { json, dryRun: flags['dry-run'], allowPartial: flags['allow-partial'] });
  }

  private report(result: NukeResult, options: { json: boolean; dryRun: boolean; allowPartial: boolean }): Record<string, unknown> {
    const { plan, receipt } = result;
    process.exitCode = nukeExitCode(result, options.allowPartial);
    if (result.declined) {
      process.stderr.write('Not confirmed: nothing was deleted.\n');
      return planToJson(plan, { dryRun: true });
    }
    if (!receipt) {
      const out = planToJson(plan, { dryRun: options.dryRun });
      if (!this.jsonEnabled()) process.stdout.write(options.json ? `${JSON.stringify(out, null, 2)}\n` : renderPlanTable(plan, { dryRun: options.dryRun }));
      return out;
    }
    if (!this.jsonEnabled()) process.stdout.write(options.json ? `${JSON.stringify(receipt, null, 2)}\n` : renderReceiptTable(receipt));
    return receipt as unknown as Record<string, unknown>;
  }

  /** One confirmation for the whole run, listing every account. */
  private async ask(plan: NukePlan, expected: string[]): Promise<boolean> {
    const allowed = plan.accounts.filter((a) => a.status === 'allowed');
    const refused = plan.accounts.filter((a) => a.status === 'refused');
    const lines = [
      '',
      `About to delete ${plan.summary.deletions} resources in ${allowed.length === 1 ? 'this account' : `these ${allowed.length} accounts`}:`,
      ...allowed.map((a) => `  ${accountLabel(a)}: ${a.deletions} deletions (${a.source})`),
      ...(refused.length > 0 ? ['Refused (nothing is deleted there):', ...refused.map((a) => `  ${accountLabel(a)}: ${a.reason}`)] : []),
      '',
    ];
    process.stderr.write(lines.join('\n'));
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await rl.question(`Type ${expected.map((e) => `"${e}"`).join(' or ')} to delete: `);
      return expected.includes(answer.trim());
    } finally {
      rl.close();
    }
  }
}

