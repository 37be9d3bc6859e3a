import { CallStats } from '../src/aws/call-stats.js';
import { ClientFactory } from '../src/aws/client-factory.js';
import { checkTargets, resolveTargets, type TargetCheck } from '../src/aws/targets/index.js';
import { CostguardCommand } from '../src/cli/base-command.js';
import { collectionFlags } from '../src/cli/flags.js';
import { targetFlags, targetOptionsFromFlags } from '../src/cli/target-flags.js';
import { EXIT } from '../src/core/errors.js';
import type { CollectionError } from '../src/core/model.js';

export interface AccountsResult {
  accounts: TargetCheck[];
  /** The accounts that could not be reached, as the audit report would list them. */
  errors: CollectionError[];
  /** --all-profiles: profiles without credentials (only settings), passed over. */
  skippedProfiles?: string[];
  summary: { accounts: number; ok: number; failed: number };
}

export default class Accounts extends CostguardCommand {
  static override summary = 'List the accounts a run would work on, how each is reached, and whether its credentials work.';
  static override description =
    'Resolves the same targets as audit and inventory (--profile, --all-profiles, --sso-session, --org, --ou, --account, --shard), ' +
    'then proves each one with sts:GetCallerIdentity and reads its alias. Exit 3 when some accounts cannot be reached, 4 when there are no usable credentials.';
  static override enableJsonFlag = true;
  static override examples = [
    '<%= config.bin %> accounts --all-profiles',
    '<%= config.bin %> accounts --sso-session my-sso --sso-role ReadOnly --sso-role AdministratorAccess',
    '<%= config.bin %> accounts --org --ou ou-ab12-cdef3456 --exclude-account 111122223333 --json',
  ];

  static override flags = {
    ...targetFlags,
    ...collectionFlags(['max-attempts']),
  };

  public async run(): Promise<AccountsResult> {
    const { flags } = await this.parse(Accounts);
    const options = targetOptionsFromFlags(flags);
    const stats = new CallStats();
    const limiter = ClientFactory.newLimiter(32);
    const deps = { stats, limiter, maxAttempts: flags['max-attempts'] };
    const resolution = await resolveTargets(options, deps);
    let accounts: TargetCheck[];
    try {
      accounts = await checkTargets(resolution, deps, options.accountConcurrency);
    } finally {
      resolution.dispose?.();
    }
    const ok = accounts.filter((a) => a.credentialsOk).length;
    const result: AccountsResult = {
      accounts,
      errors: resolution.errors,
      ...(resolution.skippedProfiles && resolution.skippedProfiles.length > 0 ? { skippedProfiles: resolution.skippedProfiles } : {}),
      summary: { accounts: accounts.length, ok, failed: accounts.length - ok },
    };
    if (!this.jsonEnabled()) process.stdout.write(renderAccounts(result));
    process.exitCode = ok < accounts.length ? EXIT.incomplete : EXIT.ok;
    return result;
  }
}

/** Plain aligned columns (pipe-friendly); failures listed under the table with their reason. */
export function renderAccounts(result: AccountsResult): string {
  const header = ['ACCOUNT', 'NAME / ALIAS', 'SOURCE', 'OU PATH', 'CREDENTIALS'];
  const rows = result.accounts.map((a) => [
    a.accountId,
    [a.name, a.alias && a.alias !== a.name ? a.alias : undefined].filter(Boolean).join(' / ') || '-',
    a.source,
    a.ouPath ?? '-',
    a.credentialsOk ? 'ok' : `FAILED (${a.error?.code ?? 'error'})`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  const out = [line(header), ...rows.map(line)];
  const failures = result.accounts.filter((a) => !a.credentialsOk);
  if (failures.length > 0) {
    out.push('', 'Not reachable:');
    for (const f of failures) out.push(`  ${f.accountId}${f.name ? ` (${f.name})` : ''} via ${f.source}: ${f.error?.operation ?? ''} ${f.error?.code ?? ''}: ${f.error?.message ?? ''}`);
  }
  if (result.skippedProfiles && result.skippedProfiles.length > 0) {
    out.push('', `Profiles without credentials, skipped: ${result.skippedProfiles.join(', ')}`);
  }
  out.push('', `${result.summary.accounts} account(s): ${result.summary.ok} ok, ${result.summary.failed} not reachable.`);
  return `${out.join('\n')}\n`;
}
