// IAM answers at the HTTP layer (awsQuery protocol) for the IAM collector tests.
import { CREDENTIAL_REPORT_POLL } from '../../../src/resources/iam-account-data.js';
import { fakeAws, queryError, queryReply, type FakeAws, type FakeHandler, type FakeReply } from '../resources/fake-aws.js';

export const IAM_ORIGIN = 'https://iam.amazonaws.com';
export const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

// No real waiting between credential report polls in unit tests.
CREDENTIAL_REPORT_POLL.delaysMs = [0, 0, 0, 0, 0];

export const iamReply = (action: string, inner: string): FakeReply => queryReply(action, inner, IAM_NS);
export const iamError = (code: string, message = code, status = 400): FakeReply => queryError(code, message, status, IAM_NS);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const tag = (name: string, value: string | number | boolean | undefined) => (value === undefined ? '' : `<${name}>${esc(String(value))}</${name}>`);
const members = (name: string, items: string[]) => `<${name}>${items.map((i) => `<member>${i}</member>`).join('')}</${name}>`;

/** A policy document as IAM returns it: URL-encoded JSON. */
export const encodedDocument = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));

export const CSV_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

export interface ReportRow {
  user: string;
  arn?: string;
  created?: string;
  password?: 'true' | 'false' | 'not_supported';
  passwordLastUsed?: string;
  mfa?: boolean;
  key1?: { active: boolean; rotated: string; used?: string; region?: string; service?: string };
  key2?: { active: boolean; rotated: string; used?: string; region?: string; service?: string };
}

export function reportRow(r: ReportRow, account = '111111111111'): string {
  const arn = r.arn ?? (r.user === '<root_account>' ? `arn:aws:iam::${account}:root` : `arn:aws:iam::${account}:user/${r.user}`);
  const key = (k: ReportRow['key1']) =>
    k ? [String(k.active), k.rotated, k.used ?? 'N/A', k.region ?? 'N/A', k.service ?? 'N/A'] : ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  const password = r.password ?? 'false';
  const lastUsed = r.passwordLastUsed ?? (password === 'true' ? 'no_information' : 'N/A');
  return [
    r.user,
    arn,
    r.created ?? '2024-01-01T00:00:00+00:00',
    password,
    lastUsed,
    password === 'true' ? '2024-01-01T00:00:00+00:00' : 'N/A',
    password === 'not_supported' ? 'not_supported' : 'N/A',
    String(r.mfa ?? false),
    ...key(r.key1),
    ...key(r.key2),
    'false',
    'N/A',
    'false',
    'N/A',
  ].join(',');
}

export const reportCsv = (rows: ReportRow[]) => `${CSV_HEADER}\n${rows.map((r) => reportRow(r)).join('\n')}`;

export const generateReply = (state: 'STARTED' | 'INPROGRESS' | 'COMPLETE') => iamReply('GenerateCredentialReport', `<State>${state}</State>`);
export const reportReply = (csv: string) =>
  iamReply('GetCredentialReport', `<Content>${Buffer.from(csv).toString('base64')}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-01-01T00:00:00Z</GeneratedTime>`);

export const summaryReply = (map: Record<string, number>) =>
  iamReply('GetAccountSummary', `<SummaryMap>${Object.entries(map).map(([k, v]) => `<entry><key>${k}</key><value>${v}</value></entry>`).join('')}</SummaryMap>`);

export interface PasswordPolicyXml {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  ExpirePasswords?: boolean;
  PasswordReusePrevention?: number;
}

export const passwordPolicyReply = (p: PasswordPolicyXml) =>
  iamReply('GetAccountPasswordPolicy', `<PasswordPolicy>${Object.entries(p).map(([k, v]) => tag(k, v as string)).join('')}</PasswordPolicy>`);

export interface PolicyXml {
  name: string;
  doc?: unknown;
}
export interface AttachedXml {
  name: string;
  arn: string;
}

const inlineList = (name: string, list: PolicyXml[] = []) =>
  members(name, list.map((p) => `${tag('PolicyName', p.name)}<PolicyDocument>${encodedDocument(p.doc)}</PolicyDocument>`));
const attachedList = (list: AttachedXml[] = []) => members('AttachedManagedPolicies', list.map((p) => `${tag('PolicyName', p.name)}${tag('PolicyArn', p.arn)}`));

export interface UserXml {
  name: string;
  groups?: string[];
  inline?: PolicyXml[];
  attached?: AttachedXml[];
  boundary?: string;
}
export interface GroupXml {
  name: string;
  inline?: PolicyXml[];
  attached?: AttachedXml[];
}
export interface RoleXml {
  name: string;
  path?: string;
  trust: unknown;
  inline?: PolicyXml[];
  attached?: AttachedXml[];
  lastUsed?: string;
  created?: string;
}
export interface ManagedXml {
  name: string;
  arn: string;
  attachments?: number;
  versions: Array<{ id: string; isDefault: boolean; doc: unknown }>;
}

const account = '111111111111';

export const userXml = (u: UserXml) =>
  `<member>${tag('UserName', u.name)}${tag('UserId', `AIDA${u.name.toUpperCase()}`)}${tag('Path', '/')}${tag('Arn', `arn:aws:iam::${account}:user/${u.name}`)}${tag('CreateDate', '2024-01-01T00:00:00Z')}${inlineList('UserPolicyList', u.inline)}${members('GroupList', (u.groups ?? []).map(esc))}${attachedList(u.attached)}${u.boundary ? `<PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType>${tag('PermissionsBoundaryArn', u.boundary)}</PermissionsBoundary>` : ''}</member>`;
export const groupXml = (g: GroupXml) =>
  `<member>${tag('GroupName', g.name)}${tag('GroupId', `AGPA${g.name.toUpperCase()}`)}${tag('Path', '/')}${tag('Arn', `arn:aws:iam::${account}:group/${g.name}`)}${tag('CreateDate', '2024-01-01T00:00:00Z')}${inlineList('GroupPolicyList', g.inline)}${attachedList(g.attached)}</member>`;
export const roleXml = (r: RoleXml) =>
  `<member>${tag('RoleName', r.name)}${tag('RoleId', `AROA${r.name.toUpperCase()}`)}${tag('Path', r.path ?? '/')}${tag('Arn', `arn:aws:iam::${account}:role${r.path ?? '/'}${r.name}`)}${tag('CreateDate', r.created ?? '2024-01-01T00:00:00Z')}<AssumeRolePolicyDocument>${encodedDocument(r.trust)}</AssumeRolePolicyDocument>${inlineList('RolePolicyList', r.inline)}${attachedList(r.attached)}${r.lastUsed ? `<RoleLastUsed>${tag('LastUsedDate', r.lastUsed)}${tag('Region', 'us-east-1')}</RoleLastUsed>` : '<RoleLastUsed/>'}</member>`;
export const managedXml = (p: ManagedXml) =>
  `<member>${tag('PolicyName', p.name)}${tag('PolicyId', `ANPA${p.name.toUpperCase()}`)}${tag('Arn', p.arn)}${tag('Path', '/')}${tag('DefaultVersionId', p.versions.find((v) => v.isDefault)?.id)}${tag('AttachmentCount', p.attachments ?? 1)}${tag('IsAttachable', true)}${tag('CreateDate', '2024-01-01T00:00:00Z')}${tag('UpdateDate', '2024-01-01T00:00:00Z')}${members('PolicyVersionList', p.versions.map((v) => `<Document>${encodedDocument(v.doc)}</Document>${tag('VersionId', v.id)}${tag('IsDefaultVersion', v.isDefault)}${tag('CreateDate', '2024-01-01T00:00:00Z')}`))}</member>`;

export interface DetailsPage {
  users?: UserXml[];
  groups?: GroupXml[];
  roles?: RoleXml[];
  policies?: ManagedXml[];
  marker?: string;
}

export const detailsReply = (page: DetailsPage) =>
  iamReply(
    'GetAccountAuthorizationDetails',
    `<UserDetailList>${(page.users ?? []).map(userXml).join('')}</UserDetailList><GroupDetailList>${(page.groups ?? []).map(groupXml).join('')}</GroupDetailList><RoleDetailList>${(page.roles ?? []).map(roleXml).join('')}</RoleDetailList><Policies>${(page.policies ?? []).map(managedXml).join('')}</Policies><IsTruncated>${page.marker ? 'true' : 'false'}</IsTruncated>${tag('Marker', page.marker)}`,
  );

export const ADMIN_DOC = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
export const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
export const adminManaged = (attachments = 1): ManagedXml => ({ name: 'AdministratorAccess', arn: ADMIN_ARN, attachments, versions: [{ id: 'v1', isDefault: true, doc: ADMIN_DOC }] });

export const ec2Trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

/** A fake IAM endpoint. */
export function fakeIam(handlers: Record<string, FakeHandler | FakeHandler[]>): FakeAws {
  return fakeAws(IAM_ORIGIN, handlers);
}
