// Every rule of policies/iam.yml, flagged and not flagged, through the real engine.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate.js';
import type { Inventory, Resource } from '../../../src/core/model.js';
import { loadPackFile } from '../../../src/core/policy/load.js';

const pack = loadPackFile('policies/iam.yml');
const NOW = new Date('2026-11-22T00:00:00Z');
const ACCOUNT = '111111111111';
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

const resource = (type: string, id: string, props: Record<string, unknown>, extra: Partial<Resource> = {}): Resource => ({
  type,
  id,
  name: id,
  accountId: ACCOUNT,
  region: 'global',
  tags: {},
  props,
  ...extra,
});

function run(resources: Resource[], params?: Record<string, string>, lang?: string) {
  const inventory: Inventory = {
    tool: 'costguard',
    kind: 'inventory',
    schemaVersion: 1,
    version: 'test',
    generatedAt: NOW.toISOString(),
    targets: [{ accountId: ACCOUNT, source: 'test', regions: ['us-east-1'] }],
    collectedTypes: [...new Set(pack.rules.flatMap((r) => r.requires))].sort(),
    resources,
    errors: [],
  };
  return evaluate({ inventory, packs: [pack], packsSelected: ['iam'], now: NOW, params, lang });
}

const ids = (resources: Resource[], params?: Record<string, string>) => run(resources, params).findings.map((f) => `${f.ruleId} ${f.resourceId}`).sort();

const root = (props: Record<string, unknown>) => resource('iam:root-account', 'root', { mfaEnabled: true, accessKeysPresent: false, activeAccessKeys: 0, ...props });
const user = (id: string, props: Record<string, unknown>) => resource('iam:user', id, { userName: id, passwordEnabled: false, mfaActive: false, activeAccessKeys: 0, directPolicyCount: 0, ...props });
const key = (id: string, props: Record<string, unknown>) => resource('iam:access-key', id, { userName: id.split('/')[0], slot: 1, active: true, lastRotated: daysAgo(10), ...props });
const principal = (id: string, props: Record<string, unknown>) =>
  resource('iam:principal', id, { principalType: id.split('/')[0], principalLabel: id, adminAccess: false, conditionNote: '', conditionNoteKo: '', ...props });
const role = (id: string, props: Record<string, unknown>, createdAt = daysAgo(400)) =>
  resource('iam:role', id, { roleName: id, origin: 'customer', trustsAnyPrincipal: false, ...props }, { createdAt });
const strongPolicy = {
  set: true,
  minimumPasswordLength: 14,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  passwordReusePrevention: 24,
  summary: 'strong',
};

describe('iam pack', () => {
  it('loads with the rule ids the issue names, none with a cost, each translated to Korean', () => {
    const expected = [
      'iam-root-mfa-disabled',
      'iam-root-access-keys',
      'iam-root-recently-used',
      'iam-user-console-without-mfa',
      'iam-access-key-stale',
      'iam-access-key-unused',
      'iam-user-two-active-keys',
      'iam-user-direct-policies',
      'iam-admin-access',
      'iam-service-wildcard',
      'iam-privilege-escalation',
      'iam-role-trust-any-principal',
      'iam-role-unused',
      'iam-password-policy-weak',
    ];
    const ruleIds = pack.rules.map((r) => r.id);
    for (const id of expected) expect(ruleIds).toContain(id);
    for (const rule of pack.rules) {
      expect(rule.cost, rule.id).toBeUndefined();
      expect(rule.i18n?.ko?.title, rule.id).toBeTruthy();
      expect(rule.i18n?.ko?.why, rule.id).toBeTruthy();
      expect(rule.remediation, rule.id).toBeTruthy();
    }
    expect(pack.default).toBe(true);
  });

  it('root: flags no MFA, access keys and recent use; not a clean root user', () => {
    expect(ids([root({ mfaEnabled: false })])).toEqual(['iam-root-mfa-disabled root']);
    expect(ids([root({ accessKeysPresent: true, activeAccessKeys: 1 })])).toEqual(['iam-root-access-keys root']);
    expect(ids([root({ lastUsed: daysAgo(3), lastUsedBy: 'password' })])).toEqual(['iam-root-recently-used root']);
    expect(ids([root({ lastUsed: daysAgo(200) })])).toEqual([]);
    expect(ids([root({ lastUsed: daysAgo(200) })], { rootRecentlyUsedDays: '365' })).toEqual(['iam-root-recently-used root']);
  });

  it('users: console without MFA, two active keys, direct policies', () => {
    expect(ids([user('alice', { passwordEnabled: true, mfaActive: false })])).toEqual(['iam-user-console-without-mfa alice']);
    expect(ids([user('alice', { passwordEnabled: true, mfaActive: true }), user('bot', { passwordEnabled: false })])).toEqual([]);
    expect(ids([user('bob', { activeAccessKeys: 2 })])).toEqual(['iam-user-two-active-keys bob']);
    expect(ids([user('bob', { activeAccessKeys: 1 })])).toEqual([]);
    const direct = run([user('carol', { directPolicyCount: 2, directPolicies: 'AdministratorAccess, inline:extra' })]).findings;
    expect(direct.map((f) => f.ruleId)).toEqual(['iam-user-direct-policies']);
    expect(direct[0].message).toBe('IAM user carol has policies attached directly (2): AdministratorAccess, inline:extra.');
    // No "1 policies": the count is never followed by a noun that needs its plural.
    expect(direct[0].message).not.toMatch(/\b1 policies\b/);
  });

  it('access keys: stale past accessKeyMaxAgeDays, unused past accessKeyUnusedDays or never used past the grace', () => {
    expect(ids([key('a/access-key-1', { lastRotated: daysAgo(120), lastUsedDate: daysAgo(1), lastUsedText: daysAgo(1) })])).toEqual(['iam-access-key-stale a/access-key-1']);
    expect(ids([key('a/access-key-1', { lastRotated: daysAgo(120), lastUsedDate: daysAgo(1) })], { accessKeyMaxAgeDays: '180' })).toEqual([]);
    expect(ids([key('b/access-key-1', { lastRotated: daysAgo(30), lastUsedDate: daysAgo(20) })])).toEqual([]);
    expect(ids([key('c/access-key-2', { slot: 2, lastRotated: daysAgo(60), lastUsedDate: daysAgo(95) })])).toEqual(['iam-access-key-unused c/access-key-2']);
    expect(ids([key('d/access-key-1', { lastRotated: daysAgo(30), lastUsedText: 'never' })])).toEqual(['iam-access-key-unused d/access-key-1']);
    expect(ids([key('e/access-key-1', { lastRotated: daysAgo(1), lastUsedText: 'never' })])).toEqual([]);
    expect(ids([key('f/access-key-1', { active: false, lastRotated: daysAgo(400), lastUsedDate: daysAgo(399) })])).toEqual([]);
    const never = run([key('d/access-key-1', { lastRotated: daysAgo(30), lastUsedText: 'never' })]).findings[0];
    expect(never.message).toBe(`Access key 1 of IAM user d is active but was last used never (created ${daysAgo(30).slice(0, 10)}).`);
  });

  it('admin access: flagged with the granting policy, lower for conditional grants and empty groups', () => {
    const found = run([
      principal('user/alice', { adminAccess: true, adminGrantedBy: 'AdministratorAccess (AWS managed) via group admins', principalLabel: 'IAM user alice' }),
      principal('group/admins', { adminAccess: true, adminGrantedBy: 'AdministratorAccess (AWS managed)', memberCount: 0, principalLabel: 'IAM group admins (0 members)' }),
      principal('role/ops', { adminAccess: true, adminConditional: true, conditional: true, adminGrantedBy: 'inline policy "x" (conditional)', conditionNote: ' NOTE.', principalLabel: 'role ops' }),
      principal('role/reader', { adminAccess: false }),
    ]).findings;
    expect(found.map((f) => [f.resourceId, f.severity])).toEqual([
      ['user/alice', 'high'],
      ['role/ops', 'medium'],
      ['group/admins', 'low'],
    ]);
    expect(found[0].message).toBe('IAM user alice has full administrator access (Action * on Resource *) through AdministratorAccess (AWS managed) via group admins.');
    expect(found[1].message).toMatch(/inline policy "x" \(conditional\)\. NOTE\.$/);
  });

  it('service wildcards and privilege escalation: flagged when present, naming the method and policies', () => {
    expect(ids([principal('role/app', { serviceWildcards: ['s3:*'], serviceWildcardSummary: 's3:* (AmazonS3FullAccess (AWS managed))' })])).toEqual(['iam-service-wildcard role/app']);
    const esc = run([principal('user/dev', { escalationMethods: ['create-policy-version'], escalationSummary: 'CreatePolicyVersion (iam:CreatePolicyVersion via dev-policy)', principalLabel: 'IAM user dev' })]).findings;
    expect(esc.map((f) => [f.ruleId, f.severity])).toEqual([['iam-privilege-escalation', 'high']]);
    expect(esc[0].message).toBe('IAM user dev can escalate its privileges: CreatePolicyVersion (iam:CreatePolicyVersion via dev-policy).');
    expect(run([principal('user/dev', { escalationMethods: ['x'], escalationConditional: true })]).findings[0].severity).toBe('medium');
    expect(ids([principal('user/clean', {})])).toEqual([]);
  });

  it('customer policies: flags wildcard writes, not read-only ones', () => {
    const policy = (id: string, props: Record<string, unknown>) => resource('iam:policy', id, { policyName: id, attached: true, attachmentCount: 1, defaultVersionId: 'v1', ...props });
    expect(ids([policy('broad', { writeWildcards: 's3:Put*' }), policy('reader', {})])).toEqual(['iam-policy-write-wildcard broad']);
  });

  it('roles: open trust is critical; unused after roleUnusedDays, with origin, info for AWS-reserved roles', () => {
    const open = run([role('open', { trustsAnyPrincipal: true, trustOpenReasons: 'Principal "*" (any AWS account)', lastUsedAt: daysAgo(1) })]).findings;
    expect(open.map((f) => [f.ruleId, f.severity, f.message])).toEqual([['iam-role-trust-any-principal', 'critical', 'Role open (customer) can be assumed by anyone: Principal "*" (any AWS account).']]);
    const unused = run([
      role('old', { lastUsedAt: daysAgo(200), lastUsedText: daysAgo(200) }),
      role('never', { lastUsedText: 'never' }),
      role('AWSServiceRoleForSupport', { origin: 'service-linked', lastUsedText: 'never' }),
      role('fresh', { lastUsedText: 'never' }, daysAgo(5)),
      role('busy', { lastUsedAt: daysAgo(2) }),
    ]).findings;
    expect(unused.map((f) => [f.resourceId, f.severity])).toEqual([
      ['never', 'low'],
      ['old', 'low'],
      ['AWSServiceRoleForSupport', 'info'],
    ]);
    expect(unused.find((f) => f.resourceId === 'AWSServiceRoleForSupport')?.message).toMatch(/^Role AWSServiceRoleForSupport \(service-linked\) has not been used for 90 days/);
  });

  it('password policy: flags none set and each weakness, honours params, passes a strong one', () => {
    const pp = (props: Record<string, unknown>) => resource('iam:password-policy', 'account-password-policy', { ...strongPolicy, ...props });
    expect(ids([pp({})])).toEqual([]);
    expect(ids([pp({ set: false, minimumPasswordLength: 8, requireSymbols: false, requireNumbers: false, requireUppercaseCharacters: false, requireLowercaseCharacters: false, passwordReusePrevention: 0 })])).toEqual([
      'iam-password-policy-weak account-password-policy',
    ]);
    for (const weak of [{ minimumPasswordLength: 12 }, { requireSymbols: false }, { requireNumbers: false }, { requireUppercaseCharacters: false }, { requireLowercaseCharacters: false }, { passwordReusePrevention: 5 }]) {
      expect(ids([pp(weak)]), JSON.stringify(weak)).toHaveLength(1);
    }
    expect(ids([pp({ requireSymbols: false })], { passwordRequireSymbols: 'false' })).toEqual([]);
    expect(ids([pp({ minimumPasswordLength: 12 })], { passwordMinLength: '12' })).toEqual([]);
    const msg = run([pp({ minimumPasswordLength: 8, summary: 'minimum length 8; symbols no' })]).findings[0];
    expect(msg.message).toMatch(/now: minimum length 8; symbols no; required: at least 14 characters/);
    expect(msg.remediation).toMatch(/--minimum-password-length 14 .*--password-reuse-prevention 24/);
    expect(msg.monthlyCostUsd).toBeNull();
  });

  it('speaks Korean with --lang ko', () => {
    const [f] = run([user('alice', { passwordEnabled: true, mfaActive: false })], undefined, 'ko').findings;
    expect(f.title).toBe('MFA 없이 콘솔에 로그인할 수 있는 IAM 사용자');
    expect(f.message).toBe('IAM 사용자 alice에게 콘솔 비밀번호가 있지만 MFA 장치가 없습니다.');
  });
});
