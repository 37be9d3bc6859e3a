import { passwordPolicyProps } from '../core/iam/index.js';
import { IAM_PERMISSIONS, iamAccountData } from './iam-account-data.js';
import type { ResourceType } from './resource-type.js';

/** iam:password-policy — one resource per account, also when no policy is set (set: false). */
export const iamPasswordPolicy: ResourceType = {
  type: 'iam:password-policy',
  description: 'The account password policy for IAM users (one resource per account; set: false when none is set)',
  scope: 'global',
  createdAt: false,
  permissions: { list: [...IAM_PERMISSIONS.passwordPolicy] },
  properties: {
    set: { type: 'boolean', description: 'a password policy is set (GetAccountPasswordPolicy did not answer NoSuchEntity)' },
    minimumPasswordLength: { type: 'number', description: 'minimum length (8, the IAM default, when none is set)' },
    requireSymbols: { type: 'boolean', description: 'at least one symbol required' },
    requireNumbers: { type: 'boolean', description: 'at least one number required' },
    requireUppercaseCharacters: { type: 'boolean', description: 'at least one uppercase letter required' },
    requireLowercaseCharacters: { type: 'boolean', description: 'at least one lowercase letter required' },
    passwordReusePrevention: { type: 'number', description: 'previous passwords that cannot be reused (0 when not set)' },
    maxPasswordAge: { type: 'number', description: 'days before a password expires (0 when passwords do not expire)' },
    allowUsersToChangePassword: { type: 'boolean', description: 'users may change their own password' },
    hardExpiry: { type: 'boolean', description: 'expired passwords need an administrator to reset them' },
    summary: { type: 'string', description: 'the settings in one line, for messages' },
    expirePasswords: { type: 'boolean', description: 'passwords expire (maxPasswordAge is set)' },
  },
  async list(ctx) {
    const policy = await iamAccountData(ctx).passwordPolicy();
    return [
      {
        type: 'iam:password-policy',
        id: 'account-password-policy',
        name: 'account password policy',
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        tags: {},
        props: passwordPolicyProps(policy),
      },
    ];
  },
};
