// local:credentials-file and local:profile — the AWS CLI's shared files, read with the SDK's own
// loader (@smithy/shared-ini-file-loader: the same parsing the CLI and SDKs apply). Secrets are never
// read here: the identity check gets an SDK credential provider (fromIni) for the profile, and nothing
// but the access key id is ever recorded.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromIni } from '@aws-sdk/credential-providers';
import { CONFIG_PREFIX_SEPARATOR, loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { Resource } from '../core/model.js';
import { displayPath, fileModeFacts, shellQuote } from './file-mode.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './types.js';

/** A profile holding access keys, with an SDK provider for its credentials (the identity check). */
export interface KeyProfile {
  profile: string;
  file: string;
  credentials: AwsCredentialIdentityProvider;
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

/** The 1-based line of a profile's section header, for the message (display only). */
function headerLine(text: string, profile: string, kind: 'credentials' | 'config'): number | undefined {
  const names = kind === 'config' && profile !== 'default' ? [`profile ${profile}`] : [profile];
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((l) => {
    const m = /^\s*\[\s*([^\]]+?)\s*\]/.exec(l);
    return m !== null && names.includes(m[1].replace(/\s+/g, ' '));
  });
  return index < 0 ? undefined : index + 1;
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
    const text = readFileSync(path, 'utf8');
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
          line: headerLine(text, profile, kind),
          accessKeyId,
          keyType: temporary || accessKeyId.startsWith('ASIA') ? 'temporary' : 'long-term',
          hasSecret,
          profileUsesSso: ssoProfiles.has(profile),
          ssoAvailable: ssoAnywhere,
        },
      });
      if (hasSecret && !values.role_arn) {
        keyProfiles.set(id, { profile, file: shown, credentials: fromIni({ profile, filepath: credentialsPath, configFilepath: configPath, ignoreCache: true }) });
      }
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
