// local:credentials-file and local:profile — the AWS CLI's shared files, read with the SDK's own
// loader (@smithy/shared-ini-file-loader: the same parsing the CLI and SDKs apply). Secrets are never
// read here: the identity check gets an SDK credential provider (fromIni) for the profile, and nothing
// but the access key id is ever recorded.
import { existsSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { fromIni } from '@aws-sdk/credential-providers';
import { CONFIG_PREFIX_SEPARATOR, loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { Resource } from '../core/model.js';
import { displayPath, fileModeFacts, shellQuote } from './file-mode.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './types.js';

/**
 * A profile holding access keys, with an SDK provider for exactly those keys (the identity check), or
 * why they cannot be checked on their own.
 */
export type KeyProfile = { profile: string; file: string } & ({ credentials: AwsCredentialIdentityProvider } | { unchecked: string });

/**
 * fromIni reading only the file that holds the keys, so settings of the other file (a role_arn, an
 * SSO session, a credential_process for the same profile) cannot turn the check into someone else's.
 */
function keyProfile(profile: string, file: string, kind: 'credentials' | 'config', values: Record<string, string | undefined>, credentialsPath: string, configPath: string): KeyProfile {
  if (values.role_arn || values.credential_process || values.sso_session || values.sso_start_url) {
    return { profile, file, unchecked: 'its section also assumes a role or uses SSO or a credential process, so its own keys cannot be asked about alone' };
  }
  const files = kind === 'credentials' ? { filepath: credentialsPath, configFilepath: devNull } : { filepath: devNull, configFilepath: configPath };
  return { profile, file, credentials: fromIni({ profile, ...files, ignoreCache: true }) };
}

const SSO_KEYS = ['sso_session', 'sso_start_url', 'sso_account_id', 'sso_role_name'];

/** Config sections that are not profiles, as the loader names them ("sso-session.corp", "services.x"). */
const NON_PROFILE_SECTION = new RegExp(`^(sso-session|services)\\${CONFIG_PREFIX_SEPARATOR}`);

type Sections = Record<string, Record<string, string | undefined>>;

export interface AwsFilesOptions {
  home: string;
  credentialsFile?: string;
  configFile?: string;
  platform?: NodeJS.Platform;
}

export interface AwsFiles {
  files: Resource[];
  profiles: Resource[];
  /** Credential providers of each key-holding profile, by resource id, for the identity check. */
  keyProfiles: Map<string, KeyProfile>;
}

export async function collectAwsFiles(options: AwsFilesOptions): Promise<AwsFiles> {
  const credentialsPath = options.credentialsFile ?? join(options.home, '.aws', 'credentials');
  const configPath = options.configFile ?? join(options.home, '.aws', 'config');
  const loaded = await loadSharedConfigFiles({ filepath: credentialsPath, configFilepath: configPath, ignoreCache: true });
  const credentials: Sections | undefined = existsSync(credentialsPath) ? loaded.credentialsFile : undefined;
  const config: Sections | undefined = existsSync(configPath) ? loaded.configFile : undefined;

  // Config sections: profiles by name; other kinds as "sso-session.corp", "services.x".
  const ssoProfiles = new Set<string>();
  let ssoAnywhere = false;
  for (const [name, values] of Object.entries(config ?? {})) {
    if (NON_PROFILE_SECTION.test(name)) {
      if (name.startsWith('sso-session')) ssoAnywhere = true;
      continue;
    }
    if (SSO_KEYS.some((k) => values[k])) {
      ssoProfiles.add(name);
      ssoAnywhere = true;
    }
  }

  const files: Resource[] = [];
  const profiles: Resource[] = [];
  const keyProfiles = new Map<string, KeyProfile>();
  const scan = (path: string, sections: Sections | undefined, kind: 'credentials' | 'config') => {
    if (!sections) return;
    const shown = displayPath(path, options.home);
    let keyCount = 0;
    for (const [profile, values] of Object.entries(sections)) {
      if (kind === 'config' && NON_PROFILE_SECTION.test(profile)) continue;
      const accessKeyId = values.aws_access_key_id;
      if (!accessKeyId) continue;
      keyCount++;
      const hasSecret = Boolean(values.aws_secret_access_key);
      const temporary = Boolean(values.aws_session_token || values.aws_security_token);
      const id = `${shown}#${profile}`;
      if (profiles.some((p) => p.name === profile)) continue; // credentials file wins over config, as in the CLI
      profiles.push({
        type: 'local:profile',
        id,
        name: profile,
        accountId: LOCAL_ACCOUNT,
        region: LOCAL_REGION,
        tags: {},
        props: {
          profile,
          file: shown,
          accessKeyId,
          keyType: temporary || accessKeyId.startsWith('ASIA') ? 'temporary' : 'long-term',
          hasSecret,
          profileUsesSso: ssoProfiles.has(profile),
          ssoAvailable: ssoAnywhere,
        },
      });
      if (hasSecret) keyProfiles.set(id, keyProfile(profile, shown, kind, values, credentialsPath, configPath));
    }
    if (kind === 'credentials' || keyCount > 0) {
      files.push({
        type: 'local:credentials-file',
        id: shown,
        name: shown,
        accountId: LOCAL_ACCOUNT,
        region: LOCAL_REGION,
        tags: {},
        props: { path, displayPath: shown, shellPath: shellQuote(path), kind, keyProfiles: keyCount, ...fileModeFacts(path, options.platform) },
      });
    }
  };
  scan(credentialsPath, credentials, 'credentials');
  scan(configPath, config, 'config');
  return { files, profiles, keyProfiles };
}
