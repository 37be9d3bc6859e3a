import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listProfiles, resolveTargets } from '../../../src/aws/targets/index.js';
import { CredentialsError } from '../../../src/core/errors.js';
import { deps, FakeSsoPortal, FakeSts, FAR_FUTURE, tempHome, type TempHome } from './helpers.js';

const SSO_REGION = 'eu-central-1';
const LEGACY_START = 'https://legacy.awsapps.com/start';
const SESSION_START = 'https://school.awsapps.com/start';

describe('--all-profiles', () => {
  let home: TempHome;
  let sts: FakeSts;

  beforeEach(() => {
    home = tempHome();
    sts = new FakeSts(new Set(['arn:aws:iam::666666666666:role/Locked']));
    sts.intercept();
  });

  afterEach(() => home.cleanup());

  function writeMixedProfiles(): void {
    const processScript = home.write(
      'bin/creds.mjs',
      `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAPROCESS00000003', SecretAccessKey: 'process-secret', Expiration: '${FAR_FUTURE}' }));\n`,
    );
    const failingScript = home.write('bin/fail.mjs', `process.stderr.write('vault is locked\\n'); process.exit(1);\n`);
    home.write(
      '.aws/credentials',
      `[default]
aws_access_key_id = AKIASTATIC000000001
aws_secret_access_key = static-secret

[static-again]
aws_access_key_id = AKIASTATIC000000001
aws_secret_access_key = static-secret
`,
    );
    home.write(
      '.aws/config',
      `[default]
region = us-east-1

[profile lab-admin]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = default
region = us-east-1

[profile lab-admin-copy]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = default
region = us-east-1

[profile tools]
credential_process = "${process.execPath}" "${processScript}"
region = us-east-1

[profile old-sso]
sso_start_url = ${LEGACY_START}
sso_region = ${SSO_REGION}
sso_account_id = 444444444444
sso_role_name = ReadOnly
region = us-east-1

[profile new-sso]
sso_session = school
sso_account_id = 555555555555
sso_role_name = Admin
region = us-east-1

[sso-session school]
sso_start_url = ${SESSION_START}
sso_region = ${SSO_REGION}
sso_registration_scopes = sso:account:access

[profile locked]
role_arn = arn:aws:iam::666666666666:role/Locked
source_profile = default
region = us-east-1

[profile broken-process]
credential_process = "${process.execPath}" "${failingScript}"

[profile settings-only]
region = eu-west-1
output = json
`,
    );
    sts.key('AKIASTATIC000000001', { account: '111111111111', arn: 'arn:aws:iam::111111111111:user/learner' });
    sts.key('AKIAPROCESS00000003', { account: '333333333333', arn: 'arn:aws:iam::333333333333:user/tools' });
    home.writeToken(LEGACY_START, { startUrl: LEGACY_START, region: SSO_REGION, accessToken: 'legacy-token', expiresAt: FAR_FUTURE });
    home.writeToken('school', { startUrl: SESSION_START, region: SSO_REGION, accessToken: 'session-token', expiresAt: FAR_FUTURE });
  }

  it('lists the profiles of both files, separating those that carry credentials', async () => {
    writeMixedProfiles();
    const listing = await listProfiles();
    expect(listing.withCredentials).toEqual(['default', 'broken-process', 'lab-admin', 'lab-admin-copy', 'locked', 'new-sso', 'old-sso', 'static-again', 'tools']);
    expect(listing.withoutCredentials).toEqual(['settings-only']);
  });

  it('resolves static keys, role_arn + source_profile, credential_process, legacy SSO and sso_session profiles; dedupes; failures are errors', async () => {
    writeMixedProfiles();
    // Each SSO profile has its own token: the portal only answers its own.
    new FakeSsoPortal(SSO_REGION, 'legacy-token', [{ id: '444444444444', name: 'legacy', roles: ['ReadOnly'] }], sts).intercept();
    const resolution = await resolveTargets({ allProfiles: true }, deps());
    resolution.dispose?.();

    expect(resolution.targets.map((t) => [t.target.source, t.target.accountId])).toEqual([
      ['profile:default', '111111111111'],
      ['profile:lab-admin', '222222222222'],
      ['profile:old-sso', '444444444444'],
      ['profile:tools', '333333333333'],
    ]);
    // static-again (same keys as default) and lab-admin-copy (same role, other session) are duplicates.
    expect(sts.assumed.filter((a) => a.endsWith(':role/Admin'))).toHaveLength(2);
    expect(resolution.skippedProfiles).toEqual(['settings-only']);

    const failed = Object.fromEntries((resolution.unreachable ?? []).map((u) => [u.source, u]));
    expect(Object.keys(failed).sort()).toEqual(['profile:broken-process', 'profile:locked', 'profile:new-sso']);
    expect(failed['profile:locked'].code).toBe('AccessDenied');
    expect(failed['profile:new-sso'].message).toContain('aws sso login --profile new-sso');
    expect(resolution.errors).toHaveLength(3);
    expect(resolution.errors.every((e) => e.accountId === 'unknown' && e.resourceTypes[0] === '*')).toBe(true);
  });

  it('an sso_session profile resolves through the session token', async () => {
    writeMixedProfiles();
    new FakeSsoPortal(SSO_REGION, 'session-token', [{ id: '555555555555', name: 'school', roles: ['Admin'] }], sts).intercept();
    const resolution = await resolveTargets({ profiles: ['new-sso', 'default'] }, deps());
    resolution.dispose?.();
    expect(resolution.targets.map((t) => [t.target.source, t.target.accountId])).toEqual([
      ['profile:new-sso', '555555555555'],
      ['profile:default', '111111111111'],
    ]);
  });

  it('--account narrows the profiles to the accounts named', async () => {
    writeMixedProfiles();
    const resolution = await resolveTargets({ profiles: ['default', 'tools'], excludeAccounts: ['111111111111'] }, deps());
    expect(resolution.targets.map((t) => t.target.accountId)).toEqual(['333333333333']);
    const named = await resolveTargets({ profiles: ['default', 'tools'], accounts: ['333333333333', '999999999999'] }, deps());
    expect(named.targets.map((t) => t.target.accountId)).toEqual(['333333333333']);
    expect(named.errors.map((e) => [e.accountId, e.code])).toEqual([['999999999999', 'NotResolved']]);
  });

  it('no working profile at all is a credentials error (exit 4)', async () => {
    home.write('.aws/config', '[profile only]\nrole_arn = arn:aws:iam::666666666666:role/Locked\nsource_profile = only\n');
    home.write('.aws/credentials', '[only]\naws_access_key_id = AKIAUNKNOWN00000000\naws_secret_access_key = x\n');
    const error = await resolveTargets({ allProfiles: true }, deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
  });

  it('no profile with credentials is a credentials error naming the files', async () => {
    home.write('.aws/config', '[default]\nregion = us-east-1\n');
    const error = await resolveTargets({ allProfiles: true }, deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as Error).message).toContain('no profile with credentials');
  });
});
