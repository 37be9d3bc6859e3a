// The plain data that flows between collect, evaluate, plan and render.
// Everything here is JSON-serialisable; nothing here talks to AWS.

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Rank for comparisons: critical is highest. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}

/** "global" for account-wide resources (IAM, Route 53, ...). */
export const GLOBAL_REGION = 'global';

export interface Resource {
  /** The resource type id, "service:kind" (the registry, src/resources, lists them). */
  type: string;
  id: string;
  arn?: string;
  name?: string;
  accountId: string;
  region: string;
  /** ISO-8601 timestamp. */
  createdAt?: string;
  tags: Record<string, string>;
  /** Normalised fields that policies read. */
  props: Record<string, unknown>;
}

/** Who a run works on: one account reached one way. */
export interface Target {
  accountId: string;
  alias?: string;
  /** Account name (Organizations / SSO), when known. */
  name?: string;
  /** How it was reached: "profile:dev", "default", "sso:my-session/AdminRole", "org:OrganizationAccountAccessRole", "snapshot:lab.json", "demo". */
  source: string;
  /** Organizations OU path ("Root/Labs/Team A"), for --org runs. */
  ouPath?: string;
  regions: string[];
}

/** An API call that failed after retries. Errors are data. */
export interface CollectionError {
  accountId: string;
  region: string;
  /** "ec2:DescribeNatGateways" */
  operation: string;
  /** "AccessDenied", "Throttling", "UnauthorizedOperation", "OptInRequired", ... */
  code: string;
  message: string;
  /** Resource types whose data is missing because of this error. */
  resourceTypes: string[];
  /** Filled in by evaluation: the rules that could not be evaluated because of this error. */
  rulesNotEvaluated?: string[];
}

export interface OperationCount {
  service: string;
  operation: string;
  calls: number;
  retries: number;
  throttles: number;
  errors: number;
}

export interface CallStatsSummary {
  apiCalls: number;
  retries: number;
  throttles: number;
  byOperation: OperationCount[];
  durationMs: number;
  /** Milliseconds from the process start to the first API call; absent when the run made none. */
  firstApiCallMs?: number;
}

/** --shard I/N (see shard.ts). */
export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

/** What a sharded run saw: the keys (accounts) it split, across all shards, and their digest. */
export interface ShardListing extends Shard {
  /** How many keys the run split over all its shards (after --account, --exclude-account, --ou). */
  accounts: number;
  /** sha256 of the sorted keys, 16 hex digits: equal in every shard of a run that listed the same accounts. */
  digest: string;
}

export interface Inventory {
  tool: 'costguard';
  kind: 'inventory';
  schemaVersion: 1;
  version: string;
  generatedAt: string;
  targets: Target[];
  /** Resource types the collection attempted (for every target and region it covers). A rule that needs a type not listed here is "not evaluated". */
  collectedTypes: string[];
  resources: Resource[];
  errors: CollectionError[];
  stats?: CallStatsSummary;
  /** --shard: which shard this is, and the accounts all shards split as this one listed them. */
  shard?: ShardListing;
}

export interface Suppression {
  reason: string;
  expires?: string;
  source?: string;
}

export interface Finding {
  ruleId: string;
  pack: string;
  severity: Severity;
  accountId: string;
  accountName?: string;
  region: string;
  resourceType: string;
  resourceId: string;
  resourceArn?: string;
  resourceName?: string;
  title: string;
  message: string;
  /** Plain-language explanation of why this matters. */
  why?: string;
  remediation: string;
  /** Estimated monthly cost in USD; null when it cannot be estimated. */
  monthlyCostUsd: number | null;
  /** Where the price came from: the Price List API now, its answer cached on disk, or a price table. */
  priceSource?: 'api' | 'cache' | 'table';
  /** The region whose list price was used ("*": a price that is the same in every region). */
  priceRegion?: string;
  suppressed: Suppression | null;
  /** Set by a baseline comparison: "new" | "unchanged". Resolved findings live in report.resolved. */
  change?: 'new' | 'unchanged';
}

export interface ReportSummary {
  bySeverity: Record<Severity, number>;
  findings: number;
  suppressed: number;
  monthlyCostUsd: number;
  rulesEvaluated: number;
  rulesNotEvaluated: number;
  resources: number;
  apiCalls: number;
  retries: number;
  throttles: number;
  durationMs: number;
  /** Milliseconds from the process start to the first API call (start-up cost); absent without API calls. */
  firstApiCallMs?: number;
  byOperation?: OperationCount[];
}

export interface NotEvaluatedRule {
  ruleId: string;
  pack: string;
  title: string;
  accountId: string;
  region: string;
  reason: string;
}

/** A rule the run was evaluated with, as SARIF and other renderers describe it (report.rules). */
export interface ReportRule {
  id: string;
  pack: string;
  severity: Severity;
  title: string;
  why?: string;
  remediation?: string;
  /** false for a rule with no cost model (its findings cost nothing by themselves). */
  hasCost?: boolean;
  /** The rule's help: plain text and Markdown (why, then the fix). */
  help: { text: string; markdown: string };
}

export interface Report {
  tool: 'costguard';
  version: string;
  schemaVersion: 1;
  generatedAt: string;
  targets: Target[];
  findings: Finding[];
  errors: CollectionError[];
  notEvaluated: NotEvaluatedRule[];
  summary: ReportSummary;
  /** Set when the run was compared with a previous report (--baseline). */
  baseline?: BaselineInfo;
  /** Findings of the baseline report that are gone in this run (--baseline). */
  resolved?: Finding[];
  /** Suppression entries that did not apply: expired ones and ones that matched nothing. */
  suppressionProblems?: SuppressionProblems;
  /** How the findings' prices were found (audits). */
  pricing?: PricingInfo;
  /** The rules the run was evaluated with (sorted by id), so a merged report describes them as the single run did. */
  rules?: ReportRule[];
  /** --shard: which shard this is, and the accounts all shards split as this one listed them (checked by `report merge`). */
  shard?: ShardListing;
}

/** How a run found its prices: what the report footers say. */
export interface PricingInfo {
  /** live: the AWS Price List API (or its cached answers), tables as the fallback; table: tables only. */
  mode: 'live' | 'table';
  /** Why only tables were used: --offline-prices, a snapshot or the demo. */
  tableReason?: string;
  /** Findings with a cost, by where their price came from. */
  bySource: { api: number; cache: number; table: number };
  /** Findings whose cost is unknown because a price is unknown. */
  unknown: number;
  /** Set when the Price List API could not be used (AccessDenied, unreachable): the tables were used instead. */
  fallback?: string;
  /** Price List API calls this run made. */
  apiCalls: number;
  /** A local table written by `costguard prices update` was used (its date). */
  localTable?: string;
}

/** One entry of a suppressions file (globs in rule/account/region/resource). */
export interface SuppressionEntry {
  rule: string;
  account?: string;
  region?: string;
  resource?: string;
  reason: string;
  /** YYYY-MM-DD; the entry stops applying after this day (UTC). */
  expires?: string;
  /** Where the entry is declared: "file:line". */
  source?: string;
}

export interface SuppressionProblems {
  /** Entries past their expiry date: they no longer apply. */
  expired: SuppressionEntry[];
  /** Entries that matched no finding. */
  stale: SuppressionEntry[];
}

export interface BaselineInfo {
  /** generatedAt of the previous report. */
  generatedAt: string;
  /** File the baseline was read from, when known. */
  source?: string;
  new: number;
  unchanged: number;
  resolved: number;
}
