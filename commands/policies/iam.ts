import { Flags } from '@oclif/core';
import { CostguardCommand } from '../../src/cli/base-command.js';
import { buildCostguardPolicy, formatPolicyJson, type IamPolicyJson } from '../../src/core/iam/costguard-policy.js';
import { allResourceTypes } from '../../src/resources/registry.js';

export default class PoliciesIam extends CostguardCommand {
  static override summary = "Print costguard's own least-privilege IAM policy (read-only for audit, plus deletes for nuke).";
  static override description =
    'Built from the IAM actions every resource type declares; the same documents ship as policies/iam/costguard-audit.json and costguard-nuke.json. Attach it to the role or user costguard runs as.';
  static override enableJsonFlag = true;
  static override examples = [
    '<%= config.bin %> policies iam > costguard-audit.json',
    'aws iam create-policy --policy-name costguard-audit --policy-document "$(<%= config.bin %> policies iam --for audit)"',
    '<%= config.bin %> policies iam --for nuke',
  ];
  static override flags = {
    for: Flags.option({ options: ['audit', 'nuke'] as const, default: 'audit', description: 'audit (read-only: audit, inventory) or nuke (audit plus the delete actions).' })(),
  };

  public async run(): Promise<IamPolicyJson> {
    const { flags } = await this.parse(PoliciesIam);
    const policy = buildCostguardPolicy(flags.for, allResourceTypes().map((t) => ({ type: t.type, list: t.permissions.list, remove: t.permissions.remove })));
    if (!this.jsonEnabled()) process.stdout.write(formatPolicyJson(policy));
    return policy;
  }
}
