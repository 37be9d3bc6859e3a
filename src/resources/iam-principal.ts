import { principalProps, roleOrigin, type PrincipalAnalysis } from '../core/iam/index.js';
import type { Resource } from '../core/model.js';
import { IAM_PERMISSIONS, iamAccountData } from './iam-account-data.js';
import type { CollectContext, ResourceType } from './resource-type.js';

const ORIGIN_LABEL: Record<string, string> = { 'service-linked': ' (service-linked)', sso: ' (IAM Identity Center)', customer: '' };

/** "IAM user alice", "IAM group admins (3 members)", "role AWSReservedSSO_Admin_1 (IAM Identity Center)". */
export function principalLabel(analysis: PrincipalAnalysis, origin?: string): string {
  if (analysis.principalType === 'user') return `IAM user ${analysis.name}`;
  if (analysis.principalType === 'group') {
    const members = analysis.members?.length ?? 0;
    return `IAM group ${analysis.name} (${members} ${members === 1 ? 'member' : 'members'})`;
  }
  return `role ${analysis.name}${ORIGIN_LABEL[origin ?? 'customer'] ?? ''}`;
}

function principalResource(ctx: CollectContext, analysis: PrincipalAnalysis, extra: Record<string, unknown>, createdAt?: string): Resource {
  return {
    type: 'iam:principal',
    id: `${analysis.principalType}/${analysis.name}`,
    arn: analysis.arn,
    name: analysis.name,
    accountId: ctx.accountId,
    region: ctx.resourceRegion,
    ...(createdAt ? { createdAt } : {}),
    tags: {},
    props: { ...principalProps(analysis), principalLabel: principalLabel(analysis, extra.origin as string | undefined), ...extra },
  };
}

/**
 * iam:principal — every user, group and role with its effective permissions: the union of its
 * attached, inline and group policies, minus explicit Deny, within its permissions boundary
 * (src/core/iam). One resource type for the three, so one rule covers "a user, group or role".
 */
export const iamPrincipal: ResourceType = {
  type: 'iam:principal',
  description: 'Effective permissions of every IAM user (with its groups), group and role: admin access, service wildcards, escalation paths',
  scope: 'global',
  permissions: { list: [...IAM_PERMISSIONS.authorizationDetails] },
  properties: {
    principalType: { type: 'string', description: '"user", "group" or "role"' },
    principalLabel: { type: 'string', description: '"IAM user alice", "IAM group admins (3 members)", "role X (service-linked)", for messages' },
    origin: { type: 'string', description: 'for roles: "customer", "service-linked" or "sso"' },
    policies: { type: 'strings', description: 'every policy that applies, group policies included ("X via group G")' },
    adminAccess: { type: 'boolean', description: 'an Allow of Action * on Resource * (AdministratorAccess or equivalent) applies and no Deny takes it back' },
    adminGrantedBy: { type: 'string', description: 'the policies that grant it' },
    adminConditional: { type: 'boolean', description: 'every grant of admin access carries a Condition' },
    serviceWildcards: { type: 'strings', description: 'whole-service wildcards on Resource * ("s3:*"), and "* except ..." for Allow with NotAction; absent when none' },
    serviceWildcardSummary: { type: 'string', description: 'each wildcard with the policies that grant it' },
    escalationMethods: { type: 'strings', description: 'ids of the privilege-escalation methods whose actions are all allowed; absent when none (and for admins)' },
    escalationSummary: { type: 'string', description: 'each method with the actions and the policies that grant them' },
    conditional: { type: 'boolean', description: 'some grant reported here carries a Condition that narrows it' },
    conditionNote: { type: 'string', description: 'a sentence for messages when conditional (English)' },
    conditionNoteKo: { type: 'string', description: 'the same in Korean' },
    memberCount: { type: 'number', description: 'for groups: number of users in the group' },
    unreadablePolicies: { type: 'strings', description: 'attached policies whose document could not be read' },
    policyCount: { type: 'number', description: 'number of policies that apply' },
    serviceWildcardsConditional: { type: 'boolean', description: 'every whole-service wildcard grant carries a Condition' },
    escalationConditional: { type: 'boolean', description: 'every privilege-escalation grant carries a Condition' },
    members: { type: 'strings', description: 'for groups: names of the users in the group' },
    groups: { type: 'strings', description: 'for users: the groups the user belongs to' },
    permissionsBoundary: { type: 'string', description: 'ARN of the permissions boundary, when set' },
  },
  async list(ctx) {
    const data = iamAccountData(ctx);
    const [details, analysis] = await Promise.all([data.authorizationDetails(), data.analysis()]);
    const out: Resource[] = [];
    for (const u of details.users) {
      const a = analysis.users.get(u.name);
      if (a) out.push(principalResource(ctx, a, { groups: u.groups }, u.createdAt));
    }
    for (const g of details.groups) {
      const a = analysis.groups.get(g.name);
      if (a) out.push(principalResource(ctx, a, {}, g.createdAt));
    }
    for (const r of details.roles) {
      const a = analysis.roles.get(r.name);
      if (a) out.push(principalResource(ctx, a, { origin: roleOrigin(r) }, r.createdAt));
    }
    return out;
  },
};
