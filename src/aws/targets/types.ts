import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { CollectionError, Target } from '../../core/model.js';
import type { ShardListing } from '../../core/shard.js';

/** What a resolved target says about itself (Target without regions; those are resolved per account later). */
export type TargetInfo = Omit<Target, 'regions'>;

/** A target with the credentials to work on it. Regions are resolved later, per account. */
export interface ResolvedTarget {
  target: TargetInfo;
  credentials: AwsCredentialIdentityProvider;
  /** The ARN the credentials act as (sts:GetCallerIdentity / AssumeRole), so nuke never deletes its own identity. */
  callerArn?: string;
  /** The API region to start from (the profile's region or AWS_REGION), default us-east-1. */
  homeRegion?: string;
  /**
   * --org only: the account's OU path from the root, by name ("Root/Workloads/Lab"). Kept beside
   * `target`, not in it, because `target` is copied into reports whose schema has no such field.
   */
  ouPath?: string;
}

export interface TargetOptions {
  /** --profile (repeatable). Without any way named: the default credential chain. */
  profiles?: string[];
  /** --all-profiles: every profile of the config and credentials files that carries credentials. */
  allProfiles?: boolean;
  /** --sso-session NAME: every account the cached IAM Identity Center token reaches. */
  ssoSession?: string;
  /** --sso-role (repeatable): the role to use per account, first match in this order. */
  ssoRoles?: string[];
  /** --org: every active account of the Organization, through --org-role. */
  org?: boolean;
  /** --org-role, default OrganizationAccountAccessRole. */
  orgRole?: string;
  /** --ou (repeatable): only accounts under these OUs (recursive). */
  ous?: string[];
  /** --account (repeatable): only these account ids. */
  accounts?: string[];
  /** --exclude-account (repeatable): never these account ids. */
  excludeAccounts?: string[];
  /** 1-based shard index and count: --shard 2/4 */
  shard?: { index: number; count: number };
  /** --account-concurrency: accounts worked on at once (resolution and collection). Default 4. */
  accountConcurrency?: number;
  /**
   * Not a flag: the accounts of the Organization or SSO session as listed once before the collection
   * (listAccountsOnce). A worker process takes its --shard slice of this listing instead of listing
   * again, so the workers split the same accounts even if the Organization changes meanwhile.
   */
  listed?: AccountListing;
}

/** An account of the Organization, where it sits in the OU tree. */
export interface OrgAccount {
  id: string;
  name?: string;
  /** OU path from the root by name: "Root", "Root/Workloads/Lab". */
  ouPath: string;
  /** Organizations State (or the older Status): ACTIVE, SUSPENDED, PENDING_CLOSURE, ... */
  state: string;
}

/** An account an IAM Identity Center session reaches (sso:ListAccounts). */
export interface SsoAccount {
  accountId?: string;
  accountName?: string;
}

export type AccountListing = { kind: 'org'; accounts: OrgAccount[] } | { kind: 'sso'; accounts: SsoAccount[] };

/** A way into an account that did not work: shown by `costguard accounts`, counted in `errors`. */
export interface UnreachableTarget {
  /** "unknown" when the credentials never said which account they belong to. */
  accountId: string;
  name?: string;
  source: string;
  ouPath?: string;
  /** The call that failed: "sts:AssumeRole", "sso:GetRoleCredentials", "sso:ListAccountRoles", ... */
  operation: string;
  code: string;
  message: string;
}

export interface TargetResolution {
  targets: ResolvedTarget[];
  /** Accounts that could not be reached; the run goes on without them and ends with exit 3. */
  errors: CollectionError[];
  /** The same failures with the account name and source, for `costguard accounts`. */
  unreachable?: UnreachableTarget[];
  /** Profiles passed over by --all-profiles because they hold no credentials (e.g. region-only). */
  skippedProfiles?: string[];
  /** --shard: what this shard split (all shards' accounts), so `report merge` can check the shards saw the same. */
  listing?: ShardListing;
  /** Release the SDK clients the credential providers keep (assume-role / SSO). Safe to call twice. */
  dispose?: () => void;
}
