// One nuke run: config -> targets -> account gates -> collect -> evaluate (costs, --findings) -> plan
// -> (confirm) -> execute -> receipt. The command is a thin shell around this.
import { loadPacks } from '../audit.js';
import { evaluate } from '../../core/evaluate.js';
import { EXIT, UsageError, type ExitCode } from '../../core/errors.js';
import type { Finding, Inventory } from '../../core/model.js';
import { accountLabel, accountRefusal, confirmationProblem } from '../../core/nuke/accounts.js';
import { typesToCollect } from '../../core/nuke/dependencies.js';
import { defaultNukeConfig, loadNukeConfig } from '../../core/nuke/load.js';
import { loadTypeCatalog } from '../type-catalog.js';
import { applyOverrides, type NukeOverrides } from '../../core/nuke/overrides.js';
import { planNuke, type PlanAccountInput } from '../../core/nuke/plan.js';
import { resourceKey, type NukeConfig, type NukePlan, type NukeReceipt, type NukeTypeInfo } from '../../core/nuke/types.js';
import { packageVersion } from '../../core/package-root.js';
import { findingRuleIds } from '../../core/policy/select.js';
import type { Pack } from '../../core/policy/types.js';
import { allResourceTypes, resourceType } from '../../resources/registry.js';
import { declaredReferences, type RemoveContext, type ResourceType } from '../../resources/resource-type.js';
import { collectInventory } from '../collect.js';
import { validateRegionNames } from '../../aws/regions.js';
import type { TargetOptions } from '../../aws/targets/index.js';
import { AwsSession } from '../../aws/session.js';
import { accountFacts } from '../../aws/nuke/account-facts.js';
import { executePlan, receiptBeforeStart, type ExecuteEvent } from './execute.js';
import { readNukeTags } from './read-tags.js';

export interface NukeRequest {
  /** --config: a file, or the name of a shipped config ("lab-cleanup"). */
  config?: string;
  overrides: NukeOverrides;
  /** --findings: pack names or rule ids/globs; only what their findings name is selected. */
  findings?: string[];
  targets: TargetOptions;
  dryRun: boolean;
  /** --confirm-account values. */
  confirmAccounts: string[];
  allowManagementAccount: boolean;
  /** Deletions in flight at once. */
  concurrency: number;
  /** Regions collected at once per account. */
  collectConcurrency?: number;
  maxWaitMs: number;
  maxAttempts?: number;
  passDelayMs?: number;
  /** Ctrl-C. */
  signal?: AbortSignal;
  now?: Date;
  /** A person at a terminal confirms; undefined when there is none (then --confirm-account is required). */
  confirm?: (plan: NukePlan, expected: string[]) => Promise<boolean>;
  /** Called once the plan is known, before any confirmation or deletion (to print it). */
  onPlan?: (plan: NukePlan) => void;
  onCollectProgress?: (done: number, total: number, label: string) => void;
  onDeleteEvent?: (event: ExecuteEvent) => void;
  /** Called once deleting starts with a function that gives the receipt as it stands (a forced stop writes it). */
  onExecuteStart?: (snapshot: () => NukeReceipt) => void;
}

export interface NukeResult {
  config: NukeConfig;
  plan: NukePlan;
  /** Set when deletions ran (not for a dry run, nor when there was nothing to delete). */
  receipt?: NukeReceipt;
  /** Nothing was deleted because the confirmation did not match. */
  declined?: boolean;
  apiCalls: number;
}

/**
 * The exit code of a nuke: 1 when a deletion failed or the run stopped before finishing, 2 when the
 * confirmation did not match, 3 when some resources could not be listed (unless allowed), else 0.
 */
export function nukeExitCode(result: Pick<NukeResult, 'plan' | 'receipt' | 'declined'>, allowPartial = false): ExitCode {
  if (result.declined) return EXIT.usage;
  if (result.receipt && (result.receipt.summary.failed > 0 || result.receipt.interrupted)) return EXIT.findings;
  if (result.plan.errors.length > 0 && !allowPartial) return EXIT.incomplete;
  return EXIT.ok;
}

/** Resource types costguard can delete. */
export function removableTypes(types: readonly ResourceType[] = allResourceTypes()): string[] {
  return types.filter((t) => typeof t.remove === 'function').map((t) => t.type);
}

export function nukeTypeInfo(types: readonly ResourceType[] = allResourceTypes()): NukeTypeInfo[] {
  // deleteBefore, turned around: "subnets go after FSx" becomes ec2:subnet deleted after fsx:file-system.
  const deletedAfter = new Map<string, string[]>();
  for (const t of types) for (const later of t.deleteBefore ?? []) deletedAfter.set(later, [...(deletedAfter.get(later) ?? []), t.type]);
  return types.map((t) => ({
    type: t.type,
    scope: t.scope,
    removable: typeof t.remove === 'function',
    dependsOn: t.dependsOn ?? [],
    ...(deletedAfter.has(t.type) ? { deletedAfter: deletedAfter.get(t.type) } : {}),
    references: declaredReferences(t),
    ...(t.collectWith ? { collectWith: t.collectWith } : {}),
    ...(t.protect ? { protect: (r) => t.protect?.(r) } : {}),
    ...(t.createdAt === false ? { createdAt: false } : {}),
    ...(t.guard ? { guard: (r, ctx) => t.guard?.(r, ctx) } : {}),
    ...(t.callerIdentity ? { callerIdentity: t.callerIdentity } : {}),
    ...(t.ownedVia ? { ownedVia: t.ownedVia } : {}),
    ...(t.ownerTag ? { ownerTag: t.ownerTag } : {}),
  }));
}

/** The config the run uses: the file (or defaults) narrowed by flags. Throws InputFileError/UsageError (exit 2). */
export function effectiveConfig(request: Pick<NukeRequest, 'config' | 'overrides'>): NukeConfig {
  const removable = removableTypes();
  const base = request.config ? loadNukeConfig(request.config, removable, loadTypeCatalog()) : defaultNukeConfig();
  const config = applyOverrides(base, request.overrides, removable);
  if (config.regions) validateRegionNames(config.regions);
  return config;
}

/** --findings values -> rule ids (pure, in core/policy/select.ts). */
export { findingRuleIds };

function findingKey(f: Finding): string {
  return resourceKey({ accountId: f.accountId, region: f.region, type: f.resourceType, id: f.resourceId });
}

/** Monthly cost per resource from the audit's own findings (the highest finding, so nothing is counted twice). */
export function costsFromFindings(findings: readonly Finding[]): Map<string, number> {
  const costs = new Map<string, number>();
  for (const f of findings) {
    if (f.monthlyCostUsd === null || f.monthlyCostUsd === undefined) continue;
    const key = findingKey(f);
    costs.set(key, Math.max(costs.get(key) ?? 0, f.monthlyCostUsd));
  }
  return costs;
}

interface Evaluated {
  costs: Map<string, number>;
  findings?: { label: string; keys: Set<string> };
}

function evaluateForNuke(inventory: Inventory, packs: Pack[], findingIds: string[] | undefined, label: string, now: Date): Evaluated {
  const all = evaluate({ inventory, packs, now }).findings;
  const costs = costsFromFindings(all);
  if (!findingIds) return { costs };
  const selected = evaluate({ inventory, packs, only: findingIds, now }).findings;
  for (const [key, usd] of costsFromFindings(selected)) costs.set(key, Math.max(costs.get(key) ?? 0, usd));
  return { costs, findings: { label, keys: new Set(selected.map(findingKey)) } };
}

function checkConfirmationUpFront(request: NukeRequest): void {
  if (request.dryRun || request.confirm || request.confirmAccounts.length > 0) return;
  throw new UsageError(
    '--no-dry-run without a terminal needs --confirm-account ACCOUNT_ID (one per account) naming the accounts to nuke; nothing was deleted',
    'Run the dry run first, check the account list, then pass --confirm-account with each account id.',
  );
}

async function gateAccounts(session: AwsSession, config: NukeConfig, request: NukeRequest): Promise<PlanAccountInput[]> {
  return Promise.all(
    session.targets.map(async (t) => {
      const facts = await accountFacts(t, session.account(t).factory);
      const reason = accountRefusal(facts, config, { allowManagementAccount: request.allowManagementAccount });
      return { ...facts, status: reason ? 'refused' : 'allowed', ...(reason ? { reason } : {}) } satisfies PlanAccountInput;
    }),
  );
}

/** Plan (and unless dry run, execute) a nuke. */
export async function runNuke(request: NukeRequest): Promise<NukeResult> {
  const now = request.now ?? new Date();
  const config = effectiveConfig(request);
  checkConfirmationUpFront(request);
  const packs = loadPacks();
  const findingIds = request.findings && request.findings.length > 0 ? findingRuleIds(packs, request.findings) : undefined;

  const session = await AwsSession.open(request.targets, { maxInFlight: Math.max(16, request.concurrency * 4), maxAttempts: request.maxAttempts });
  const { stats } = session;
  // Clients made while resolving the targets (SSO, Organizations) and per account are released whatever happens.
  try {
    const accounts = await gateAccounts(session, config, request);
    const allowed = accounts.filter((a) => a.status === 'allowed');
    if (allowed.length === 0) {
      const reasons = accounts.map((a) => `${accountLabel(a)}: ${a.reason ?? 'refused'}`).join('; ');
      throw new UsageError(`no account may be nuked: ${reasons || 'no account could be reached'}; nothing was deleted`, 'Check the accounts section of the nuke config, or the flags.');
    }
    if (request.confirmAccounts.length > 0) {
      const problem = confirmationProblem(request.confirmAccounts, allowed);
      if (problem) throw new UsageError(`${problem}; nothing was deleted`);
    }

    const typeInfo = nukeTypeInfo();
    const findingTypes = findingIds ? [...new Set(packs.flatMap((p) => p.rules).filter((r) => findingIds.includes(r.id)).flatMap((r) => r.requires))] : [];
    const collect = new Set([...typesToCollect(config.types.include, typeInfo), ...findingTypes]);
    // $/month comes from the default packs' findings over what is collected anyway.
    const types = allResourceTypes().filter((t) => collect.has(t.type));
    const allowedTargets = session.targets.filter((t) => allowed.some((a) => a.accountId === t.target.accountId));
    const inventory = await collectInventory({
      targets: allowedTargets,
      regions: config.regions,
      types,
      concurrency: request.collectConcurrency ?? 8,
      accountConcurrency: request.targets.accountConcurrency,
      ...session.clientOptions,
      version: packageVersion(),
      now,
      priorErrors: session.errors,
      onUnitDone: request.onCollectProgress,
      // Never the wrong account: nuke plans from each account's own clients, never shared ones.
      shareClients: false,
    });
    // Tags list() cannot carry (KMS keys, hosted zones, IAM policies), so costguard:keep holds for them too.
    await readNukeTags({ inventory, targets: allowedTargets, ...session.clientOptions, now });

    const evaluated = evaluateForNuke(inventory, packs, findingIds, (request.findings ?? []).join(','), now);
    const plan = planNuke({
      inventory,
      config,
      types: typeInfo,
      accounts,
      costs: evaluated.costs,
      ...(evaluated.findings ? { findings: evaluated.findings } : {}),
      now,
      version: packageVersion(),
    });
    request.onPlan?.(plan);
    if (request.dryRun || plan.deletions.length === 0) return { config, plan, apiCalls: stats.count() };
    if (request.signal?.aborted) {
      const receipt = receiptBeforeStart({ version: packageVersion(), startedAt: now, finishedAt: new Date(), stopReason: 'stopped by the user (Ctrl-C) before any deletion started', plan });
      return { config, plan, receipt, apiCalls: stats.count() };
    }

    if (request.confirmAccounts.length === 0) {
      const expected = allowed.length === 1 ? [allowed[0].accountId, ...(allowed[0].alias ? [allowed[0].alias] : [])] : [`nuke ${allowed.length} accounts`];
      if (!request.confirm || !(await request.confirm(plan, expected))) return { config, plan, declined: true, apiCalls: stats.count() };
    }

    const accountClients = new Map(allowedTargets.map((t) => [t.target.accountId, session.account(t)]));
    const receipt = await executePlan({
      plan,
      resourceType,
      context: (accountId, region, signal): RemoveContext => {
        const clients = accountClients.get(accountId);
        if (!clients) throw new Error(`no credentials for account ${accountId}`);
        return clients.context(clients.apiRegion(region), region, now, signal);
      },
      concurrency: request.concurrency,
      maxWaitMs: request.maxWaitMs,
      passDelayMs: request.passDelayMs,
      signal: request.signal,
      onEvent: request.onDeleteEvent,
      ...(request.onExecuteStart ? { onStart: request.onExecuteStart } : {}),
      version: packageVersion(),
      apiCalls: () => stats.count(),
    });
    return { config, plan, receipt, apiCalls: stats.count() };
  } finally {
    session.dispose();
  }
}
