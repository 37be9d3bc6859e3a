// The nuke planner: inventory + config -> what will be deleted, in which order, and what stays and why.
// Pure and synchronous; a plan is data.
import { matchesCondition } from '../conditions/match.js';
import type { Condition, MatchScope } from '../conditions/types.js';
import type { CollectionError, Inventory, Resource } from '../model.js';
import { dependencyClosure, regionsMeet } from './dependencies.js';
import { builtinProtection, defaultVpcIndex, managedBy, ownerTagRules, type OwnerTagRule, type Protection, type ProtectionContext } from './protect.js';
import { unusedKeepWarnings } from './keep-warnings.js';
import { keepEdges, referencesOf, referenceTargets, type Reference } from './references.js';
import { matchesAny } from './type-globs.js';
import {
  groupKey,
  refOf,
  resourceKey,
  type AccountFacts,
  type AccountStatus,
  type NukeConfig,
  type NukePlan,
  type NukeTypeInfo,
  type PlanAccount,
  type PlannedDeletion,
  type SkipCategory,
  type SkippedResource,
} from './types.js';
import { sumUsd } from '../money.js';

export interface PlanAccountInput extends AccountFacts {
  status: AccountStatus;
  reason?: string;
  regions?: string[];
}

export interface PlanInput {
  inventory: Inventory;
  /** The config after flags (applyOverrides). */
  config: NukeConfig;
  types: readonly NukeTypeInfo[];
  accounts: readonly PlanAccountInput[];
  /** resourceKey -> monthly USD the audit attributes to the resource. */
  costs?: ReadonlyMap<string, number>;
  /** --findings: only resources with a finding of these rules (resource keys). */
  findings?: { label: string; keys: ReadonlySet<string> };
  now: Date;
  version: string;
}

const DAY_MS = 86_400_000;

interface Decision {
  resource: Resource;
  /** In the config's types and regions (listed in the plan); otherwise only context. */
  candidate: boolean;
  skip?: Protection;
  /** Planned although AWS gives no creation time: it goes with its holders (why). */
  decidedBy?: string;
}

function mentionsField(condition: Condition, field: string): boolean {
  switch (condition.kind) {
    case 'all':
    case 'any':
      return condition.conditions.some((c) => mentionsField(c, field));
    case 'not':
      return mentionsField(condition.condition, field);
    case 'test':
      return condition.field === field;
  }
}

/**
 * Resources AWS made for another one, listed by their owner in the property their type names
 * (NukeTypeInfo.ownedVia: a NAT gateway's networkInterfaceIds), keyed "type|account|region|id".
 */
function ownedIndex(resources: readonly Resource[], types: readonly NukeTypeInfo[]): Map<string, Resource> {
  const index = new Map<string, Resource>();
  for (const owned of types) {
    if (!owned.ownedVia) continue;
    for (const r of resources) {
      const ids = r.props[owned.ownedVia];
      if (r.type === owned.type || !Array.isArray(ids)) continue;
      for (const id of ids) if (typeof id === 'string') index.set(`${owned.type}|${r.accountId}|${r.region}|${id}`, r);
    }
  }
  return index;
}

/**
 * type -> the types that could protect its resources, so that each must have been listed before one
 * of them is deleted: what is deleted before it (what may use it), the types that name it in their
 * dependsOn (its containers: the VPC decides whether a gateway or subnet is the default one, and a
 * kept VPC keeps its gateways), and every type its declared references point at or that point at it
 * (holders and referrers, `ref` on the types' properties). Transitive protection comes from
 * propagation: a resource that is itself unverified stays and keeps what it uses.
 */
export function protectorTypes(types: readonly NukeTypeInfo[], closure = dependencyClosure(types)): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (type: string, protector: string) => {
    if (type === protector) return;
    const set = out.get(type) ?? new Set<string>();
    set.add(protector);
    out.set(type, set);
  };
  for (const t of types) {
    for (const user of closure.get(t.type) ?? []) add(t.type, user);
    for (const dep of t.dependsOn) add(dep, t.type);
    for (const ref of Object.values(t.references ?? {})) {
      if (ref.kind === 'none') continue;
      for (const to of referenceTargets(ref)) {
        add(t.type, to);
        add(to, t.type);
      }
    }
  }
  return out;
}

const stays = (category: SkipCategory, reason: string, propagates = true): Protection => ({ category, reason, propagates });

class Planner {
  private readonly typeInfo: Map<string, NukeTypeInfo>;
  private readonly closure: Map<string, Set<string>>;
  private readonly protectors: Map<string, Set<string>>;
  private readonly scope: MatchScope;
  private readonly protection: ProtectionContext;
  private readonly allowed: Map<string, PlanAccountInput>;
  private readonly failedTypes: CollectionError[];
  /** "type|account|region|id" -> the resource AWS made it for (a NAT gateway for its interfaces). */
  private readonly owned: Map<string, Resource>;
  private readonly references: Reference[];
  /** The tags that say a resource goes with its owner (a stack's, an Auto Scaling group's). */
  private readonly ownerTags: OwnerTagRule[];
  /** Candidates that miss the selection only because AWS gives no creation time for them. */
  private readonly ageUnknown = new Set<Resource>();
  /** Those of them planned in this round, as if selected: they go only when their holders all go. */
  private adopted = new Set<Resource>();

  constructor(private readonly input: PlanInput) {
    this.typeInfo = new Map(input.types.map((t) => [t.type, t]));
    this.closure = dependencyClosure(input.types);
    this.protectors = protectorTypes(input.types, this.closure);
    this.scope = { params: {}, prices: {}, now: input.now };
    this.allowed = new Map(input.accounts.filter((a) => a.status === 'allowed').map((a) => [a.accountId, a]));
    this.protection = {
      callerArns: new Map(input.accounts.filter((a) => a.callerArn).map((a) => [a.accountId, a.callerArn as string])),
      defaultVpcs: defaultVpcIndex(input.inventory.resources),
      includeDefaultVpc: input.config.includeDefaultVpc,
      types: this.typeInfo,
    };
    this.failedTypes = input.inventory.errors.filter((e) => this.allowed.has(e.accountId));
    this.owned = ownedIndex(input.inventory.resources, input.types);
    this.references = referencesOf(input.inventory.resources, input.types);
    this.ownerTags = ownerTagRules(input.types);
  }

  /** What AWS made for another resource (a NAT gateway's interfaces) goes or stays with that resource. */
  private interfaceOwner(r: Resource): Protection | undefined {
    if (!this.typeInfo.get(r.type)?.ownedVia) return undefined;
    const owner = this.owned.get(`${r.type}|${r.accountId}|${r.region}|${r.id}`);
    return owner ? stays('managed', `the interface of ${owner.type} ${owner.id}: it goes or stays with it`, false) : undefined;
  }

  private isCandidateType(type: string): boolean {
    const info = this.typeInfo.get(type);
    if (!info?.removable) return false;
    const { include, exclude } = this.input.config.types;
    return matchesAny(type, include) && !matchesAny(type, exclude);
  }

  private inRegions(resource: Resource): boolean {
    const regions = this.input.config.regions;
    return !regions || resource.region === 'global' || regions.includes(resource.region);
  }

  private keepReason(r: Resource): Protection | undefined {
    const { keepTag, keep } = this.input.config;
    if (r.tags[keepTag] !== undefined) return stays('kept', `tagged ${keepTag}`);
    const kept = keep.find((k) => matchesCondition(r, k.condition, this.scope));
    return kept ? stays('kept', `matches ${kept.label}`) : undefined;
  }

  /** Why a candidate stays, before looking at what uses what. */
  private firstReason(r: Resource): Protection | undefined {
    const builtin = builtinProtection(r, this.protection);
    if (builtin) return builtin;
    const kept = this.keepReason(r);
    if (kept) return kept;
    const managed = managedBy(r, this.ownerTags) ?? this.interfaceOwner(r);
    if (managed) return managed;
    const typeReason = this.typeInfo.get(r.type)?.protect?.(r);
    if (typeReason) return stays('managed', typeReason, false);
    const { findings } = this.input;
    if (findings && !findings.keys.has(resourceKey(r))) return stays('not-selected', `no finding from --findings ${findings.label}`);
    const missed = this.input.config.select.find((s) => !matchesCondition(r, s.condition, this.scope));
    if (missed) {
      const unknownAge = r.createdAt === undefined && mentionsField(missed.condition, 'createdAt');
      const onlyAge = unknownAge && this.input.config.select.every((s) => s === missed || matchesCondition(r, s.condition, this.scope) || (r.createdAt === undefined && mentionsField(s.condition, 'createdAt')));
      if (onlyAge) {
        this.ageUnknown.add(r);
        if (this.adopted.has(r)) return this.unverified(r);
      }
      return stays('not-selected', `does not match ${missed.label}${unknownAge ? ` (AWS reports no creation time for ${r.type}; select it by tag or id)` : ''}`);
    }
    return this.unverified(r);
  }

  /**
   * A resource outside the selected types or regions stays, and keeps what it uses, unless it goes
   * with an owner anyway (an attached interface, a stack's resource whose stack is planned).
   */
  private contextReason(r: Resource): Protection {
    const info = this.typeInfo.get(r.type);
    // What is marked to keep holds back what it uses, whatever its type. Otherwise, types costguard
    // cannot delete are facts about the account or parts of something else (an access key is part of
    // its user): they hold nothing back.
    const kept = this.keepReason(r);
    if (kept) return kept;
    if (!info?.removable) return stays('not-selected', 'not a type costguard deletes', false);
    const typeReason = info.protect?.(r);
    if (typeReason) return stays('managed', typeReason, false);
    return managedBy(r, this.ownerTags) ?? this.interfaceOwner(r) ?? stays('not-selected', 'outside the selected types or regions');
  }

  /**
   * A candidate is verified only when its own type (its tags included) and every type that could
   * protect it were listed in its account and region; otherwise it cannot be shown to be free.
   */
  private unverified(r: Resource): Protection | undefined {
    const protectors = this.protectors.get(r.type);
    for (const e of this.failedTypes) {
      if (e.accountId !== r.accountId || (e.region !== '*' && !regionsMeet(e.region, r.region))) continue;
      const failed = e.resourceTypes.find((t) => t === '*' || t === r.type || protectors?.has(t));
      if (failed) {
        const what = failed === '*' ? `${e.operation.split(':')[0] || 'the account'}` : failed;
        const where = e.region === '*' ? '' : ` in ${e.region}`;
        return stays('unverified', `${what} could not be listed${where}: ${e.code}`);
      }
    }
    return undefined;
  }

  /**
   * A resource AWS gives no creation time for (a VPC, a subnet, an Elastic IP) cannot match
   * --newer-than itself: it goes with what holds it. Each is first planned as if selected; those
   * that then have no holder, or a holder that is not deleted, go back to "not selected", until
   * nothing changes (a VPC goes once its subnets, gateways and groups all go).
   */
  decide(): Decision[] {
    let decisions = this.decideOnce();
    if (this.ageUnknown.size === 0) return decisions;
    this.adopted = new Set(this.ageUnknown);
    for (;;) {
      decisions = this.decideOnce();
      const byResource = new Map(decisions.map((d) => [d.resource, d]));
      const dropped: Resource[] = [];
      const holding = new Map<Resource, Decision[]>();
      for (const r of this.adopted) {
        const d = byResource.get(r);
        const holders = d && !d.skip ? this.holdersOf(r, byResource) : undefined;
        if (!d || d.skip || !holders || holders.length === 0 || holders.some((h) => !h.candidate || h.skip)) dropped.push(r);
        else holding.set(r, holders);
      }
      // Grounded: held by something selected in its own right, or by a grounded one (a VPC and its
      // gateway that only hold each other stay).
      const grounded = new Set<Resource>();
      for (let changed = true; changed; ) {
        changed = false;
        for (const [r, holders] of holding) {
          if (grounded.has(r) || !holders.some((h) => !this.adopted.has(h.resource) || grounded.has(h.resource))) continue;
          grounded.add(r);
          changed = true;
        }
      }
      for (const [r, holders] of holding) {
        if (!grounded.has(r)) {
          dropped.push(r);
          continue;
        }
        const names = holders.map((h) => `${h.resource.type} ${h.resource.id}`).sort();
        (byResource.get(r) as Decision).decidedBy = `AWS reports no creation time for ${r.type}: it goes with what holds it, all deleted in this run (${names.slice(0, 5).join(', ')}${names.length > 5 ? `, +${names.length - 5} more` : ''})`;
      }
      if (dropped.length === 0) return decisions;
      for (const r of dropped) this.adopted.delete(r);
    }
  }

  /** What holds a resource: what uses it, and what it hangs on; what goes with its owner anyway does not count. */
  private holdersOf(r: Resource, byResource: Map<Resource, Decision>): Decision[] {
    const out = new Set<Decision>();
    for (const ref of this.references) {
      const holder = ref.to === r && (ref.kind === 'uses' || ref.kind === 'both') ? ref.from : ref.from === r && (ref.kind === 'attached' || ref.kind === 'both') ? ref.to : undefined;
      const d = holder ? byResource.get(holder) : undefined;
      if (d && !(d.skip && !d.skip.propagates)) out.add(d);
    }
    return [...out];
  }

  private decideOnce(): Decision[] {
    const decisions: Decision[] = [];
    for (const r of this.input.inventory.resources) {
      if (!this.allowed.has(r.accountId)) continue;
      const candidate = this.isCandidateType(r.type) && this.inRegions(r);
      decisions.push({ resource: r, candidate, skip: candidate ? this.firstReason(r) : this.contextReason(r) });
    }
    this.propagate(decisions);
    return decisions;
  }

  /** What stays keeps what it uses, until nothing changes (an owner that stays makes its parts propagate too). */
  private propagate(decisions: Decision[]): void {
    const byResource = new Map(decisions.map((d) => [d.resource, d]));
    const edges = keepEdges(this.references);
    const byOwnerKey = new Map<string, Decision[]>();
    for (const d of decisions) {
      for (const n of new Set([d.resource.id, d.resource.name])) {
        if (n === undefined) continue;
        const key = `${d.resource.accountId}|${d.resource.type}|${n}`;
        byOwnerKey.set(key, [...(byOwnerKey.get(key) ?? []), d]);
      }
    }
    const planned = (type: string, name: string, r: Resource) =>
      (byOwnerKey.get(`${r.accountId}|${type}|${name}`) ?? []).some((d) => !d.skip && regionsMeet(d.resource.region, r.region));
    const isSource = (d: Decision) => d.skip !== undefined && d.skip.propagates && !(d.skip.owner && planned(d.skip.owner.type, d.skip.owner.name, d.resource));

    const visited = new Set<Decision>();
    for (;;) {
      const queue = decisions.filter((d) => !visited.has(d) && isSource(d));
      if (queue.length === 0) return;
      while (queue.length > 0) {
        const source = queue.pop() as Decision;
        if (visited.has(source)) continue;
        visited.add(source);
        for (const { target, why } of edges.get(source.resource) ?? []) {
          const d = byResource.get(target);
          if (!d || d.skip) continue;
          d.skip = stays('in-use', `${why}, which stays: ${source.skip?.reason ?? ''}`.trim());
          queue.push(d);
        }
      }
    }
  }
}

function ageDays(createdAt: string | undefined, now: Date): number | undefined {
  if (!createdAt) return undefined;
  const t = Date.parse(createdAt);
  return Number.isNaN(t) ? undefined : Math.max(0, Math.floor((now.getTime() - t) / DAY_MS));
}

function byRef(a: { accountId: string; region: string; type: string; id: string }, b: typeof a): number {
  return a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region) || a.type.localeCompare(b.type) || a.id.localeCompare(b.id);
}

function orderDeletions(resources: Resource[], decidedBy: ReadonlyMap<Resource, string>, closure: Map<string, Set<string>>, costs: ReadonlyMap<string, number> | undefined, now: Date): PlannedDeletion[] {
  const groups = new Map<string, { accountId: string; region: string; type: string }>();
  for (const r of resources) groups.set(groupKey(r), { accountId: r.accountId, region: r.region, type: r.type });
  const after = new Map<string, string[]>();
  for (const [key, g] of groups) {
    const deps = closure.get(g.type) ?? new Set<string>();
    const list: string[] = [];
    for (const [otherKey, o] of groups) {
      if (otherKey !== key && o.accountId === g.accountId && deps.has(o.type) && regionsMeet(o.region, g.region)) list.push(otherKey);
    }
    after.set(key, list.sort());
  }
  const steps = new Map<string, number>();
  const stepOf = (key: string): number => {
    const known = steps.get(key);
    if (known !== undefined) return known;
    const step = 1 + Math.max(0, ...(after.get(key) ?? []).map(stepOf));
    steps.set(key, step);
    return step;
  };
  return resources
    .map((r): PlannedDeletion => {
      const key = resourceKey(r);
      const age = ageDays(r.createdAt, now);
      return {
        key,
        ...refOf(r),
        step: stepOf(groupKey(r)),
        after: after.get(groupKey(r)) ?? [],
        ...(age !== undefined ? { ageDays: age } : {}),
        monthlyCostUsd: costs?.get(key) ?? null,
        resource: r,
        ...(decidedBy.has(r) ? { decidedBy: decidedBy.get(r) } : {}),
      };
    })
    .sort((a, b) => a.step - b.step || byRef(a, b));
}

/** Plan a nuke: what goes (in dependency order), what stays and why. */
export function planNuke(input: PlanInput): NukePlan {
  const planner = new Planner(input);
  const decisions = planner.decide();
  // The order also keeps the types' deleteBefore (a service before the subnets it runs in), which
  // decides nothing else.
  const closure = dependencyClosure(input.types.map((t) => (t.deletedAfter ? { ...t, dependsOn: [...t.dependsOn, ...t.deletedAfter] } : t)));
  const planned = decisions.filter((d) => d.candidate && !d.skip);
  const deletions = orderDeletions(
    planned.map((d) => d.resource),
    new Map(planned.filter((d) => d.decidedBy).map((d) => [d.resource, d.decidedBy as string])),
    closure,
    input.costs,
    input.now,
  );
  const skipped: SkippedResource[] = decisions
    .filter((d) => d.candidate && d.skip)
    .map((d) => ({ key: resourceKey(d.resource), ...refOf(d.resource), category: (d.skip as Protection).category, reason: (d.skip as Protection).reason }))
    .sort(byRef);

  const accounts: PlanAccount[] = input.accounts.map((a) => {
    const mine = deletions.filter((d) => d.accountId === a.accountId);
    const target = input.inventory.targets.find((t) => t.accountId === a.accountId);
    return {
      accountId: a.accountId,
      ...(a.alias ? { alias: a.alias } : {}),
      ...(a.name ? { name: a.name } : {}),
      source: a.source,
      ...(a.callerArn ? { callerArn: a.callerArn } : {}),
      status: a.status,
      ...(a.reason ? { reason: a.reason } : {}),
      regions: target?.regions ?? a.regions ?? [],
      deletions: mine.length,
      monthlyCostUsd: sumUsd(mine.map((d) => d.monthlyCostUsd)),
    };
  });

  const warnings = unusedKeepWarnings(input.config.keep, input.inventory.resources, input.now);
  const byType: Record<string, number> = {};
  for (const d of deletions) byType[d.type] = (byType[d.type] ?? 0) + 1;
  const skippedByCategory: Partial<Record<SkipCategory, number>> = {};
  for (const s of skipped) skippedByCategory[s.category] = (skippedByCategory[s.category] ?? 0) + 1;

  return {
    tool: 'costguard',
    kind: 'nuke-plan',
    schemaVersion: 1,
    version: input.version,
    generatedAt: input.now.toISOString(),
    config: input.config.source,
    accounts,
    deletions,
    skipped,
    errors: input.inventory.errors,
    ...(warnings.length > 0 ? { warnings } : {}),
    summary: {
      deletions: deletions.length,
      skipped: skipped.length,
      skippedByCategory,
      byType,
      monthlyCostUsd: sumUsd(deletions.map((d) => d.monthlyCostUsd)),
      accountsAllowed: accounts.filter((a) => a.status === 'allowed').length,
      accountsRefused: accounts.filter((a) => a.status === 'refused').length,
    },
  };
}
