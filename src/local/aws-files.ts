// local:credentials-file and local:profile — the AWS CLI's shared files. Secrets are read only to
// ask STS who they belong to; nothing but the access key id is ever recorded.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Resource } from '../core/model.js';
import { displayPath, fileModeFacts, shellQuote } from './file-mode.js';
import { parseIni, profileOf, type IniSection } from './ini.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './types.js';

/** Static credentials of one profile, handed to the identity check and then dropped. */
export interface ProfileCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface KeyProfile {
  profile: string;
  file: string;
  credentials: ProfileCredentials;
}

const SSO_KEYS = ['sso_session', 'sso_start_url', 'sso_account_id', 'sso_role_name'];

function read(path: string): IniSection[] | undefined {
  if (!existsSync(path)) return undefined;
  return parseIni(readFileSync(path, 'utf8'));
}

export interface AwsFilesOptions {
  home: string;
  credentialsFile?: string;
  configFile?: string;
  platform?: NodeJS.Platform;
}

export interface AwsFiles {
  files: Resource[];
  profiles: Resource[];
  /** Credentials of each profile resource, by resource id, for the identity check. Never put in a resource. */
  secrets: Map<string, KeyProfile>;
}

export function collectAwsFiles(options: AwsFilesOptions): AwsFiles {
  const credentialsPath = options.credentialsFile ?? join(options.home, '.aws', 'credentials');
  const configPath = options.configFile ?? join(options.home, '.aws', 'config');
  const credentials = read(credentialsPath);
  const config = read(configPath);

  const ssoProfiles = new Set<string>();
  let ssoAnywhere = false;
  for (const section of config ?? []) {
    if (section.header.startsWith('sso-session')) ssoAnywhere = true;
    const profile = profileOf(section.header, 'config');
    if (profile && SSO_KEYS.some((k) => section.values[k])) {
      ssoProfiles.add(profile);
      ssoAnywhere = true;
    }
  }

  const files: Resource[] = [];
  const profiles: Resource[] = [];
  const secrets = new Map<string, KeyProfile>();
  const scan = (path: string, sections: IniSection[] | undefined, kind: 'credentials' | 'config') => {
    if (!sections) return;
    const shown = displayPath(path, options.home);
    let keyProfiles = 0;
    for (const section of sections) {
      const profile = profileOf(section.header, kind);
      const accessKeyId = section.values.aws_access_key_id;
      const secretAccessKey = section.values.aws_secret_access_key;
      if (!profile || !accessKeyId) continue;
      keyProfiles++;
      const sessionToken = section.values.aws_session_token || section.values.aws_security_token || undefined;
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
          line: section.line,
          accessKeyId,
          keyType: sessionToken || accessKeyId.startsWith('ASIA') ? 'temporary' : 'long-term',
          hasSecret: Boolean(secretAccessKey),
          profileUsesSso: ssoProfiles.has(profile),
          ssoAvailable: ssoAnywhere,
        },
      });
      if (secretAccessKey) secrets.set(id, { profile, file: shown, credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } });
    }
    if (kind === 'credentials' || keyProfiles > 0) {
      files.push({
        type: 'local:credentials-file',
        id: shown,
        name: shown,
        accountId: LOCAL_ACCOUNT,
        region: LOCAL_REGION,
        tags: {},
        props: { path, displayPath: shown, shellPath: shellQuote(path), kind, keyProfiles, ...fileModeFacts(path, options.platform) },
      });
    }
  };
  scan(credentialsPath, credentials, 'credentials');
  scan(configPath, config, 'config');
  return { files, profiles, secrets };
}
