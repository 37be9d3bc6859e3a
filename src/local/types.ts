// The local resource types: facts about the machine costguard runs on, collected from the user's
// home directory rather than from AWS. They live in the `local` pack.
import { LOCAL_ACCOUNT_ID } from '../core/policy/coverage.js';

/** accountId and region of local resources: they belong to the machine, not to an AWS account or region. */
export const LOCAL_ACCOUNT = LOCAL_ACCOUNT_ID;
export const LOCAL_REGION = 'local';

export interface LocalResourceType {
  type: string;
  description: string;
  properties: Record<string, string>;
}

export const LOCAL_KEY_FILE: LocalResourceType = {
  type: 'local:key-file',
  description: 'Private keys under ~/.ssh: *.pem files, default identities (id_rsa, id_ed25519, ...) and IdentityFile entries of ~/.ssh/config',
  properties: {
    path: 'absolute path',
    displayPath: 'path with ~ for the home directory',
    shellPath: 'path quoted for a shell',
    source: '"pem", "default-identity" or "ssh-config"',
    privateKey: 'the file starts like a private key (false for certificates and public keys; absent when it cannot be read)',
    mode: 'permission bits, e.g. "0644" (absent on Windows)',
    accessibleByOthers: 'group or others have any permission on it',
    readableBy: '"group", "others" or "group and others"',
  },
};

export const LOCAL_CREDENTIALS_FILE: LocalResourceType = {
  type: 'local:credentials-file',
  description: '~/.aws/credentials, and ~/.aws/config when it holds access keys',
  properties: {
    path: 'absolute path',
    displayPath: 'path with ~ for the home directory',
    shellPath: 'path quoted for a shell',
    mode: 'permission bits, e.g. "0644"',
    accessibleByOthers: 'group or others have any permission on it',
    readableBy: '"group", "others" or "group and others"',
    keyProfiles: 'number of profiles with access keys in it',
  },
};

export const LOCAL_PROFILE: LocalResourceType = {
  type: 'local:profile',
  description: 'AWS CLI profiles with access keys in ~/.aws/credentials or ~/.aws/config (never the secret, only the access key id)',
  properties: {
    profile: 'profile name',
    file: 'file the keys are in (~/.aws/credentials)',
    accessKeyId: 'the access key id (AKIA... long-term, ASIA... temporary); the secret is never recorded',
    keyType: '"long-term" or "temporary" (a session token or an ASIA key)',
    profileUsesSso: "the profile's own config section has SSO settings (sso_session, sso_start_url)",
    ssoAvailable: 'the profile, or any profile or sso-session of ~/.aws/config, uses IAM Identity Center',
    callerArn: 'who the keys belong to (sts:GetCallerIdentity), when checked',
    callerAccount: 'their account',
    isRoot: 'the keys belong to the root user of the account',
    keysRejected: 'the error code STS answered the keys with when it refused them (InvalidClientTokenId: deleted or unknown key; SignatureDoesNotMatch: wrong secret; ExpiredToken), when checked',
    identityError: 'the error code of an identity check that failed for another reason (the rules needing it are not evaluated)',
  },
};

/** Collected only when caller identities were checked (sts:GetCallerIdentity per profile); errors name it. */
export const LOCAL_PROFILE_IDENTITY = 'local:profile-identity';

export const LOCAL_RESOURCE_TYPES: readonly LocalResourceType[] = [LOCAL_KEY_FILE, LOCAL_CREDENTIALS_FILE, LOCAL_PROFILE];
