import { analyseTrustPolicy, roleOrigin } from '../core/iam/index.js';
import type { Resource } from '../core/model.js';
import {
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  IAMClient,
  RemoveRoleFromInstanceProfileCommand,
  paginateListAttachedRolePolicies,
  paginateListInstanceProfilesForRole,
  paginateListRolePolicies,
} from '@aws-sdk/client-iam';
import { IAM_PERMISSIONS, iamAccountData } from './iam-account-data.js';
import type { ResourceType } from './resource-type.js';
import { ownCall, ownDelete, partCall } from '../aws/nuke/own-call.js';

/**
 * iam:role — every IAM role with who may assume it (trust policy analysis), when it was last used
 * and its origin. AWS-reserved roles (service-linked, IAM Identity Center) are listed with their
 * origin, never hidden, so rules and suppressions can treat them knowingly.
 */
export const iamRole: ResourceType = {
  type: 'iam:role',
  description: 'IAM roles: trust policy (who may assume it), last use, origin (customer, service-linked, sso)',
  scope: 'global',
  permissions: {
    list: [IAM_PERMISSIONS.authorizationDetails[0]],
    remove: [
      'iam:ListInstanceProfilesForRole',
      'iam:RemoveRoleFromInstanceProfile',
      'iam:DeleteInstanceProfile',
      'iam:ListAttachedRolePolicies',
      'iam:DetachRolePolicy',
      'iam:ListRolePolicies',
      'iam:DeleteRolePolicy',
      'iam:DeleteRole',
    ],
  },
  properties: {
    roleName: { type: 'string', description: 'role name' },
    path: { type: 'string', description: 'IAM path' },
    origin: { type: 'string', description: '"customer", "service-linked" (path /aws-service-role/) or "sso" (AWSReservedSSO_*)' },
    trustsAnyPrincipal: { type: 'boolean', description: 'the trust policy lets any principal assume the role with no condition that pins the caller' },
    trustOpenReasons: { type: 'string', description: 'why the role is open to anyone, for messages' },
    trustConditional: { type: 'boolean', description: 'the open statements carry conditions, none of which pins the caller' },
    trustedServices: { type: 'strings', description: 'AWS services trusted (ec2.amazonaws.com, ...)' },
    trustedPrincipals: { type: 'strings', description: 'AWS principals trusted (ARNs, account ids, "*")', ref: { to: ['iam:role', 'iam:user'], kind: 'uses' } },
    trustedFederated: { type: 'strings', description: 'identity providers trusted' },
    crossAccounts: { type: 'strings', description: 'other accounts trusted' },
    lastUsedAt: { type: 'date', description: 'when the role was last assumed (ISO; IAM tracks the last 400 days)' },
    lastUsedRegion: { type: 'string', description: 'region of the last use' },
    neverUsed: { type: 'boolean', description: 'no recorded use' },
    lastUsedText: { type: 'string', description: 'the last use (date and region), or "never", for messages' },
    attachedPolicies: { type: 'strings', description: 'managed policies attached', ref: { to: 'iam:policy', kind: 'uses', byName: true } },
    inlinePolicies: { type: 'strings', description: 'inline policy names' },
    roleId: { type: 'string', description: 'the unique role id (AROA...)' },
    trustPolicyProblem: { type: 'string', description: 'why the trust policy could not be read, when it could not' },
    permissionsBoundary: { type: 'string', description: 'ARN of the permissions boundary, when set', ref: { to: 'iam:policy', kind: 'uses' } },
  },
  callerIdentity: 'role',
  // Roles AWS or the Organization rely on are never deleted, whatever a nuke config says.
  guard(resource) {
    const name = resource.name ?? resource.id;
    const path = typeof resource.props.path === 'string' ? resource.props.path : '';
    if (name.startsWith('AWSReservedSSO_') || path.startsWith('/aws-reserved/sso.amazonaws.com/')) return 'IAM Identity Center (SSO) role';
    if (path.startsWith('/aws-service-role/') || name.startsWith('AWSServiceRoleFor')) return 'service-linked role (owned by an AWS service)';
    if (name === 'OrganizationAccountAccessRole') return 'OrganizationAccountAccessRole (how the Organization reaches this account)';
    if (path.startsWith('/aws-reserved/')) return 'role reserved by AWS';
    return undefined;
  },
  async list(ctx) {
    const details = await iamAccountData(ctx).authorizationDetails();
    return details.roles.map((r): Resource => {
      const trust = r.trustPolicy ? analyseTrustPolicy(r.trustPolicy, ctx.accountId) : undefined;
      const open = trust?.open ?? [];
      return {
        type: 'iam:role',
        id: r.name,
        arn: r.arn,
        name: r.name,
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        createdAt: r.createdAt,
        tags: r.tags ?? {},
        props: {
          roleName: r.name,
          path: r.path,
          roleId: r.id,
          origin: roleOrigin(r),
          trustsAnyPrincipal: trust?.trustsAnyPrincipal ?? false,
          trustOpenReasons: open.length > 0 ? open.map((o) => (o.sid ? `${o.reason} in statement ${o.sid}` : o.reason)).join('; ') : undefined,
          trustConditional: open.length > 0 && open.every((o) => o.conditional),
          trustedServices: trust?.services,
          trustedPrincipals: trust?.awsPrincipals,
          trustedFederated: trust?.federated,
          crossAccounts: trust && trust.crossAccounts.length > 0 ? trust.crossAccounts : undefined,
          trustPolicyProblem: r.trustPolicyProblem,
          lastUsedAt: r.lastUsedAt,
          lastUsedRegion: r.lastUsedRegion,
          neverUsed: r.lastUsedAt === undefined,
          lastUsedText: r.lastUsedAt ? `${r.lastUsedAt.slice(0, 10)}${r.lastUsedRegion ? ` in ${r.lastUsedRegion}` : ''}` : 'never',
          attachedPolicies: r.attachedPolicies.map((p) => p.name),
          inlinePolicies: r.inlinePolicies.map((p) => p.name),
          permissionsBoundary: r.permissionsBoundaryArn,
        },
      };
    });
  },
  // IAM refuses to delete a role that is in an instance profile or has policies: take it out of its instance
  // profiles (deleting a profile left empty), detach and delete its policies, then delete the role.
  async remove(ctx, resource) {
    const iam = ctx.client(IAMClient);
    const RoleName = resource.id;
    // A profile or policy already gone (NoSuchEntity) is one less to remove (partCall): that NoSuchEntity
    // may name it rather than the role. The role's own are the listings (they name only the role) and its delete.
    const prepare = async () => {
      for await (const page of paginateListInstanceProfilesForRole({ client: iam, stopOnSameToken: true }, { RoleName, MaxItems: 1000 })) {
        for (const profile of page.InstanceProfiles ?? []) {
          if (!profile.InstanceProfileName) continue;
          await partCall(iam.send(new RemoveRoleFromInstanceProfileCommand({ RoleName, InstanceProfileName: profile.InstanceProfileName })));
          if ((profile.Roles ?? []).every((r) => r.RoleName === RoleName)) await partCall(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: profile.InstanceProfileName })));
        }
      }
      for await (const page of paginateListAttachedRolePolicies({ client: iam, stopOnSameToken: true }, { RoleName, MaxItems: 1000 })) {
        for (const p of page.AttachedPolicies ?? []) if (p.PolicyArn) await partCall(iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: p.PolicyArn })));
      }
      for await (const page of paginateListRolePolicies({ client: iam, stopOnSameToken: true }, { RoleName, MaxItems: 1000 })) {
        for (const name of page.PolicyNames ?? []) await partCall(iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName: name })));
      }
    };
    await ownCall(prepare(), /NoSuchEntity/);
    await ownDelete(iam.send(new DeleteRoleCommand({ RoleName })));
  },
  // What runs as the role goes first (a stack may need its service role to delete itself).
  dependsOn: ['lambda:function', 'ec2:instance', 'autoscaling:group', 'ecs:service', 'eks:cluster', 'eks:nodegroup', 'cloudformation:stack', 'iam:instance-profile'],
};
