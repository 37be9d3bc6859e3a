import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { CollectionError, Target } from '../../core/model.js';

/** A target with the credentials to work on it. Regions are resolved later, per account. */
export interface ResolvedTarget {
  target: Omit<Target, 'regions'>;
  credentials: AwsCredentialIdentityProvider;
  /** The ARN the credentials act as (sts:GetCallerIdentity), so nuke never deletes its own identity. */
  callerArn?: string;
  /** The API region to start from (the profile's region or AWS_REGION), default us-east-1. */
  homeRegion?: string;
}

export interface TargetOptions {
  profiles?: string[];
  allProfiles?: boolean;
  ssoSession?: string;
  ssoRoles?: string[];
  org?: boolean;
  orgRole?: string;
  ous?: string[];
  accounts?: string[];
  excludeAccounts?: string[];
  /** 1-based shard index and count: --shard 2/4 */
  shard?: { index: number; count: number };
}

export interface TargetResolution {
  targets: ResolvedTarget[];
  /** Accounts that could not be reached; the run goes on without them and ends with exit 3. */
  errors: CollectionError[];
}
