// IAM action and resource patterns: case-insensitive action names with * and ? wildcards.
// This is deliberately not the glob library of core/patterns.ts: IAM's wildcard language is smaller
// and different. Only * (any run, across ":" and "/") and ? (one character) are special; [ ] { } ( )
// and ! are literal characters of an action or ARN, and action names compare case-insensitively
// ("iam:putuserpolicy" is iam:PutUserPolicy). A shell glob would read "[" or "{" as syntax.

const cache = new Map<string, RegExp>();

/** An IAM wildcard pattern ("iam:Put*", "s3:Get?bject", "*") as a case-insensitive RegExp. */
export function wildcardRegExp(pattern: string, caseInsensitive = true): RegExp {
  const key = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  let re = cache.get(key);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, caseInsensitive ? 'i' : '');
    cache.set(key, re);
  }
  return re;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** Whether an action pattern from a policy matches a concrete action ("iam:PutUserPolicy"). Action names are case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  return wildcardRegExp(pattern).test(action);
}

/** A pattern that matches every action: "*" or "*:*". */
export function isUniversalAction(pattern: string): boolean {
  return /^\*(:\*)?$/.test(pattern.trim());
}

/** "s3:*" → "s3"; undefined for anything that is not a whole-service wildcard. */
export function serviceWildcardOf(pattern: string): string | undefined {
  const m = /^([a-z0-9-]+):\*$/i.exec(pattern.trim());
  return m ? m[1].toLowerCase() : undefined;
}

/** Verbs of actions that only read (IAM access levels List and Read, by naming convention). */
export const READ_ONLY_VERBS = [
  'Describe',
  'Get',
  'List',
  'Head',
  'Search',
  'Lookup',
  'Scan',
  'Query',
  'BatchGet',
  'Select',
  'View',
  'Check',
  'Estimate',
  'Preview',
  'Validate',
  'Simulate',
  'Generate',
] as const;

const READ_ONLY_PREFIX = new RegExp(`^(${READ_ONLY_VERBS.join('|')})`, 'i');

/**
 * Whether an action pattern can only match read actions: its name part starts with a read verb
 * before the first wildcard ("ec2:Describe*", "s3:Get*"). "ec2:De*" matches DeleteVpc too, so it does
 * not count; neither do "*", "s3:*" and "iam:*Policy".
 */
export function isReadOnlyActionPattern(pattern: string): boolean {
  const colon = pattern.indexOf(':');
  if (colon < 0) return false;
  const name = pattern.slice(colon + 1);
  const firstWild = name.search(/[*?]/);
  const literal = firstWild < 0 ? name : name.slice(0, firstWild);
  const verb = READ_ONLY_PREFIX.exec(literal);
  return verb !== null && verb[0].length <= literal.length && !pattern.slice(0, colon).includes('*');
}

/** A pattern with a wildcard that can match an action that changes something. */
export function isWriteWildcard(pattern: string): boolean {
  return hasWildcard(pattern) && !isReadOnlyActionPattern(pattern);
}

const POLICY_VARIABLE = /\$\{[^}]+\}/;

/** A Resource pattern that names every resource: "*", "arn:*", "arn:aws:*:*:*:*". */
export function isAllResources(pattern: string): boolean {
  const p = pattern.trim();
  if (p === '*' || p === 'arn:*') return true;
  if (POLICY_VARIABLE.test(p)) return false;
  const parts = p.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  const [, partition, service, region, account] = parts;
  const resource = parts.slice(5).join(':');
  return /^(\*|aws[a-z-]*)$/.test(partition) && service === '*' && ['', '*'].includes(region) && ['', '*'].includes(account) && resource === '*';
}

/**
 * A Resource pattern that covers every resource of some kind: "*", or an ARN whose resource part is
 * a bare wildcard after a type ("arn:aws:iam::*:role/*", "arn:aws:iam::123456789012:policy/*",
 * "arn:aws:s3:::*"). A policy variable (`${aws:username}`) or a named resource makes it narrow.
 */
export function isBroadResource(pattern: string): boolean {
  const p = pattern.trim();
  if (isAllResources(p)) return true;
  if (POLICY_VARIABLE.test(p)) return false;
  const parts = p.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  const resource = parts.slice(5).join(':');
  return /^(\*|[A-Za-z0-9-]+[/:]\*)$/.test(resource);
}
