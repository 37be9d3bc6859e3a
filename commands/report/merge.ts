import { Args, Flags } from '@oclif/core';
import { readFileSync } from 'node:fs';
import { CostguardCommand } from '../../src/cli/base-command.js';
import { failOnFlag } from '../../src/cli/flags.js';
import { outputPath, writeOutputFile } from '../../src/cli/output.js';
import { parseReport } from '../../src/core/baseline.js';
import { EXIT, InputFileError, UsageError } from '../../src/core/errors.js';
import { pickLang } from '../../src/report/i18n.js';
import type { Report } from '../../src/core/model.js';
import { mergeReports } from '../../src/core/report-merge.js';
import { shouldFail } from '../../src/core/report-builder.js';
import { FORMATS, RENDERERS, renderReport, type Format } from '../../src/report/index.js';
import { partialMergeNotice } from '../../src/report/merge-notice.js';

export default class ReportMerge extends CostguardCommand {
  static override summary = 'Combine the JSON reports of sharded runs (--shard I/N) into one report any format can render.';
  static override enableJsonFlag = true;
  static override strict = false;
  static override args = { file: Args.string({ required: true, description: 'JSON reports to merge' }) };
  static override examples = [
    '<%= config.bin %> report merge shard-1.json shard-2.json shard-3.json --format json --output org.json',
    '<%= config.bin %> report merge part-*.json --format sarif --format markdown --output-dir out/',
  ];
  static override flags = {
    format: Flags.string({ char: 'f', multiple: true, options: [...FORMATS], description: 'Output format (repeatable with --output-dir). Default: table on a TTY, json otherwise.' }),
    output: Flags.string({ char: 'o', description: 'Write the merged report to this file.' }),
    'output-dir': Flags.string({ description: 'Write one file per --format into this folder.' }),
    'fail-on': failOnFlag,
    lang: Flags.option({ options: ['en', 'ko'] as const, description: 'Language of messages.' })(),
    'allow-partial': Flags.boolean({ description: 'Do not exit 3 when a shard could not collect some data (the merged report still lists it).' }),
  };

  public async run(): Promise<Report> {
    const { argv, flags } = await this.parse(ReportMerge);
    const files = argv as string[];
    const reports = files.map((file) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new InputFileError([{ file, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
      }
      return parseReport(text, file);
    });
    const merged = mergeReports(reports, { sources: files });
    const formats = (flags.format && flags.format.length > 0 ? flags.format : [process.stdout.isTTY ? 'table' : 'json']) as Format[];
    if (formats.length > 1 && !flags['output-dir']) throw new UsageError('several --format values need --output-dir DIR');
    const options = { lang: pickLang(flags.lang), color: false, failOn: flags['fail-on'] };
    if (flags['output-dir']) {
      for (const f of formats) writeOutputFile(outputPath(flags['output-dir'], 'costguard-report', RENDERERS[f].extension), renderReport(f, merged, options));
    } else if (flags.output) {
      writeOutputFile(flags.output, renderReport(formats[0], merged, options));
    } else if (!this.jsonEnabled()) {
      process.stdout.write(`${renderReport(formats[0], merged, { ...options, color: Boolean(process.stdout.isTTY) }).trimEnd()}\n`);
    }
    const notice = partialMergeNotice(merged, flags['allow-partial']);
    if (notice) process.stderr.write(`${notice}\n`);
    const incomplete = merged.errors.length > 0 && !flags['allow-partial'];
    process.exitCode = flags['fail-on'] && shouldFail(merged, flags['fail-on']) ? EXIT.findings : incomplete ? EXIT.incomplete : EXIT.ok;
    return merged;
  }
}
