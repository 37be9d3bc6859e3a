// What a principal may do: the union of its identity policies (attached, inline and those inherited
// from its groups), minus explicit Deny, within its permissions boundary. Pure.
//
// Scope of the model: identity policies and permissions boundaries. Resource policies, SCPs, RCPs
// and session policies are outside what GetAccountAuthorizationDetails returns, so they are not
// considered. Conditions are not evaluated: an Allow that carries a Condition is reported as
// "conditional" (narrower than it looks), and a Deny that carries one does not remove a grant but
// makes it conditional.
import { actionMatches, hasWildcard, isAllResources, isBroadResource, isUniversalAction, serviceWildcardOf } from './action-match.js';
import { hasCondition, type PolicyDocument, type PolicyStatement } from './policy-document.js';

export interface PolicySource {
  /** Policy name (managed) or inline policy name. */
  name: string;
  arn?: string;
  kind: 'managed' | 'inline';
  awsManaged?: boolean;
  /** The group this policy is inherited through. */
  via?: string;
  document: PolicyDocument;
  /** The document could not be read; the policy is listed but grants nothing here. */
  unreadable?: boolean;
}

/**
 * Which resources a grant must cover to count:
 * - `all`: Resource "*" (every resource of every service);
 * - `broad`: every resource of some kind ("*", "arn:aws:iam::*:role/*"), never one named resource or
 *   one scoped with a policy variable such as ${aws:username};
 * - `any`: any Resource at all.
 */
export type ResourceScope = 'all' | 'broad' | 'any';

export interface Grant {
  source: PolicySource;
  statement: PolicyStatement;
  conditional: boolean;
}

export interface ActionDecision {
  action: string;
  allowed: boolean;
  /** Every Allow that grants it carries a Condition, or a Deny with a Condition may remove it. */
  conditional: boolean;
  /** Labels of the policies whose Allow statements grant it (unconditional grants first). */
  grantedBy: string[];
  /** Labels of policies whose Deny statements remove it (or may, when conditional). */
  deniedBy: string[];
}

export interface WildcardGrant {
  /** "s3:*", "*", or "* except iam:*, organizations:*" for an Allow with NotAction. */
  pattern: string;
  grantedBy: string[];
  conditional: boolean;
}

const ADMIN_POLICY_ARN = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

/** "AdministratorAccess (AWS managed) via group admins", "inline policy \"ops\"". */
export function sourceLabel(source: PolicySource): string {
  const base = source.kind === 'inline' ? `inline policy "${source.name}"` : source.awsManaged ? `${source.name} (AWS managed)` : source.name;
  return source.via ? `${base} via group ${source.via}` : base;
}

/** Whether a statement's Action/NotAction covers an action, or every action a pattern stands for. */
function coversAction(statement: PolicyStatement, action: string): boolean {
  if (statement.actions) return statement.actions.some((p) => patternCovers(p, action));
  if (statement.notActions) return !statement.notActions.some((p) => patternsOverlap(p, action));
  return false;
}

/** Pattern P covers query Q: a concrete action P matches, or a wildcard query P includes entirely. */
function patternCovers(pattern: string, query: string): boolean {
  if (!hasWildcard(query)) return actionMatches(pattern, query);
  if (isUniversalAction(pattern)) return true;
  if (isUniversalAction(query)) return false;
  const service = serviceWildcardOf(pattern);
  if (service !== undefined) return query.toLowerCase().startsWith(`${service}:`);
  return pattern.toLowerCase() === query.toLowerCase();
}

/** Whether some action could match both (used for NotAction: any overlap means "not all of it"). */
function patternsOverlap(pattern: string, query: string): boolean {
  if (!hasWildcard(query)) return actionMatches(pattern, query);
  if (isUniversalAction(pattern) || isUniversalAction(query)) return true;
  const [ps] = pattern.toLowerCase().split(':');
  const [qs] = query.toLowerCase().split(':');
  return ps === qs || ps.includes('*') || qs.includes('*');
}

function coversResources(statement: PolicyStatement, scope: ResourceScope): boolean {
  if (!statement.resources && !statement.notResources) return true;
  if (statement.notResources) return scope !== 'all';
  const resources = statement.resources ?? [];
  if (scope === 'all') return resources.some(isAllResources);
  if (scope === 'broad') return resources.some(isBroadResource);
  return resources.length > 0;
}

/** A Deny removes an action everywhere when it names every resource (or uses NotResource). */
function denyReachesEverywhere(statement: PolicyStatement): boolean {
  if (!statement.resources) return true;
  return statement.resources.some(isAllResources);
}

function uniqueLabels(grants: Grant[]): string[] {
  const sorted = [...grants].sort((a, b) => Number(a.conditional) - Number(b.conditional));
  return [...new Set(sorted.map((g) => sourceLabel(g.source) + (g.conditional ? ' (conditional)' : '')))];
}

/** The effective permissions of one principal. */
export class EffectivePermissions {
  private readonly allows: Grant[] = [];
  private readonly denies: Grant[] = [];

  /**
   * @param sources every identity policy of the principal, group policies included (with `via`)
   * @param boundary the permissions boundary, when one is set and readable
   */
  constructor(
    readonly sources: PolicySource[],
    private readonly boundary?: EffectivePermissions,
  ) {
    for (const source of sources) {
      for (const statement of source.document.statements) {
        const grant = { source, statement, conditional: hasCondition(statement) };
        (statement.effect === 'Allow' ? this.allows : this.denies).push(grant);
      }
    }
  }

  /** Whether the action (or every action a wildcard stands for) is allowed on resources of the given scope. */
  decide(action: string, scope: ResourceScope = 'broad'): ActionDecision {
    const grants = this.allows.filter((g) => coversAction(g.statement, action) && coversResources(g.statement, scope));
    const denies = this.denies.filter((g) => coversAction(g.statement, action) && denyReachesEverywhere(g.statement));
    const hardDeny = denies.filter((g) => !g.conditional);
    const bounded = this.boundary ? this.boundary.decide(action, scope) : undefined;
    const allowed = grants.length > 0 && hardDeny.length === 0 && (bounded === undefined || bounded.allowed);
    const conditional =
      allowed && (grants.every((g) => g.conditional) || denies.some((g) => g.conditional) || (bounded?.conditional ?? false));
    return {
      action,
      allowed,
      conditional,
      grantedBy: uniqueLabels(grants),
      deniedBy: [...uniqueLabels(denies), ...(bounded && !bounded.allowed ? ['permissions boundary'] : [])],
    };
  }

  /**
   * Full administrator access: an Allow of Action "*" on Resource "*" (AdministratorAccess or an
   * equivalent statement) that no unconditional Deny of "*" takes back. Undefined when there is none.
   */
  adminAccess(): WildcardGrant | undefined {
    const grants = this.allows.filter(
      (g) => (g.statement.actions?.some(isUniversalAction) ?? false) && coversResources(g.statement, 'all'),
    );
    const byArn = this.sources.filter((s) => s.arn !== undefined && ADMIN_POLICY_ARN.test(s.arn) && s.unreadable);
    for (const source of byArn) grants.push({ source, statement: { effect: 'Allow', actions: ['*'], resources: ['*'] }, conditional: false });
    if (grants.length === 0) return undefined;
    const decision = this.decide('*', 'all');
    if (this.denies.some((g) => !g.conditional && coversAction(g.statement, '*') && denyReachesEverywhere(g.statement))) return undefined;
    if (this.boundary && !this.boundary.decide('*', 'all').allowed) return undefined;
    return { pattern: '*', grantedBy: uniqueLabels(grants), conditional: grants.every((g) => g.conditional) || decision.conditional };
  }

  /**
   * Whole-service wildcards on every resource ("s3:*" on "*"), and Allow+NotAction statements on
   * every resource ("* except iam:*"), that survive Deny and the boundary. Universal "*" is left to
   * adminAccess().
   */
  serviceWildcards(): WildcardGrant[] {
    const found = new Map<string, Grant[]>();
    const add = (pattern: string, grant: Grant) => found.set(pattern, [...(found.get(pattern) ?? []), grant]);
    for (const grant of this.allows) {
      if (!coversResources(grant.statement, 'all')) continue;
      for (const pattern of grant.statement.actions ?? []) {
        const service = serviceWildcardOf(pattern);
        if (service !== undefined) add(`${service}:*`, grant);
      }
      if (grant.statement.notActions) add(`* except ${grant.statement.notActions.join(', ')}`, grant);
    }
    const out: WildcardGrant[] = [];
    for (const [pattern, grants] of found) {
      const probe = pattern.startsWith('* except') ? undefined : pattern;
      if (probe !== undefined) {
        const decision = this.decide(probe, 'all');
        if (!decision.allowed) continue;
        out.push({ pattern, grantedBy: uniqueLabels(grants), conditional: decision.conditional });
      } else {
        if (this.denies.some((g) => !g.conditional && coversAction(g.statement, '*') && denyReachesEverywhere(g.statement))) continue;
        out.push({ pattern, grantedBy: uniqueLabels(grants), conditional: grants.every((g) => g.conditional) });
      }
    }
    return out.sort((a, b) => a.pattern.localeCompare(b.pattern));
  }
}
