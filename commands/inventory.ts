import { Flags } from '@oclif/core';
import { loadInventory } from '../src/app/sources.js';
import { CostguardCommand } from '../src/cli/base-command.js';
import { targetFlags } from '../src/cli/target-flags.js';
import { collectionFlags, liveSourceFromFlags, workersFlag } from '../src/cli/flags.js';
import { ProgressLine, writeOutputFile } from '../src/cli/output.js';
import { globToRegExp } from '../src/core/conditions/index.js';
import { EXIT, UsageError } from '../src/core/errors.js';
import { closestMatch } from '../src/core/policy/did-you-mean.js';
import type { Inventory } from '../src/core/model.js';
import { allResourceTypes } from '../src/resources/registry.js';

export default class InventoryCommand extends CostguardCommand {
  static override summary = 'Collect and save the inventory of AWS resources (a snapshot to audit offline).';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> inventory --output lab.json', '<%= config.bin %> audit --snapshot lab.json'];

  static override flags = {
    ...targetFlags,
    ...collectionFlags(['region', 'concurrency', 'max-attempts', 'allow-partial']),
    workers: workersFlag,
    type: Flags.string({ char: 't', multiple: true, description: 'Only these resource types (repeatable, globs allowed, e.g. "ec2:*").' }),
    output: Flags.string({ char: 'o', description: 'Write the inventory JSON to this file (default: stdout).' }),
  };

  public async run(): Promise<Inventory> {
    const { flags } = await this.parse(InventoryCommand);
    const progress = new ProgressLine(this.progressEnabled(), 'Collecting');
    const inventory = await loadInventory({
      source: liveSourceFromFlags(flags),
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

/** --type globs → resource types. Without --type: every type except the paid Cost Explorer ones ($0.01 a request). */
function selectTypes(patterns: string[] | undefined): string[] {
  const all = allResourceTypes().map((t) => t.type);
  if (!patterns || patterns.length === 0) return allResourceTypes().filter((t) => !t.paid).map((t) => t.type);
  const selected = new Set<string>();
  for (const pattern of patterns) {
    const matched = all.filter((t) => globToRegExp(pattern).test(t));
    if (matched.length === 0) {
      const suggestion = closestMatch(pattern, all);
      throw new UsageError(`--type "${pattern}" matches no resource type${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, 'List them with: costguard policies list, or see src/resources/.');
    }
    for (const t of matched) selected.add(t);
  }
  return [...selected];
}
