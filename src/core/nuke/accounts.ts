// Which accounts may be nuked at all: allow/block lists, block terms in the alias or name, and the
// Organizations management account. Checked before anything is collected or deleted.
import type { AccountFacts, NukeConfig } from './types.js';

export interface AccountGateOptions {
  allowManagementAccount: boolean;
}

/** Why this account must not be nuked, or undefined when it may be. */
export function accountRefusal(facts: AccountFacts, config: NukeConfig, options: AccountGateOptions): string | undefined {
  const { accountId } = facts;
  if (config.accounts.block.includes(accountId)) return `account ${accountId} is on the block list of ${config.source}`;
  if (config.accounts.allow.length > 0 && !config.accounts.allow.includes(accountId)) {
    return `account ${accountId} is not on the allow list of ${config.source}`;
  }
  for (const [label, value] of [
    ['alias', facts.alias],
    ['name', facts.name],
  ] as const) {
    if (!value) continue;
    const term = config.accounts.blockTerms.find((t) => value.toLowerCase().includes(t.toLowerCase()));
    if (term) return `account ${label} "${value}" contains the block term "${term}"`;
  }
  if (!options.allowManagementAccount) {
    if (facts.managementAccount === true) {
      return `account ${accountId} is the Organizations management account (pass --allow-management-account to nuke it anyway)`;
    }
    if (facts.managementAccount === undefined) {
      return `cannot tell whether account ${accountId} is the Organizations management account (${facts.managementCheckError ?? 'organizations:DescribeOrganization failed'}); pass --allow-management-account if you are sure it may be nuked`;
    }
  }
  return undefined;
}

/** How an account reads in lists and prompts: "123456789012 (lab-sandbox)". */
export function accountLabel(facts: { accountId: string; alias?: string; name?: string }): string {
  const name = facts.alias ?? facts.name;
  return name ? `${facts.accountId} (${name})` : facts.accountId;
}

/**
 * Whether --confirm-account values match the accounts about to be nuked: each value must name one of
 * them (by id or alias) and every one of them must be named.
 */
export function confirmationProblem(
  confirmed: readonly string[],
  accounts: ReadonlyArray<{ accountId: string; alias?: string }>,
): string | undefined {
  const names = (a: { accountId: string; alias?: string }) => [a.accountId, ...(a.alias ? [a.alias] : [])];
  const stray = confirmed.filter((c) => !accounts.some((a) => names(a).includes(c)));
  if (stray.length > 0) {
    return `--confirm-account ${stray[0]} does not match the account${accounts.length === 1 ? '' : 's'} this run would nuke: ${accounts.map(accountLabel).join(', ') || '(none)'}`;
  }
  const missing = accounts.filter((a) => !names(a).some((n) => confirmed.includes(n)));
  if (missing.length > 0) return `--confirm-account is missing ${missing.map(accountLabel).join(', ')} (confirm every account this run would nuke)`;
  return undefined;
}
