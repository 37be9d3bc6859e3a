// The account's IAM configuration (what GetAccountAuthorizationDetails returns, in plain types) and
// the analysis the iam pack reads: per user, group and role, its effective permissions summarised.
// Pure: the collectors convert SDK output to these types and call analyseAuthorizationDetails().
import { EffectivePermissions, sourceLabel, type PolicySource, type WildcardGrant } from './effective-permissions.js';
import { escalationSummary, findEscalationPaths, type EscalationPath } from './escalation.js';
import type { PolicyDocument } from './policy-document.js';

export interface PolicyRef {
  arn: string;
  name: string;
}

export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
  /** Set when the document could not be read. */
  problem?: string;
}

export interface ManagedPolicy {
  arn: string;
  name: string;
  path?: string;
  awsManaged: boolean;
  defaultVersionId?: string;
  /** The default version's document; undefined when it was not returned. */
  document?: PolicyDocument;
  problem?: string;
  attachmentCount?: number;
  versionCount?: number;
  createdAt?: string;
  updatedAt?: string;
  description?: string;
}

interface PrincipalBase {
  name: string;
  arn: string;
  id?: string;
  path?: string;
  createdAt?: string;
  inlinePolicies: InlinePolicy[];
  attachedPolicies: PolicyRef[];
  tags?: Record<string, string>;
}

export interface UserDetail extends PrincipalBase {
  groups: string[];
  permissionsBoundaryArn?: string;
}

export type GroupDetail = PrincipalBase;

export interface RoleDetail extends PrincipalBase {
  trustPolicy?: PolicyDocument;
  trustPolicyProblem?: string;
  permissionsBoundaryArn?: string;
  lastUsedAt?: string;
  lastUsedRegion?: string;
  description?: string;
  maxSessionDuration?: number;
}

export interface AuthorizationDetails {
  users: UserDetail[];
  groups: GroupDetail[];
  roles: RoleDetail[];
  /** Customer-managed policies, and AWS-managed policies that are attached. */
  policies: ManagedPolicy[];
}

export type PrincipalType = 'user' | 'group' | 'role';

export interface PrincipalAnalysis {
  principalType: PrincipalType;
  name: string;
  arn: string;
  /** Labels of every policy that applies, group policies included. */
  policies: string[];
  /** Attached policies whose document is unknown (not returned, unreadable). */
  unreadablePolicies: string[];
  admin?: WildcardGrant;
  serviceWildcards: WildcardGrant[];
  /** Escalation methods; empty for principals that already have admin access (they need none). */
  escalations: EscalationPath[];
  permissionsBoundary?: string;
  /** For groups: their members. */
  members?: string[];
}

const AWS_MANAGED_ARN = /^arn:aws[a-z-]*:iam::aws:policy\//;

export function isAwsManagedPolicyArn(arn: string): boolean {
  return AWS_MANAGED_ARN.test(arn);
}

/** Who made a role: AWS for a service (service-linked), IAM Identity Center (sso), or the account (customer). */
export type RoleOrigin = 'service-linked' | 'sso' | 'customer';

export function roleOrigin(role: { name: string; path?: string }): RoleOrigin {
  const path = role.path ?? '/';
  if (path.startsWith('/aws-service-role/')) return 'service-linked';
  if (role.name.startsWith('AWSReservedSSO_') || path.startsWith('/aws-reserved/sso.amazonaws.com/')) return 'sso';
  return 'customer';
}

class PolicyIndex {
  private readonly byArn = new Map<string, ManagedPolicy>();

  constructor(policies: ManagedPolicy[]) {
    for (const p of policies) this.byArn.set(p.arn, p);
  }

  get(arn: string): ManagedPolicy | undefined {
    return this.byArn.get(arn);
  }

  managedSource(ref: PolicyRef, via?: string): PolicySource {
    const policy = this.byArn.get(ref.arn);
    const awsManaged = policy?.awsManaged ?? isAwsManagedPolicyArn(ref.arn);
    const source: PolicySource = { name: ref.name || policy?.name || ref.arn, arn: ref.arn, kind: 'managed', awsManaged, document: policy?.document ?? { statements: [] } };
    if (!policy?.document) source.unreadable = true;
    if (via) source.via = via;
    return source;
  }
}

function inlineSource(policy: InlinePolicy, via?: string): PolicySource {
  const source: PolicySource = { name: policy.name, kind: 'inline', document: policy.document };
  if (policy.problem) source.unreadable = true;
  if (via) source.via = via;
  return source;
}

function sourcesOf(principal: PrincipalBase, index: PolicyIndex, via?: string): PolicySource[] {
  return [...principal.inlinePolicies.map((p) => inlineSource(p, via)), ...principal.attachedPolicies.map((r) => index.managedSource(r, via))];
}

function analyse(
  principalType: PrincipalType,
  principal: PrincipalBase,
  sources: PolicySource[],
  index: PolicyIndex,
  boundaryArn: string | undefined,
): PrincipalAnalysis {
  const boundaryPolicy = boundaryArn ? index.get(boundaryArn) : undefined;
  const boundary = boundaryPolicy?.document
    ? new EffectivePermissions([{ name: boundaryPolicy.name, arn: boundaryPolicy.arn, kind: 'managed', document: boundaryPolicy.document }])
    : undefined;
  const permissions = new EffectivePermissions(sources, boundary);
  const admin = permissions.adminAccess();
  return {
    principalType,
    name: principal.name,
    arn: principal.arn,
    policies: sources.map(sourceLabel),
    unreadablePolicies: sources.filter((s) => s.unreadable && !(s.arn && isAwsManagedPolicyArn(s.arn) && s.name === 'AdministratorAccess')).map(sourceLabel),
    ...(admin ? { admin } : {}),
    serviceWildcards: admin ? [] : permissions.serviceWildcards(),
    escalations: admin ? [] : findEscalationPaths(permissions),
    ...(boundaryArn ? { permissionsBoundary: boundaryArn } : {}),
  };
}

export interface AccountAnalysis {
  users: Map<string, PrincipalAnalysis>;
  groups: Map<string, PrincipalAnalysis>;
  roles: Map<string, PrincipalAnalysis>;
}

/** Effective permissions of every user (with its groups' policies), group and role. */
export function analyseAuthorizationDetails(details: AuthorizationDetails): AccountAnalysis {
  const index = new PolicyIndex(details.policies);
  const groupsByName = new Map(details.groups.map((g) => [g.name, g]));
  const members = new Map<string, string[]>();
  for (const user of details.users) for (const g of user.groups) members.set(g, [...(members.get(g) ?? []), user.name]);

  const users = new Map<string, PrincipalAnalysis>();
  for (const user of details.users) {
    const sources = [
      ...sourcesOf(user, index),
      ...user.groups.flatMap((name) => {
        const group = groupsByName.get(name);
        return group ? sourcesOf(group, index, name) : [];
      }),
    ];
    users.set(user.name, analyse('user', user, sources, index, user.permissionsBoundaryArn));
  }
  const groups = new Map<string, PrincipalAnalysis>();
  for (const group of details.groups) {
    groups.set(group.name, { ...analyse('group', group, sourcesOf(group, index), index, undefined), members: members.get(group.name) ?? [] });
  }
  const roles = new Map<string, PrincipalAnalysis>();
  for (const role of details.roles) roles.set(role.name, analyse('role', role, sourcesOf(role, index), index, role.permissionsBoundaryArn));
  return { users, groups, roles };
}

const CONDITION_NOTE = ' Grants marked (conditional) carry a Condition that narrows them: check that it holds only where you intend.';
const CONDITION_NOTE_KO = ' (conditional)로 표시된 권한에는 범위를 좁히는 Condition이 있습니다. 의도한 경우에만 충족되는지 확인하세요.';

function joinGrants(grants: WildcardGrant[]): string {
  return grants.map((g) => `${g.pattern} (${g.grantedBy.join(', ')})`).join('; ');
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

/** The flat props the iam pack's principal rules read. */
export function principalProps(analysis: PrincipalAnalysis): Record<string, unknown> {
  const admin = analysis.admin;
  const conditional = (admin?.conditional ?? false) || analysis.serviceWildcards.some((w) => w.conditional) || analysis.escalations.some((e) => e.conditional);
  return {
    principalType: analysis.principalType,
    policies: analysis.policies,
    policyCount: analysis.policies.length,
    unreadablePolicies: nonEmpty(analysis.unreadablePolicies),
    adminAccess: admin !== undefined,
    adminConditional: admin?.conditional ?? false,
    adminGrantedBy: admin ? admin.grantedBy.join(', ') : undefined,
    // Lists are left out when empty, so `present: true` reads naturally in conditions.
    serviceWildcards: nonEmpty(analysis.serviceWildcards.map((w) => w.pattern)),
    serviceWildcardsConditional: analysis.serviceWildcards.length > 0 && analysis.serviceWildcards.every((w) => w.conditional),
    serviceWildcardSummary: analysis.serviceWildcards.length > 0 ? joinGrants(analysis.serviceWildcards) : undefined,
    escalationMethods: nonEmpty(analysis.escalations.map((e) => e.method.id)),
    escalationConditional: analysis.escalations.length > 0 && analysis.escalations.every((e) => e.conditional),
    escalationSummary: analysis.escalations.length > 0 ? escalationSummary(analysis.escalations) : undefined,
    conditional,
    conditionNote: conditional ? CONDITION_NOTE : '',
    conditionNoteKo: conditional ? CONDITION_NOTE_KO : '',
    ...(analysis.permissionsBoundary ? { permissionsBoundary: analysis.permissionsBoundary } : {}),
    ...(analysis.members ? { members: analysis.members, memberCount: analysis.members.length } : {}),
  };
}
