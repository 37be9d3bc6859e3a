// IAM analysis: pure functions the IAM collectors call to turn account data into the props the iam pack reads.
export * from './action-match.js';
export * from './authorization-details.js';
export * from './costguard-policy.js';
export * from './credential-report.js';
export * from './effective-permissions.js';
export * from './escalation.js';
export * from './password-policy.js';
export * from './policy-analysis.js';
export * from './policy-document.js';
export * from './trust-policy.js';
