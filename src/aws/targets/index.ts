export type { ResolvedTarget, TargetInfo, TargetOptions, TargetResolution, UnreachableTarget } from './types.js';
export type { TargetDeps } from './deps.js';
export { CredentialClients } from './deps.js';
export { accountFilter, applyShard, DEFAULT_ACCOUNT_CONCURRENCY, DEFAULT_ORG_ROLE, parseShard, validateTargetOptions } from './options.js';
export { homeRegionOf, listProfiles, loginHint, profileTarget, resolveProfiles } from './profiles.js';
export { pickSsoRole, readCachedToken, readSsoSession, resolveSsoSession, ssoLoginCommand } from './sso.js';
export { resolveOrganization, walkOrganization, type OrgAccount } from './org.js';
export { checkTargets, type TargetCheck } from './check.js';
export { resolveTargets } from './resolve.js';
