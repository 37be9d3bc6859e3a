import { analysePolicyDocument } from '../core/iam/index.js';
import type { Resource } from '../core/model.js';
import {
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  IAMClient,
  paginateListEntitiesForPolicy,
  paginateListPolicyTags,
  paginateListPolicyVersions,
} from '@aws-sdk/client-iam';
import { IAM_PERMISSIONS, iamAccountData } from './iam-account-data.js';
import { tagsOf, type ResourceType } from './resource-type.js';
import { ownCall, ownDelete, partCall } from '../aws/nuke/own-call.js';

/** ListPolicyTags returns up to 1,000 tags a page (a policy carries at most 50). */
const TAGS_PAGE_SIZE = 1000;

/** iam:policy — customer-managed policies with what their default version grants (AWS-managed ones are not the account's to fix). */
export const iamPolicy: ResourceType = {
  type: 'iam:policy',
  description: 'Customer-managed IAM policies: attachments and what the default version grants (admin, service and write wildcards)',
  scope: 'global',
  permissions: {
    list: [IAM_PERMISSIONS.authorizationDetails[0]],
    remove: ['iam:ListPolicyTags', 'iam:ListEntitiesForPolicy', 'iam:DetachGroupPolicy', 'iam:DetachUserPolicy', 'iam:DetachRolePolicy', 'iam:ListPolicyVersions', 'iam:DeletePolicyVersion', 'iam:DeletePolicy'],
  },
  properties: {
    policyName: { type: 'string', description: 'policy name' },
    path: { type: 'string', description: 'IAM path' },
    attachmentCount: { type: 'number', description: 'users, groups and roles it is attached to' },
    attached: { type: 'boolean', description: 'attached to at least one principal' },
    defaultVersionId: { type: 'string', description: 'the version in effect' },
    versionCount: { type: 'number', description: 'number of stored versions (up to 5)' },
    adminAccess: { type: 'boolean', description: 'the default version allows Action * on Resource *' },
    serviceWildcards: { type: 'strings', description: 'whole-service wildcards on Resource * ("s3:*"); absent when none' },
    writeWildcards: { type: 'string', description: 'wildcard action patterns that can match a write action ("s3:Put*", "ec2:*", NotAction); absent when none' },
    conditionalAllows: { type: 'number', description: 'Allow statements that carry a Condition' },
    readable: { type: 'boolean', description: 'the default version document could be read' },
    updatedAt: { type: 'date', description: 'when the default version was last changed (ISO)' },
    description: { type: 'string', description: 'the description given at creation' },
  },
  async list(ctx) {
    const details = await iamAccountData(ctx).authorizationDetails();
    return details.policies
      .filter((p) => !p.awsManaged)
      .map((p): Resource => {
        const analysis = p.document ? analysePolicyDocument(p.document) : undefined;
        return {
          type: 'iam:policy',
          id: p.name,
          arn: p.arn,
          name: p.name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: p.createdAt,
          // GetAccountAuthorizationDetails returns no policy tags: nuke reads them (readTags), audit does not.
          tags: {},
          props: {
            policyName: p.name,
            path: p.path,
            attachmentCount: p.attachmentCount,
            attached: (p.attachmentCount ?? 0) > 0,
            defaultVersionId: p.defaultVersionId,
            versionCount: p.versionCount,
            updatedAt: p.updatedAt,
            description: p.description,
            readable: p.document !== undefined,
            adminAccess: analysis?.adminAccess,
            serviceWildcards: analysis && analysis.serviceWildcards.length > 0 ? analysis.serviceWildcards : undefined,
            writeWildcards: analysis && analysis.writeWildcards.length > 0 ? analysis.writeWildcards.join(', ') : undefined,
            conditionalAllows: analysis?.conditionalAllows,
          },
        };
      });
  },
  // Nuke only: 1 ListPolicyTags call per policy.
  async readTags(ctx, resources) {
    const iam = ctx.client(IAMClient);
    const read = await Promise.all(
      resources.map(async (r) => {
        const PolicyArn = r.arn ?? `arn:aws:iam::${ctx.accountId}:policy/${r.id}`;
        const tags: Record<string, string> = {};
        for await (const page of paginateListPolicyTags({ client: iam, stopOnSameToken: true }, { PolicyArn, MaxItems: TAGS_PAGE_SIZE })) Object.assign(tags, tagsOf(page.Tags));
        return [r.id, tags] as const;
      }),
    );
    return new Map(read);
  },
  // Detach it everywhere (users and roles that stay keep it: the planner skips a policy they use), delete its
  // non-default versions, then the policy. A policy used as a permissions boundary is left to fail: removing a
  // boundary would widen what a principal may do.
  async remove(ctx, resource) {
    const iam = ctx.client(IAMClient);
    const PolicyArn = resource.arn ?? `arn:aws:iam::${ctx.accountId}:policy/${resource.id}`;
    // A group, user, role or version already gone (NoSuchEntity) is one less to detach or delete (partCall):
    // that NoSuchEntity may name it rather than the policy. The policy's own are its listing (which names
    // nothing else) and its delete (ownDelete).
    const detachAll = async () => {
      for await (const page of paginateListEntitiesForPolicy({ client: iam, stopOnSameToken: true }, { PolicyArn, PolicyUsageFilter: 'PermissionsPolicy', MaxItems: 1000 })) {
        for (const g of page.PolicyGroups ?? []) if (g.GroupName) await partCall(iam.send(new DetachGroupPolicyCommand({ GroupName: g.GroupName, PolicyArn })));
        for (const u of page.PolicyUsers ?? []) if (u.UserName) await partCall(iam.send(new DetachUserPolicyCommand({ UserName: u.UserName, PolicyArn })));
        for (const r of page.PolicyRoles ?? []) if (r.RoleName) await partCall(iam.send(new DetachRolePolicyCommand({ RoleName: r.RoleName, PolicyArn })));
      }
    };
    await ownCall(detachAll(), /NoSuchEntity/);
    for await (const page of paginateListPolicyVersions({ client: iam, stopOnSameToken: true }, { PolicyArn, MaxItems: 1000 })) {
      for (const v of page.Versions ?? []) if (v.VersionId && !v.IsDefaultVersion) await partCall(iam.send(new DeletePolicyVersionCommand({ PolicyArn, VersionId: v.VersionId })));
    }
    await ownDelete(iam.send(new DeletePolicyCommand({ PolicyArn })));
  },
  // Principals that go are deleted first, so fewer detachments are needed.
  dependsOn: ['iam:role', 'iam:user'],
};
