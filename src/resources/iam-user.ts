import { latest } from '../core/iam/index.js';
import type { Resource } from '../core/model.js';
import { IAM_PERMISSIONS, iamAccountData } from './iam-account-data.js';
import type { ResourceType } from './resource-type.js';

/**
 * iam:user — every IAM user with its sign-in and key facts (credential report) and where its
 * permissions come from (GetAccountAuthorizationDetails). Effective permissions are on iam:principal.
 */
export const iamUser: ResourceType = {
  type: 'iam:user',
  description: 'IAM users: console password, MFA, access keys and the policies attached to them directly',
  scope: 'global',
  permissions: { list: [...IAM_PERMISSIONS.authorizationDetails, ...IAM_PERMISSIONS.credentialReport] },
  properties: {
    userName: 'user name',
    path: 'IAM path',
    passwordEnabled: 'the user has a console password (credential report)',
    passwordLastUsed: 'when the console password was last used (ISO)',
    mfaActive: 'the user has an MFA device',
    activeAccessKeys: 'number of active access keys (0-2)',
    accessKeys: 'number of access keys, active or not',
    lastActivity: 'latest use of the password or an access key (ISO)',
    groups: 'groups the user belongs to',
    attachedPolicies: 'managed policies attached to the user directly',
    inlinePolicies: 'inline policies on the user',
    directPolicies: 'every policy on the user directly (managed and inline), for messages',
    directPolicyCount: 'number of policies on the user directly',
    permissionsBoundary: 'ARN of the permissions boundary, when set',
    inCredentialReport: 'the user is in the credential report (users created after it was generated are not)',
  },
  async list(ctx) {
    const data = iamAccountData(ctx);
    const [details, report] = await Promise.all([data.authorizationDetails(), data.credentialReport()]);
    const rows = new Map(report.filter((r) => !r.isRoot).map((r) => [r.user, r]));
    return details.users.map((u): Resource => {
      const row = rows.get(u.name);
      const direct = [...u.attachedPolicies.map((p) => p.name), ...u.inlinePolicies.map((p) => `inline:${p.name}`)];
      return {
        type: 'iam:user',
        id: u.name,
        arn: u.arn,
        name: u.name,
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        createdAt: u.createdAt,
        tags: u.tags ?? {},
        props: {
          userName: u.name,
          path: u.path,
          userId: u.id,
          passwordEnabled: row?.passwordEnabled,
          passwordLastUsed: row?.passwordLastUsed,
          mfaActive: row?.mfaActive,
          activeAccessKeys: row ? row.accessKeys.filter((k) => k.active).length : undefined,
          accessKeys: row?.accessKeys.length,
          lastActivity: row ? latest(row.passwordLastUsed, ...row.accessKeys.map((k) => k.lastUsedDate)) : undefined,
          groups: u.groups,
          attachedPolicies: u.attachedPolicies.map((p) => p.name),
          inlinePolicies: u.inlinePolicies.map((p) => p.name),
          directPolicies: direct.join(', '),
          directPolicyCount: direct.length,
          permissionsBoundary: u.permissionsBoundaryArn,
          inCredentialReport: row !== undefined,
        },
      };
    });
  },
};
