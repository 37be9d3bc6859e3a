export {
  collectLocal,
  mergeLocal,
  needsLocal,
  type CallerIdentityCheck,
  type CollectLocalOptions,
  type LocalCallerIdentity,
  type LocalCollection,
} from './collect-local.js';
export { collectLocalForAudit, type LocalAuditOptions } from './for-audit.js';
export { stsCallerIdentity, type StsCallerIdentityOptions } from './caller-identity.js';
export { LOCAL_ACCOUNT, LOCAL_REGION, LOCAL_RESOURCE_TYPES, LOCAL_PROFILE_IDENTITY } from './types.js';
