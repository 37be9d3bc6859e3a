import { Flags } from '@oclif/core';
import { collectCostInventory } from '../src/app/cost-run.js';
import { costRoles } from '../src/app/type-catalog.js';
import { CostguardCommand } from '../src/cli/base-command.js';
import { collectionFlags } from '../src/cli/flags.js';
import { ProgressLine } from '../src/cli/output.js';
import { targetFlags, targetOptionsFromFlags } from '../src/cli/target-flags.js';
import { EXIT, UsageError } from '../src/core/errors.js';
import { packageVersion } from '../src/core/package-root.js';
import { renderCostReport } from '../src/cost/render.js';
import { buildCostReport, type CostReport } from '../src/cost/report.js';
import { DEFAULT_CACHE_TTL, DEFAULT_COST_MONTHS, MAX_COST_MONTHS, costCacheDir, parseCacheTtl } from '../src/cost/settings.js';

export default class Cost extends CostguardCommand {
  static override summary = 'Show what the account spends: month to date, forecast, the last months, top usage types, free-tier state.';
  static override description =
    'Reads Cost Explorer (us-east-1; $0.01 per request and per page, answers cached on disk), the Free Tier API, Budgets and CloudWatch billing alarms. ' +
    'Amounts are USD before credits and refunds, for each account itself. Every usage type is shown with the audit rules that find the resources behind it.';
  static override enableJsonFlag = true;
  static override examples = [
    '<%= config.bin %> cost',
    '<%= config.bin %> cost --profile lab --months 3',
    '<%= config.bin %> cost --no-cache --json',
  ];

  static override flags = {
    ...targetFlags,
    months: Flags.integer({ default: DEFAULT_COST_MONTHS, min: 1, max: MAX_COST_MONTHS, description: 'Full months before this one to show.' }),
    'cache-ttl': Flags.string({ default: DEFAULT_CACHE_TTL, description: 'How long Cost Explorer answers are reused from the disk cache: 4h, 30m, 1d, or 0 for never.' }),
    cache: Flags.boolean({ default: true, allowNo: true, description: 'Read the disk cache (--no-cache asks Cost Explorer again and refreshes the cache).' }),
    ...collectionFlags(['max-attempts', 'allow-partial'], { description: { 'allow-partial': 'Exit 0 instead of 3 when some data could not be read.' } }),
  };

  public async run(): Promise<CostReport> {
    const { flags } = await this.parse(Cost);
    let cacheTtlMs: number;
    try {
      cacheTtlMs = parseCacheTtl(flags['cache-ttl']);
    } catch (error) {
      throw new UsageError(`--cache-ttl: ${(error as Error).message}`);
    }
    const settings = { months: flags.months, cacheTtlMs, readCache: flags.cache, cacheDir: costCacheDir() };
    const progress = new ProgressLine(this.progressEnabled(), 'Reading costs');
    const inventory = await collectCostInventory({
      targets: targetOptionsFromFlags(flags),
      settings,
      maxAttempts: flags['max-attempts'],
      onProgress: (done, total, label) => progress.update(done, total, label),
    }).finally(() => progress.done());
    const report = buildCostReport(inventory, { version: packageVersion(), months: flags.months, roles: costRoles() });
    if (!this.jsonEnabled()) {
      process.stdout.write(renderCostReport(report, { color: Boolean(process.stdout.isTTY), width: process.stdout.columns, cacheTtl: flags['cache-ttl'] }));
    }
    process.exitCode = report.errors.length > 0 && !flags['allow-partial'] ? EXIT.incomplete : EXIT.ok;
    return report;
  }
}
