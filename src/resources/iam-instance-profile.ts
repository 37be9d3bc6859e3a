import { DeleteInstanceProfileCommand, IAMClient, RemoveRoleFromInstanceProfileCommand, paginateListInstanceProfiles } from '@aws-sdk/client-iam';
import type { Resource } from '../core/model.js';
import { iso, type ResourceType } from './resource-type.js';
import { ownDelete, partCall } from '../aws/nuke/own-call.js';

export const iamInstanceProfile: ResourceType = {
  type: 'iam:instance-profile',
  description: 'IAM instance profiles (free; labs leave them behind with or without their role)',
  scope: 'global',
  permissions: {
    list: ['iam:ListInstanceProfiles'],
    remove: ['iam:RemoveRoleFromInstanceProfile', 'iam:DeleteInstanceProfile'],
  },
  properties: {
    path: { type: 'string', description: 'IAM path, e.g. /' },
    roleNames: { type: 'strings', description: 'roles in the profile (at most one)', ref: { to: 'iam:role', kind: 'both', byName: true } },
  },
  // 1 ListInstanceProfiles call per 1000 profiles; tags are not read (1 call per profile).
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateListInstanceProfiles({ client: ctx.client(IAMClient), stopOnSameToken: true }, { MaxItems: 1000 })) {
      for (const p of page.InstanceProfiles ?? []) {
        if (!p.InstanceProfileName) continue;
        out.push({
          type: 'iam:instance-profile',
          id: p.InstanceProfileName,
          arn: p.Arn,
          name: p.InstanceProfileName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(p.CreateDate),
          tags: {},
          props: { path: p.Path, roleNames: (p.Roles ?? []).map((r) => r.RoleName).filter((n): n is string => !!n) },
        });
      }
    }
    return out;
  },
  // Takes its role out first (the role itself stays unless it is planned too), then deletes the profile.
  async remove(ctx, resource) {
    const iam = ctx.client(IAMClient);
    const roles = Array.isArray(resource.props.roleNames) ? (resource.props.roleNames as string[]) : [];
    // A role already gone or removed (NoSuchEntity) is one less to remove; the profile's own delete says whether it is gone.
    for (const RoleName of roles) await partCall(iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: resource.id, RoleName })));
    await ownDelete(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: resource.id })));
  },
  dependsOn: ['ec2:instance', 'autoscaling:group'],
  guard(resource) {
    const path = typeof resource.props.path === 'string' ? resource.props.path : '';
    return path.startsWith('/aws-service-role/') || path.startsWith('/aws-reserved/') ? 'managed by AWS' : undefined;
  },
};
