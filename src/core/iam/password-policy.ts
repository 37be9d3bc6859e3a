// The account password policy as the iam pack reads it. Pure.

/** GetAccountPasswordPolicy's fields, in plain types (undefined policy: none is set). */
export interface PasswordPolicy {
  minimumPasswordLength?: number;
  requireSymbols?: boolean;
  requireNumbers?: boolean;
  requireUppercaseCharacters?: boolean;
  requireLowercaseCharacters?: boolean;
  allowUsersToChangePassword?: boolean;
  expirePasswords?: boolean;
  maxPasswordAge?: number;
  passwordReusePrevention?: number;
  hardExpiry?: boolean;
}

const yesNo = (value: boolean | undefined) => (value ? 'yes' : 'no');

/** "none set" or "minimum length 8; symbols no; numbers yes; uppercase no; lowercase yes; reuse prevention 0". */
export function describePasswordPolicy(policy: PasswordPolicy | undefined): string {
  if (!policy) return 'none set (IAM defaults: 8 characters, no character classes required, reuse allowed)';
  return [
    `minimum length ${policy.minimumPasswordLength ?? 8}`,
    `symbols ${yesNo(policy.requireSymbols)}`,
    `numbers ${yesNo(policy.requireNumbers)}`,
    `uppercase ${yesNo(policy.requireUppercaseCharacters)}`,
    `lowercase ${yesNo(policy.requireLowercaseCharacters)}`,
    `reuse prevention ${policy.passwordReusePrevention ?? 0}`,
  ].join('; ');
}

/**
 * Props of the account password policy resource. Without a policy, `set` is false and the settings
 * are IAM's defaults (8 characters, no classes, no reuse prevention), so comparisons still work.
 */
export function passwordPolicyProps(policy: PasswordPolicy | undefined): Record<string, unknown> {
  return {
    set: policy !== undefined,
    minimumPasswordLength: policy?.minimumPasswordLength ?? 8,
    requireSymbols: policy?.requireSymbols ?? false,
    requireNumbers: policy?.requireNumbers ?? false,
    requireUppercaseCharacters: policy?.requireUppercaseCharacters ?? false,
    requireLowercaseCharacters: policy?.requireLowercaseCharacters ?? false,
    allowUsersToChangePassword: policy?.allowUsersToChangePassword ?? false,
    expirePasswords: policy?.expirePasswords ?? false,
    maxPasswordAge: policy?.maxPasswordAge ?? 0,
    passwordReusePrevention: policy?.passwordReusePrevention ?? 0,
    hardExpiry: policy?.hardExpiry ?? false,
    summary: describePasswordPolicy(policy),
  };
}
