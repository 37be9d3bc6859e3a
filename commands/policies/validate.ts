import { Args } from '@oclif/core';
import { CostguardCommand } from '../../src/cli/base-command.js';
import { EXIT, formatProblem, type FileProblem } from '../../src/core/errors.js';
import { loadBuiltinPacks, validatePackFiles } from '../../src/core/policy/load.js';
import { loadTypeCatalog } from '../../src/app/type-catalog.js';

export default class PoliciesValidate extends CostguardCommand {
  static override summary = 'Validate policy pack files; reports every problem with file, line, column and path.';
  static override enableJsonFlag = true;
  static override strict = false;
  static override args = { file: Args.string({ required: true, description: 'Policy pack file(s) to validate' }) };
  static override examples = ['<%= config.bin %> policies validate my-pack.yml other.yml'];

  public async run(): Promise<{ valid: boolean; problems: FileProblem[] }> {
    const { argv } = await this.parse(PoliciesValidate);
    const files = argv as string[];
    const problems = validatePackFiles(files, { catalog: loadTypeCatalog(), alongside: loadBuiltinPacks() });
    if (!this.jsonEnabled()) {
      if (problems.length === 0) process.stdout.write(`${files.length} file(s) valid\n`);
      else process.stderr.write(`${problems.map(formatProblem).join('\n')}\n${problems.length} problem(s) in ${new Set(problems.map((p) => p.file)).size} file(s)\n`);
    }
    process.exitCode = problems.length === 0 ? EXIT.ok : EXIT.usage;
    return { valid: problems.length === 0, problems };
  }
}
