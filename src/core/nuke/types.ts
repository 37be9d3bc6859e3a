// Nuke mode as plain data: the config, what the planner needs to know about resource types, the
// plan and the receipt. Everything here is JSON-serialisable except compiled conditions.
import type { Condition } from '../conditions/types.js';
import type { CollectionError, Resource } from '../model.js';
import type { PropertyReference } from './references.js';

/** What a type's guard may ask. */
export interface GuardContext {
  /** "account|region" -> ids of the resources that are the default of their kind there (props.isDefault: the default VPC). */
  defaultVpcs: ReadonlyMap<string, ReadonlySet<string>>;
  includeDefaultVpc: boolean;
}

export const DEFAULT_KEEP_TAG = 'costguard:keep';
export const DEFAULT_BLOCK_TERMS: readonly string[] = ['prod'];

/** A nuke config after loading and compiling (policies/lab-cleanup.yml is one). */
export interface NukeConfig {
  /** Where it came from: a file path, "built-in defaults". */
  source: string;
  name?: string;
  description?: string;
  accounts: {
    /** Only these account ids may be nuked (empty: any account not blocked). */
    allow: string[];
    /** These account ids are never nuked. */
    block: string[];
    /** An account whose alias or name contains one of these (case-insensitive) is refused. */
    blockTerms: string[];
  };
  /** Regions to work in; undefined: every region enabled for the account. */
  regions?: string[];
  types: {
    /** Type globs ("ec2:*"); a resource type must match one. */
    include: string[];
    /** Type globs; a resource type matching one is never touched. */
    exclude: string[];
  };
  /** What goes: every one of these must hold (empty: everything that passes the other filters). */
  select: NamedCondition[];
  /** A resource matching any of these stays. */
  keep: NamedCondition[];
  /** A resource carrying this tag (any value) stays. */
  keepTag: string;
  /** Allow deleting the default VPC and its parts. */
  includeDefaultVpc: boolean;
}

/** A compiled condition with a label that says where it came from ("select", "keep[1]", "--keep-tag owner"). */
export interface NamedCondition {
  label: string;
  condition: Condition;
}

/** What the planner needs from a resource type (the registry entry, without AWS). */
export interface NukeTypeInfo {
  type: string;
  scope: 'region' | 'global';
  /** The type can be deleted (it has remove()). */
  removable: boolean;
  /** Types whose resources must be deleted first. */
  dependsOn: string[];
  /**
   * Types whose planned resources go first when a plan holds both (ResourceType.deleteBefore, turned
   * around): ordering only; they are not collected for this type, nor protect its resources.
   */
  deletedAfter?: readonly string[];
  /** Types to collect with this one so the planner can decide about its resources (ResourceType.collectWith). */
  collectWith?: readonly string[];
  /** The properties that name other resources (the type's declared refs): in-use propagation reads these. */
  references?: Readonly<Record<string, PropertyReference>>;
  /** Why a resource must never be deleted, per the type itself (AWS-managed, goes with its owner...). */
  protect?: (resource: Resource) => string | undefined;
  /** false when AWS gives no creation time for the type (default true). */
  createdAt?: boolean;
  /** Why costguard never deletes a resource of the type, whatever the config (ResourceType.guard). */
  guard?: (resource: Resource, ctx: GuardContext) => string | undefined;
  /** Resources of the type are IAM identities the run may act as (ResourceType.callerIdentity). */
  callerIdentity?: 'user' | 'role';
  /** The property other resources list this type's ids in when AWS made them for those (ResourceType.ownedVia). */
  ownedVia?: string;
  /** The tag AWS puts on what this type's resources create (ResourceType.ownerTag). */
  ownerTag?: { tag: string; words: string; rank: number };
}

/** Why an account is refused, or undefined when it may be nuked. */
export interface AccountFacts {
  accountId: string;
  alias?: string;
  /** Organizations / SSO account name, when known. */
  name?: string;
  source: string;
  /** The ARN the run acts as in this account (sts:GetCallerIdentity). */
  callerArn?: string;
  /** true: the Organizations management account; false: not; undefined: could not tell. */
  managementAccount?: boolean;
  /** Why the management check could not decide (AccessDenied...). */
  managementCheckError?: string;
}

export type AccountStatus = 'allowed' | 'refused';

export interface PlanAccount {
  accountId: string;
  alias?: string;
  name?: string;
  source: string;
  callerArn?: string;
  status: AccountStatus;
  /** Why the account is refused. */
  reason?: string;
  regions: string[];
  deletions: number;
  monthlyCostUsd: number;
}

/**
 * Why a resource stays. `protected`: costguard never deletes it; `kept`: the config's keep / keep tag;
 * `in-use`: something that stays uses it or it is attached to something that stays; `not-selected`:
 * outside the selection; `managed`: it goes with its owner (a stack, an Auto Scaling group, a VPC);
 * `unverified`: what might use it could not be listed, so it cannot be shown to be free;
 * `interrupted` (receipts only): the run stopped (Ctrl-C, --max-wait) before its deletion started.
 */
export type SkipCategory = 'protected' | 'kept' | 'in-use' | 'not-selected' | 'managed' | 'unverified' | 'interrupted';

export interface ResourceRef {
  accountId: string;
  region: string;
  type: string;
  id: string;
  name?: string;
  arn?: string;
  createdAt?: string;
}

export interface PlannedDeletion extends ResourceRef {
  /** "account|region|type|id" */
  key: string;
  /** 1 for resources nothing must precede; otherwise 1 + the highest step of what must go first. */
  step: number;
  /** Groups ("account|region|type") whose deletions must finish first. */
  after: string[];
  /** Whole days since createdAt, when known. */
  ageDays?: number;
  /** What the audit says this resource costs a month (null: no estimate). */
  monthlyCostUsd: number | null;
  /** The resource as collected (remove() reads its props). */
  resource: Resource;
  /**
   * Set when AWS gives no creation time for the type and the selection asks for one (--newer-than):
   * it goes because everything that holds it is deleted in this run (names them).
   */
  decidedBy?: string;
}

export interface SkippedResource extends ResourceRef {
  key: string;
  category: SkipCategory;
  reason: string;
}

export interface NukePlan {
  tool: 'costguard';
  kind: 'nuke-plan';
  schemaVersion: 1;
  version: string;
  generatedAt: string;
  config: string;
  accounts: PlanAccount[];
  /** Deletions in an order that respects every dependency (ascending step). */
  deletions: PlannedDeletion[];
  skipped: SkippedResource[];
  errors: CollectionError[];
  /** Things the user should look at, e.g. a keep entry that matched nothing in the whole run. */
  warnings?: string[];
  summary: PlanSummary;
}

export interface PlanSummary {
  deletions: number;
  skipped: number;
  skippedByCategory: Partial<Record<SkipCategory, number>>;
  byType: Record<string, number>;
  /** Sum of the known monthly costs of the deletions. */
  monthlyCostUsd: number;
  accountsAllowed: number;
  accountsRefused: number;
}

export type ReceiptStatus = 'deleted' | 'failed' | 'skipped';

export interface ReceiptItem extends ResourceRef {
  key: string;
  status: ReceiptStatus;
  /** For skipped items: why they stayed (plan categories, or `interrupted`). */
  category?: SkipCategory;
  /** Why it failed or was skipped; for deleted items a note ("already gone"). */
  reason?: string;
  /** The AWS error code of the last failure. */
  code?: string;
  /** Delete attempts made. */
  attempts: number;
  monthlyCostUsd: number | null;
  durationMs?: number;
}

export interface NukeReceipt {
  tool: 'costguard';
  kind: 'nuke-receipt';
  schemaVersion: 1;
  version: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Ctrl-C or --max-wait stopped the run before every deletion was tried. */
  interrupted: boolean;
  stopReason?: string;
  passes: number;
  accounts: PlanAccount[];
  items: ReceiptItem[];
  errors: CollectionError[];
  summary: ReceiptSummary;
}

export interface ReceiptSummary {
  deleted: number;
  failed: number;
  skipped: number;
  /** Monthly cost of what was deleted (known estimates only). */
  monthlyCostUsdSaved: number;
  apiCalls?: number;
}

export function resourceKey(r: { accountId: string; region: string; type: string; id: string }): string {
  return `${r.accountId}|${r.region}|${r.type}|${r.id}`;
}

export function groupKey(r: { accountId: string; region: string; type: string }): string {
  return `${r.accountId}|${r.region}|${r.type}`;
}

export function refOf(resource: Resource): ResourceRef {
  const ref: ResourceRef = { accountId: resource.accountId, region: resource.region, type: resource.type, id: resource.id };
  if (resource.name !== undefined) ref.name = resource.name;
  if (resource.arn !== undefined) ref.arn = resource.arn;
  if (resource.createdAt !== undefined) ref.createdAt = resource.createdAt;
  return ref;
}
