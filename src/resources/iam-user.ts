import { latest } from '../core/iam/index.js';
import type { Resource } from '../core/model.js';
import {
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteSigningCertificateCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DeleteVirtualMFADeviceCommand,
  DetachUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  RemoveUserFromGroupCommand,
  paginateListAttachedUserPolicies,
  paginateListGroupsForUser,
  paginateListUserPolicies,
} from '@aws-sdk/client-iam';
import { IAM_PERMISSIONS, iamAccountData } from './iam-account-data.js';
import type { ResourceType } from './resource-type.js';
import { ownCall, ownDelete, partCall } from '../aws/nuke/own-call.js';

/**
 * iam:user — every IAM user with its sign-in and key facts (credential report) and where its
 * permissions come from (GetAccountAuthorizationDetails). Effective permissions are on iam:principal.
 */
export const iamUser: ResourceType = {
  type: 'iam:user',
  description: 'IAM users: console password, MFA, access keys and the policies attached to them directly',
  scope: 'global',
  permissions: {
    list: [...IAM_PERMISSIONS.authorizationDetails, ...IAM_PERMISSIONS.credentialReport],
    remove: [
      'iam:ListAccessKeys',
      'iam:DeleteAccessKey',
      'iam:DeleteLoginProfile',
      'iam:ListMFADevices',
      'iam:DeactivateMFADevice',
      'iam:DeleteVirtualMFADevice',
      'iam:ListSigningCertificates',
      'iam:DeleteSigningCertificate',
      'iam:ListSSHPublicKeys',
      'iam:DeleteSSHPublicKey',
      'iam:ListGroupsForUser',
      'iam:RemoveUserFromGroup',
      'iam:ListAttachedUserPolicies',
      'iam:DetachUserPolicy',
      'iam:ListUserPolicies',
      'iam:DeleteUserPolicy',
      'iam:DeleteUser',
    ],
  },
  properties: {
    userName: { type: 'string', description: 'user name' },
    path: { type: 'string', description: 'IAM path' },
    passwordEnabled: { type: 'boolean', description: 'the user has a console password (credential report)' },
    passwordLastUsed: { type: 'date', description: 'when the console password was last used (ISO)' },
    mfaActive: { type: 'boolean', description: 'the user has an MFA device' },
    activeAccessKeys: { type: 'number', description: 'number of active access keys (0-2)' },
    accessKeys: { type: 'number', description: 'number of access keys, active or not' },
    lastActivity: { type: 'date', description: 'latest use of the password or an access key (ISO)' },
    groups: { type: 'strings', description: 'groups the user belongs to' },
    attachedPolicies: { type: 'strings', description: 'managed policies attached to the user directly', ref: { to: 'iam:policy', kind: 'uses', byName: true } },
    inlinePolicies: { type: 'strings', description: 'inline policies on the user' },
    directPolicies: { type: 'string', description: 'every policy on the user directly (managed and inline), for messages' },
    directPolicyCount: { type: 'number', description: 'number of policies on the user directly' },
    permissionsBoundary: { type: 'string', description: 'ARN of the permissions boundary, when set', ref: { to: 'iam:policy', kind: 'uses' } },
    inCredentialReport: { type: 'boolean', description: 'the user is in the credential report (users created after it was generated are not)' },
    userId: { type: 'string', description: 'the unique user id (AIDA...)' },
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
  // IAM refuses to delete a user that still has credentials, group memberships or policies: remove those
  // first (read live, not from the inventory), then the user.
  async remove(ctx, resource) {
    const iam = ctx.client(IAMClient);
    const UserName = resource.id;
    // A key, device, certificate, group membership or policy already gone (NoSuchEntity) is one less to
    // remove (partCall): that NoSuchEntity may name it rather than the user. The user's own are the
    // listings (they name only the user) and its delete.
    const prepare = async () => {
      for (const key of (await iam.send(new ListAccessKeysCommand({ UserName }))).AccessKeyMetadata ?? []) {
        if (key.AccessKeyId) await partCall(iam.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId: key.AccessKeyId })));
      }
      await partCall(iam.send(new DeleteLoginProfileCommand({ UserName })));
      for (const device of (await iam.send(new ListMFADevicesCommand({ UserName }))).MFADevices ?? []) {
        if (!device.SerialNumber) continue;
        await partCall(iam.send(new DeactivateMFADeviceCommand({ UserName, SerialNumber: device.SerialNumber })));
        if (device.SerialNumber.startsWith('arn:')) await partCall(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: device.SerialNumber })));
      }
      for (const cert of (await iam.send(new ListSigningCertificatesCommand({ UserName }))).Certificates ?? []) {
        if (cert.CertificateId) await partCall(iam.send(new DeleteSigningCertificateCommand({ UserName, CertificateId: cert.CertificateId })));
      }
      for (const key of (await iam.send(new ListSSHPublicKeysCommand({ UserName }))).SSHPublicKeys ?? []) {
        if (key.SSHPublicKeyId) await partCall(iam.send(new DeleteSSHPublicKeyCommand({ UserName, SSHPublicKeyId: key.SSHPublicKeyId })));
      }
      for await (const page of paginateListGroupsForUser({ client: iam, stopOnSameToken: true }, { UserName, MaxItems: 1000 })) {
        for (const g of page.Groups ?? []) if (g.GroupName) await partCall(iam.send(new RemoveUserFromGroupCommand({ UserName, GroupName: g.GroupName })));
      }
      for await (const page of paginateListAttachedUserPolicies({ client: iam, stopOnSameToken: true }, { UserName, MaxItems: 1000 })) {
        for (const p of page.AttachedPolicies ?? []) if (p.PolicyArn) await partCall(iam.send(new DetachUserPolicyCommand({ UserName, PolicyArn: p.PolicyArn })));
      }
      for await (const page of paginateListUserPolicies({ client: iam, stopOnSameToken: true }, { UserName, MaxItems: 1000 })) {
        for (const name of page.PolicyNames ?? []) await partCall(iam.send(new DeleteUserPolicyCommand({ UserName, PolicyName: name })));
      }
    };
    await ownCall(prepare(), /NoSuchEntity/);
    await ownDelete(iam.send(new DeleteUserCommand({ UserName })));
  },
  dependsOn: ['cloudformation:stack'],
  callerIdentity: 'user',
};
