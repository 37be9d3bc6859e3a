import { Flags } from '@oclif/core';
import { loadInventory } from '../src/app/sources.js';
import { CostguardCommand } from '../src/cli/base-command.js';
import { targetFlags, targetOptionsFromFlags } from '../src/cli/target-flags.js';
import { collectionFlags } from '../src/cli/flags.js';
import { ProgressLine, writeOutputFile } from '../src/cli/output.js';
import { EXIT } from '../src/core/errors.js';
import type { Inventory } from '../src/core/model.js';
import { allResourceTypes } from '../src/resources/registry.js';

export default class InventoryCommand extends CostguardCommand {
  static override summary = 'Collect and save the inventory of AWS resources (a snapshot to audit offline).';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> inventory --output lab.json', '<%= config.bin %> audit --snapshot lab.json'];

  static override flags = {
    ...targetFlags,
    ...collectionFlags,
    type: Flags.string({ char: 't', multiple: true, description: 'Only these resource types (repeatable, globs allowed, e.g. "ec2:*").' }),
    output: Flags.string({ char: 'o', description: 'Write the inventory JSON to this file (default: stdout).' }),
  };

  public async run(): Promise<Inventory> {
    const { flags } = await this.parse(InventoryCommand);
    const progress = new ProgressLine(this.progressEnabled(), 'Collecting');
    const inventory = await loadInventory({
      source: { kind: 'aws', targets: targetOptionsFromFlags(flags), regions: flags.region, concurrency: flags.concurrency, maxAttempts: flags['max-attempts'] },
      types: selectTypes(flags.type),
      onProgress: (done, total, label) => progress.update(done, total, label),
    }).finally(() => progress.done());
    const text = JSON.stringify(inventory, null, 2);
    if (flags.output) {
      writeOutputFile(flags.output, text);
      process.stderr.write(`Saved ${inventory.resources.length} resources from ${inventory.targets.length} account(s) to ${flags.output}` +
        `${inventory.errors.length > 0 ? ` (${inventory.errors.length} collection errors)` : ''}\n`);
    } else if (!this.jsonEnabled()) {
      process.stdout.write(`${text}\n`);
    }
    process.exitCode = inventory.errors.length > 0 && !flags['allow-partial'] ? EXIT.incomplete : EXIT.ok;
    return inventory;
  }
}

function selectTypes(patterns: string[] | undefined): string[] | undefined {
  if (!patterns || patterns.length === 0) return undefined;
  const all = allResourceTypes().map((t) => t.type);
  const regexes = patterns.map((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`));
  return all.filter((t) => regexes.some((r) => r.test(t)));
}
