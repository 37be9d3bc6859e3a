// Who may assume a role: reading its trust policy (AssumeRolePolicyDocument). Pure.
import { actionMatches } from './action-match.js';
import { hasCondition, type ConditionBlock, type PolicyDocument, type PolicyStatement, type PrincipalBlock } from './policy-document.js';

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'];

/**
 * Condition keys that pin who may assume a role (case-insensitive). A condition on any other key
 * (aws:SecureTransport, aws:MultiFactorAuthPresent, aws:CurrentTime...) does not: every AWS
 * account in the world can still meet it.
 */
const RESTRICTING_KEYS = [
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalservicename',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourceidentity',
  'aws:sourceip',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:vpcsourceip',
  'aws:userid',
  'aws:username',
  'sts:externalid',
];

/** Operators that only hold when the key equals/matches the given values. Negations and ...IfExists let anything else in. */
function isPositiveOperator(operator: string): boolean {
  const op = operator.replace(/^(ForAllValues|ForAnyValue):/i, '');
  if (/IfExists$/i.test(op) || /Not/i.test(op) || /^Null$/i.test(op) || /^Bool$/i.test(op)) return false;
  // ForAllValues holds vacuously when the key is missing: not a restriction.
  if (/^ForAllValues:/i.test(operator)) return false;
  return /^(String|Arn|Ip|Numeric|Date)/i.test(op);
}

function isWildcardValue(value: string): boolean {
  return /^[*?]+$/.test(value.trim());
}

/** Whether a condition block pins the caller with one of `keys` (a key test against concrete values). */
function restricts(condition: ConditionBlock | undefined, keyMatches: (key: string) => boolean): boolean {
  if (!condition) return false;
  for (const [operator, keys] of Object.entries(condition)) {
    if (!isPositiveOperator(operator)) continue;
    for (const [key, values] of Object.entries(keys)) {
      if (keyMatches(key.toLowerCase()) && values.length > 0 && !values.every(isWildcardValue)) return true;
    }
  }
  return false;
}

function principalValues(block: PrincipalBlock | undefined, type: string): string[] {
  if (block === undefined) return [];
  if (block === '*') return ['*'];
  const key = Object.keys(block).find((k) => k.toLowerCase() === type.toLowerCase());
  return key ? block[key] : [];
}

function allowsAssume(statement: PolicyStatement): boolean {
  if (statement.effect !== 'Allow') return false;
  if (statement.actions) return statement.actions.some((p) => ASSUME_ACTIONS.some((a) => actionMatches(p, a)));
  if (statement.notActions) return ASSUME_ACTIONS.some((a) => !statement.notActions?.some((p) => actionMatches(p, a)));
  return false;
}

/** "123456789012" from "arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:role/x" or a bare id. */
export function accountOfPrincipal(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  const m = /^arn:aws[a-z-]*:(iam|sts)::(\d{12}):/.exec(principal);
  return m ? m[2] : undefined;
}

export interface OpenTrust {
  /** Why the role is open: "Principal *", "NotPrincipal", "any GitHub Actions workflow (no ...:sub condition)". */
  reason: string;
  sid?: string;
  /** The statement has a condition, but none that pins the caller. */
  conditional: boolean;
}

export interface TrustAnalysis {
  /** Statements that let any principal (or any identity of a federated provider) assume the role with no restricting condition. */
  open: OpenTrust[];
  trustsAnyPrincipal: boolean;
  /** AWS principals trusted ("arn:aws:iam::123456789012:root", "*"). */
  awsPrincipals: string[];
  services: string[];
  federated: string[];
  /** Accounts other than the role's own that are trusted. */
  crossAccounts: string[];
}

function oidcIssuer(provider: string): string | undefined {
  const m = /:oidc-provider\/(.+)$/.exec(provider);
  return m ? m[1] : undefined;
}

/** For an OIDC provider: the condition keys that pin which identities may assume the role. */
function subjectKeyMatcher(issuer: string): (key: string) => boolean {
  const host = issuer.toLowerCase();
  if (host.startsWith('token.actions.githubusercontent.com')) return (key) => key === `${host}:sub` || key === `${host}:job_workflow_ref` || RESTRICTING_KEYS.includes(key);
  if (host === 'cognito-identity.amazonaws.com') return (key) => key === `${host}:aud` || RESTRICTING_KEYS.includes(key);
  return (key) => key.startsWith(`${host}:`) && /:(sub|aud|oaud|amr|azp)$/.test(key);
}

function describeIssuer(issuer: string): string {
  if (issuer.startsWith('token.actions.githubusercontent.com')) return 'any GitHub Actions workflow of any repository';
  return `any identity of ${issuer}`;
}

/** Read a role's trust policy: who is trusted, and whether anyone at all may assume it. */
export function analyseTrustPolicy(document: PolicyDocument, ownAccountId?: string): TrustAnalysis {
  const open: OpenTrust[] = [];
  const aws = new Set<string>();
  const services = new Set<string>();
  const federated = new Set<string>();
  const restrict = (key: string) => RESTRICTING_KEYS.includes(key);
  for (const statement of document.statements) {
    if (!allowsAssume(statement)) continue;
    const conditional = hasCondition(statement);
    if (statement.notPrincipal) {
      if (!restricts(statement.condition, restrict)) open.push({ reason: 'NotPrincipal (every principal except those listed)', sid: statement.sid, conditional });
      continue;
    }
    const awsValues = principalValues(statement.principal, 'AWS');
    awsValues.forEach((v) => aws.add(v));
    principalValues(statement.principal, 'Service').forEach((v) => services.add(v));
    const fed = principalValues(statement.principal, 'Federated');
    fed.forEach((v) => federated.add(v));
    if (awsValues.includes('*') && !restricts(statement.condition, restrict)) {
      open.push({ reason: 'Principal "*" (any AWS account)', sid: statement.sid, conditional });
    }
    for (const provider of fed) {
      const issuer = oidcIssuer(provider);
      if (issuer && !restricts(statement.condition, subjectKeyMatcher(issuer))) {
        open.push({ reason: `${describeIssuer(issuer)} (no condition on its subject)`, sid: statement.sid, conditional });
      }
    }
  }
  const crossAccounts = [...aws]
    .map(accountOfPrincipal)
    .filter((a): a is string => a !== undefined && a !== ownAccountId);
  return {
    open,
    trustsAnyPrincipal: open.length > 0,
    awsPrincipals: [...aws].sort(),
    services: [...services].sort(),
    federated: [...federated].sort(),
    crossAccounts: [...new Set(crossAccounts)].sort(),
  };
}
