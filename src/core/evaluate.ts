// Evaluate policy rules against an inventory. Pure and synchronous: (inventory, packs, params) -> findings.
import { matchesCondition } from './conditions/match.js';
import { resourceScope } from './conditions/scope.js';
import type { MatchScope } from './conditions/types.js';
import { GLOBAL_REGION, type CollectionError, type Finding, type Inventory, type NotEvaluatedRule, type Resource, type Severity } from './model.js';
import {
  addToGroup,
  crosses,
  emptyGroups,
  groupKey,
  groupResourceId,
  provableFromPartial,
  resolveThreshold,
  totals,
  type AggregateGroup,
  type AggregateTotals,
} from './policy/aggregate.js';
import { accountsForRule, ALL_REGIONS, errorReason, notCollectedTypes, RuleErrors } from './policy/coverage.js';
import { monthlyCost, renderRuleText, ruleText } from './policy/finding-text.js';
import { compareFindings, compareNotEvaluated } from './report-order.js';
import { resolveParams } from './policy/params.js';
import { selectRules, type RuleSelectionOptions } from './policy/select.js';
import type { Aggregate, Pack, Rule } from './policy/types.js';
import { renderTemplate, type TemplateScope } from './template.js';
import type { PriceBook } from './price-book.js';
import { priceCost } from './price-finding.js';

export interface EvaluateInput {
  inventory: Inventory;
  packs: Pack[];
  /** From --param name=value: "name" (every pack with that param) or "pack.name"; typed like the pack default. */
  params?: Record<string, string>;
  /** Rule ids or globs ("ec2-*"); unknown ids are a UsageError with a suggestion. */
  only?: string[];
  skip?: string[];
  /** Pack names; default: the packs with default: true. */
  packsSelected?: string[];
  now?: Date;
  /** "en" | "ko": use rule.i18n[lang] when present. */
  lang?: string;
  /**
   * Prices per region (shipped table, local table, live answers). Given: each finding is priced for its
   * own region and carries priceSource/priceRegion; a price that is unknown there makes the cost null
   * and the message says why. Absent: the packs' own flat prices (unit tests of rules).
   */
  priceBook?: PriceBook;
}

export interface EvaluateResult {
  findings: Finding[];
  notEvaluated: NotEvaluatedRule[];
  /** The inventory's errors, each with rulesNotEvaluated filled in. */
  errors: CollectionError[];
  rulesEvaluated: number;
  rulesNotEvaluated: number;
  /** The selected rules. */
  rules: Rule[];
}

interface RuleOutcome {
  findings: Finding[];
  notEvaluated: NotEvaluatedRule[];
  /** Evaluated for at least one target. */
  evaluated: boolean;
  /** Errors that kept this rule from being evaluated somewhere. */
  blockedBy: CollectionError[];
}

/** Everything one rule's evaluation needs. */
class RuleRun {
  readonly errors: RuleErrors;
  readonly text: ReturnType<typeof ruleText>;
  readonly matchScope: MatchScope;

  constructor(
    readonly rule: Rule,
    readonly pack: Pack,
    params: Record<string, unknown>,
    readonly run: Run,
  ) {
    this.errors = new RuleErrors(rule, run.inventory.errors);
    this.text = ruleText(rule, run.lang);
    this.matchScope = { params, prices: pack.prices, now: run.now };
  }

  get baseScope(): TemplateScope {
    return { params: this.matchScope.params, prices: this.matchScope.prices };
  }

  passes(resource: Resource): boolean {
    return this.rule.when === undefined || matchesCondition(resource, this.rule.when, this.matchScope);
  }

  severityFor(resource: Resource): Severity {
    const override = this.rule.severityOverrides?.find((o) => matchesCondition(resource, o.when, this.matchScope));
    return override?.severity ?? this.rule.severity;
  }

  notEvaluated(accountId: string, region: string, reason: string): NotEvaluatedRule {
    const title = renderTemplate(this.text.title, { ...this.baseScope, accountId, region });
    return { ruleId: this.rule.id, pack: this.rule.pack, title, accountId, region, reason };
  }

  private readonly clearPlaces = new Map<string, boolean>();

  /** No error keeps this rule's data from (account, region): errors.at(...) is empty, asked once per place. */
  clearAt(accountId: string, region: string): boolean {
    const key = `${accountId}\u0000${region}`;
    let clear = this.clearPlaces.get(key);
    if (clear === undefined) {
      clear = this.errors.at(accountId, region).length === 0;
      this.clearPlaces.set(key, clear);
    }
    return clear;
  }

  candidates(): Resource[] {
    return this.run.resourcesOfType(this.rule.resource).filter((r) => this.passes(r));
  }
}

/** Shared, read-only state of one evaluate() call. */
class Run {
  private readonly byType = new Map<string, Resource[]>();
  private readonly accountNames = new Map<string, string>();

  constructor(
    readonly inventory: Inventory,
    readonly now: Date,
    readonly lang: string | undefined,
    readonly priceBook: PriceBook | undefined,
  ) {
    for (const resource of inventory.resources) {
      const list = this.byType.get(resource.type) ?? [];
      list.push(resource);
      this.byType.set(resource.type, list);
    }
    for (const target of inventory.targets) {
      const name = target.name ?? target.alias;
      if (name) this.accountNames.set(target.accountId, name);
    }
  }

  resourcesOfType(type: string): Resource[] {
    return this.byType.get(type) ?? [];
  }

  accountName(accountId: string): string | undefined {
    return this.accountNames.get(accountId);
  }

  /** Each account with the regions it covers (targets' regions plus any region seen in resources or errors). */
  places(rule: Rule): Array<{ accountId: string; regions: string[] }> {
    const seen = this.regionsSeen(rule.resource);
    return accountsForRule(rule, this.inventory).map((accountId) => {
      const regions = new Set(this.targetRegions().get(accountId) ?? []);
      for (const region of seen.get(accountId) ?? []) regions.add(region);
      return { accountId, regions: [...regions] };
    });
  }

  private targetRegionsByAccount?: Map<string, string[]>;
  private readonly regionsByType = new Map<string, Map<string, Set<string>>>();

  /** The targets' regions per account, in target order (an account may be several targets). */
  private targetRegions(): Map<string, string[]> {
    if (!this.targetRegionsByAccount) {
      this.targetRegionsByAccount = new Map();
      for (const t of this.inventory.targets) {
        const list = this.targetRegionsByAccount.get(t.accountId) ?? [];
        list.push(...t.regions);
        this.targetRegionsByAccount.set(t.accountId, list);
      }
    }
    return this.targetRegionsByAccount;
  }

  /** The regions resources of a type were found in, per account, in inventory order. */
  private regionsSeen(type: string): Map<string, Set<string>> {
    let byAccount = this.regionsByType.get(type);
    if (!byAccount) {
      byAccount = new Map();
      for (const r of this.resourcesOfType(type)) {
        const regions = byAccount.get(r.accountId) ?? new Set<string>();
        regions.add(r.region);
        byAccount.set(r.accountId, regions);
      }
      this.regionsByType.set(type, byAccount);
    }
    return byAccount;
  }
}

function withAccountName(finding: Finding, name: string | undefined): Finding {
  return name ? { ...finding, accountName: name } : finding;
}

/** monthlyCostUsd (and, with a price book, where the price came from) for a finding in a region. */
function findingCost(ctx: RuleRun, region: string, scope: TemplateScope, message: string): Pick<Finding, 'monthlyCostUsd' | 'priceSource' | 'priceRegion' | 'message'> {
  const book = ctx.run.priceBook;
  if (!book) return { monthlyCostUsd: monthlyCost(ctx.rule.cost, ctx.pack.prices, scope), message };
  const priced = priceCost(ctx.rule.cost, book, ctx.pack.prices, region, scope);
  return {
    message: priced.unknownReason ? `${message} (Monthly cost unknown: ${priced.unknownReason}.)` : message,
    monthlyCostUsd: priced.monthlyCostUsd,
    ...(priced.priceSource ? { priceSource: priced.priceSource } : {}),
    ...(priced.priceRegion ? { priceRegion: priced.priceRegion } : {}),
  };
}

function resourceFinding(ctx: RuleRun, resource: Resource): Finding {
  const accountName = ctx.run.accountName(resource.accountId);
  const scope = resourceScope(resource, { ...ctx.baseScope, ...(accountName ? { accountName } : {}) });
  const text = renderRuleText(ctx.text, scope);
  const finding: Finding = {
    ruleId: ctx.rule.id,
    pack: ctx.rule.pack,
    severity: ctx.severityFor(resource),
    accountId: resource.accountId,
    region: resource.region,
    resourceType: resource.type,
    resourceId: resource.id,
    ...(resource.arn ? { resourceArn: resource.arn } : {}),
    ...(resource.name ? { resourceName: resource.name } : {}),
    ...text,
    ...findingCost(ctx, resource.region, scope, text.message),
    suppressed: null,
  };
  return withAccountName(finding, accountName);
}

/** A rule evaluated for an account unless its data is missing account-wide or in every region the target covers. */
function evaluatedForSomeTarget(ctx: RuleRun): boolean {
  const targets = ctx.run.inventory.targets;
  if (targets.length === 0) return true;
  return targets.some(
    (t) => !ctx.errors.blocksAccount(t.accountId) && (t.regions.length === 0 || t.regions.some((r) => ctx.errors.at(t.accountId, r).length === 0)),
  );
}

function evaluateResourceRule(ctx: RuleRun): RuleOutcome {
  const notEvaluated = ctx.errors.places().map((p) => ctx.notEvaluated(p.accountId, p.region, errorReason(p.errors)));
  const findings = ctx.run
    .resourcesOfType(ctx.rule.resource)
    .filter((r) => ctx.clearAt(r.accountId, r.region))
    .filter((r) => ctx.passes(r))
    .map((r) => resourceFinding(ctx, r));
  return { findings, notEvaluated, evaluated: evaluatedForSomeTarget(ctx), blockedBy: ctx.errors.all };
}

function aggregateScope(ctx: RuleRun, group: AggregateGroup, resourceId: string, values: TemplateScope): TemplateScope {
  const accountName = ctx.run.accountName(group.accountId);
  return {
    ...ctx.baseScope,
    accountId: group.accountId,
    ...(accountName ? { accountName } : {}),
    region: group.region,
    type: ctx.rule.resource,
    id: resourceId,
    ...values,
  };
}

/** With data missing, the numbers are lower bounds: the message says "at least". */
function atLeast(values: AggregateTotals): TemplateScope {
  return { ...values, value: `at least ${values.value}`, excess: `at least ${values.excess}`, count: `at least ${values.count}` };
}

function aggregateFinding(ctx: RuleRun, aggregate: Aggregate, group: AggregateGroup, values: AggregateTotals, partial: boolean): Finding {
  const resourceId = groupResourceId(aggregate, group);
  const scope = aggregateScope(ctx, group, resourceId, { ...values });
  const textScope = partial ? aggregateScope(ctx, group, resourceId, atLeast(values)) : scope;
  const text = renderRuleText(ctx.text, textScope, `${ctx.text.title} ({{value}}; threshold {{threshold}})`);
  const finding: Finding = {
    ruleId: ctx.rule.id,
    pack: ctx.rule.pack,
    severity: ctx.rule.severity,
    accountId: group.accountId,
    region: group.region,
    resourceType: ctx.rule.resource,
    resourceId,
    ...text,
    ...findingCost(ctx, group.region, scope, text.message),
    suppressed: null,
  };
  return withAccountName(finding, ctx.run.accountName(group.accountId));
}

function aggregateGroups(ctx: RuleRun, aggregate: Aggregate): AggregateGroup[] {
  const groups = emptyGroups(aggregate, ctx.run.places(ctx.rule));
  if (aggregate.per === 'region') addErrorRegions(ctx, groups);
  for (const resource of ctx.candidates()) addToGroup(groups, aggregate, resource);
  return [...groups.values()];
}

/** A region whose data could not be collected still gets a group, so it is reported as not evaluated. */
function addErrorRegions(ctx: RuleRun, groups: Map<string, AggregateGroup>): void {
  for (const place of ctx.errors.places()) {
    const key = groupKey(place.accountId, place.region);
    if (place.region !== GLOBAL_REGION && !groups.has(key)) groups.set(key, { accountId: place.accountId, region: place.region, resources: [] });
  }
}

function groupErrors(ctx: RuleRun, aggregate: Aggregate, group: AggregateGroup): CollectionError[] {
  return aggregate.per === 'account' ? ctx.errors.inAccount(group.accountId) : ctx.errors.at(group.accountId, group.region);
}

function evaluateAggregateRule(ctx: RuleRun, aggregate: Aggregate): RuleOutcome {
  const outcome: RuleOutcome = { findings: [], notEvaluated: [], evaluated: false, blockedBy: [] };
  const groups = aggregateGroups(ctx, aggregate);
  const threshold = resolveThreshold(aggregate, ctx.baseScope);
  if (threshold.value === undefined) {
    const reason = `threshold ${JSON.stringify(threshold.raw)} is not a number`;
    outcome.notEvaluated = groups.map((g) => ctx.notEvaluated(g.accountId, g.region, reason));
    return outcome;
  }
  for (const group of groups) evaluateGroup(ctx, aggregate, group, { operator: threshold.operator, value: threshold.value }, outcome);
  outcome.evaluated ||= groups.length === 0;
  return outcome;
}

function evaluateGroup(
  ctx: RuleRun,
  aggregate: Aggregate,
  group: AggregateGroup,
  threshold: { operator: Parameters<typeof crosses>[0]; value: number },
  outcome: RuleOutcome,
): void {
  const values = totals(aggregate, group, threshold.value);
  const hit = crosses(threshold.operator, values.value, threshold.value);
  const missing = groupErrors(ctx, aggregate, group);
  if (missing.length === 0 || (hit && provableFromPartial(threshold.operator))) {
    outcome.evaluated = true;
    if (hit) outcome.findings.push(aggregateFinding(ctx, aggregate, group, values, missing.length > 0));
    return;
  }
  outcome.notEvaluated.push(ctx.notEvaluated(group.accountId, group.region, errorReason(missing)));
  outcome.blockedBy.push(...missing);
}

function notCollectedOutcome(ctx: RuleRun, types: string[]): RuleOutcome {
  const accounts = accountsForRule(ctx.rule, ctx.run.inventory);
  const reason = `not collected: ${types.join(', ')}`;
  const notEvaluated = (accounts.length > 0 ? accounts : [ALL_REGIONS]).map((a) => ctx.notEvaluated(a, ALL_REGIONS, reason));
  return { findings: [], notEvaluated, evaluated: false, blockedBy: [] };
}

function evaluateRule(ctx: RuleRun): RuleOutcome {
  const missingTypes = notCollectedTypes(ctx.rule, ctx.run.inventory);
  if (missingTypes.length > 0) return notCollectedOutcome(ctx, missingTypes);
  return ctx.rule.aggregate ? evaluateAggregateRule(ctx, ctx.rule.aggregate) : evaluateResourceRule(ctx);
}

function annotateErrors(errors: CollectionError[], outcomes: Array<{ rule: Rule; outcome: RuleOutcome }>): CollectionError[] {
  // Each error's rules in one pass over the outcomes (an Organization can have thousands of errors).
  const rulesOf = new Map<CollectionError, Set<string>>();
  for (const { rule, outcome } of outcomes) {
    for (const error of outcome.blockedBy) {
      const ids = rulesOf.get(error) ?? new Set<string>();
      ids.add(rule.id);
      rulesOf.set(error, ids);
    }
  }
  return errors.map((error) => ({ ...error, rulesNotEvaluated: [...(rulesOf.get(error) ?? [])].sort() }));
}

/** Run the selected rules over the inventory. Throws UsageError for unknown packs, rule ids or params. */
export function evaluate(input: EvaluateInput): EvaluateResult {
  const rules = selectRules(input.packs, input);
  const paramsByPack = resolveParams(input.packs, input.params);
  const packsByName = new Map(input.packs.map((p) => [p.name, p]));
  const run = new Run(input.inventory, input.now ?? new Date(), input.lang, input.priceBook);
  const outcomes = rules.map((rule) => {
    const pack = packsByName.get(rule.pack) as Pack;
    return { rule, outcome: evaluateRule(new RuleRun(rule, pack, paramsByPack.get(rule.pack) ?? {}, run)) };
  });
  const notEvaluated = outcomes.flatMap(({ outcome }) => outcome.notEvaluated).sort(compareNotEvaluated);
  return {
    findings: outcomes.flatMap(({ outcome }) => outcome.findings).sort(compareFindings),
    notEvaluated,
    errors: annotateErrors(input.inventory.errors, outcomes),
    rulesEvaluated: outcomes.filter(({ outcome }) => outcome.evaluated).length,
    rulesNotEvaluated: new Set(notEvaluated.map((n) => n.ruleId)).size,
    rules,
  };
}

/** The resource types collection must fetch for the selected rules. */
export function requiredResourceTypes(packs: Pack[], options: RuleSelectionOptions = {}): string[] {
  return [...new Set(selectRules(packs, options).flatMap((rule) => rule.requires))].sort();
}
