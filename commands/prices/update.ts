import { Flags } from '@oclif/core';
import { updatePriceTable, type UpdateResult } from '../../src/app/prices.js';
import { validateRegionNames } from '../../src/aws/regions.js';
import { CostguardCommand } from '../../src/cli/base-command.js';
import { EXIT } from '../../src/core/errors.js';
import { costCacheDir } from '../../src/cost/settings.js';

export default class PricesUpdate extends CostguardCommand {
  static override summary = 'Refresh a local price table from the AWS Price List API (free), used before the shipped table on live audits.';
  static override description =
    'Asks GetProducts (us-east-1; AWS_ENDPOINT_URL_PRICING points elsewhere) for every price key of the shipped table in each region, ' +
    'and writes the answers to $XDG_CACHE_HOME/costguard/price-table.json. Snapshots and the demo keep using the shipped table.';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> prices update --region ap-northeast-2', '<%= config.bin %> prices update --region us-east-1 --region eu-west-1 --json'];

  static override flags = {
    region: Flags.string({ required: true, multiple: true, description: 'Region to refresh (repeatable).' }),
    profile: Flags.string({ description: 'AWS profile whose credentials sign the Price List calls (default: AWS_PROFILE or the default chain).' }),
    'max-attempts': Flags.integer({ default: 3, min: 1, max: 20, description: 'Attempts per API call.' }),
  };

  public async run(): Promise<UpdateResult> {
    const { flags } = await this.parse(PricesUpdate);
    const regions = validateRegionNames(flags.region);
    const result = await updatePriceTable({ regions, cacheDir: costCacheDir(), maxAttempts: flags['max-attempts'], profile: flags.profile });
    if (!this.jsonEnabled()) {
      const lines = regions.map((r) => `${r}: ${result.written[r] ?? 0} prices`);
      if (result.fallback) lines.push(`Not updated: ${result.fallback}`);
      for (const m of result.missing.filter((x) => !result.fallback || !x.reason.includes(result.fallback))) lines.push(`  no price: ${m.key} in ${m.region} — ${m.reason}`);
      lines.push(`Written: ${result.file} (${result.apiCalls} Price List calls)`);
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    process.exitCode = result.fallback ? EXIT.incomplete : EXIT.ok;
    return result;
  }
}
