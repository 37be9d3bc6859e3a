// One fetch of an account's IAM data, shared by every IAM resource type of a run. The whole account
// costs a handful of calls, whatever the number of users and roles:
//   GetAccountSummary                       1
//   GenerateCredentialReport                1 + polls while the report is being generated
//   GetCredentialReport                     1
//   GetAccountPasswordPolicy                1 (NoSuchEntity = no policy set)
//   GetAccountAuthorizationDetails          1 per 1000 items (users + groups + roles + policies)
//   GetPolicy + GetPolicyVersion            only for an attached AWS-managed policy the details left out, once per ARN
// Each piece is fetched once per account (memoised on the account's IAM client) and only when a
// collected type needs it; a failure fails only the types that need that piece.
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  type GetAccountAuthorizationDetailsCommandOutput,
  type ManagedPolicyDetail,
  type PolicyDetail,
  type AttachedPolicy,
} from '@aws-sdk/client-iam';
import {
  analyseAuthorizationDetails,
  isAwsManagedPolicyArn,
  parseCredentialReport,
  tryNormalisePolicyDocument,
  type AccountAnalysis,
  type AuthorizationDetails,
  type CredentialReportRow,
  type InlinePolicy,
  type ManagedPolicy,
  type PasswordPolicy,
  type PolicyRef,
} from '../core/iam/index.js';
import { iso, tagsOf, type CollectContext } from './resource-type.js';
import { memoize } from '../core/memo.js';

/** Delays between GenerateCredentialReport polls (ms): about 30 s in all. Tests shorten them. */
export const CREDENTIAL_REPORT_POLL = { delaysMs: [500, 1000, 2000, 2000, 3000, 3000, 4000, 4000, 5000, 5000] };

/** Largest page GetAccountAuthorizationDetails returns. */
export const AUTHORIZATION_DETAILS_PAGE = 1000;

const DETAILS_FILTER = ['User', 'Group', 'Role', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;

function errorCode(error: unknown): string {
  const e = error as { name?: string; Code?: string; code?: string };
  return (e?.Code ?? e?.name ?? e?.code ?? '').replace(/Exception$/, '');
}

function isCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes(errorCode(error));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Key names of GetAccountSummary (AccountMFAEnabled, AccountAccessKeysPresent, MFADevices, ...). */
export type AccountSummary = Record<string, number>;

async function fetchSummary(iam: IAMClient): Promise<AccountSummary> {
  const out = await iam.send(new GetAccountSummaryCommand({}));
  return (out.SummaryMap ?? {}) as AccountSummary;
}

async function fetchCredentialReport(iam: IAMClient): Promise<CredentialReportRow[]> {
  const delays = CREDENTIAL_REPORT_POLL.delaysMs;
  for (let attempt = 0; ; attempt++) {
    let state: string | undefined;
    try {
      state = (await iam.send(new GenerateCredentialReportCommand({}))).State;
    } catch (error) {
      // Too many generation requests: a report exists or is on its way; try to read it.
      if (!isCode(error, 'LimitExceeded')) throw error;
    }
    if (state === undefined || state === 'COMPLETE') {
      try {
        const out = await iam.send(new GetCredentialReportCommand({}));
        return parseCredentialReport(Buffer.from(out.Content ?? new Uint8Array()).toString('utf8'));
      } catch (error) {
        if (!isCode(error, 'ReportInProgress', 'ReportNotPresent', 'ReportExpired', 'CredentialReportNotReady', 'CredentialReportNotPresent', 'CredentialReportExpired')) throw error;
      }
    }
    if (attempt >= delays.length) {
      throw namedError('CredentialReportNotReady', `the IAM credential report was still being generated after ${attempt + 1} checks; run again in a minute`);
    }
    await sleep(delays[attempt]);
  }
}

async function fetchPasswordPolicy(iam: IAMClient): Promise<PasswordPolicy | undefined> {
  try {
    const p = (await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy;
    if (!p) return undefined;
    return {
      minimumPasswordLength: p.MinimumPasswordLength,
      requireSymbols: p.RequireSymbols,
      requireNumbers: p.RequireNumbers,
      requireUppercaseCharacters: p.RequireUppercaseCharacters,
      requireLowercaseCharacters: p.RequireLowercaseCharacters,
      allowUsersToChangePassword: p.AllowUsersToChangePassword,
      expirePasswords: p.ExpirePasswords,
      maxPasswordAge: p.MaxPasswordAge,
      passwordReusePrevention: p.PasswordReusePrevention,
      hardExpiry: p.HardExpiry,
    };
  } catch (error) {
    if (isCode(error, 'NoSuchEntity')) return undefined;
    throw error;
  }
}

function inline(list: PolicyDetail[] | undefined): InlinePolicy[] {
  return (list ?? []).map((p) => {
    const { document, problem } = tryNormalisePolicyDocument(p.PolicyDocument ?? '{}');
    return { name: p.PolicyName ?? 'unnamed', document, ...(problem ? { problem } : {}) };
  });
}

function attached(list: AttachedPolicy[] | undefined): PolicyRef[] {
  return (list ?? []).filter((p) => p.PolicyArn).map((p) => ({ arn: p.PolicyArn as string, name: p.PolicyName ?? (p.PolicyArn as string).split('/').pop() ?? '' }));
}

type Pages = GetAccountAuthorizationDetailsCommandOutput[];

async function fetchDetailPages(iam: IAMClient): Promise<Pages> {
  const pages: Pages = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: [...DETAILS_FILTER], MaxItems: AUTHORIZATION_DETAILS_PAGE, Marker: marker }));
    pages.push(page);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return pages;
}

function managedPolicy(p: ManagedPolicyDetail, awsManaged: boolean): ManagedPolicy {
  const version = (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion) ?? (p.PolicyVersionList ?? []).find((v) => v.VersionId === p.DefaultVersionId);
  const parsed = version?.Document !== undefined ? tryNormalisePolicyDocument(version.Document) : undefined;
  return {
    arn: p.Arn as string,
    name: p.PolicyName ?? (p.Arn as string).split('/').pop() ?? '',
    path: p.Path,
    awsManaged,
    defaultVersionId: p.DefaultVersionId,
    ...(parsed && !parsed.problem ? { document: parsed.document } : {}),
    ...(parsed?.problem ? { problem: parsed.problem } : {}),
    attachmentCount: p.AttachmentCount,
    versionCount: p.PolicyVersionList?.length,
    createdAt: iso(p.CreateDate),
    updatedAt: iso(p.UpdateDate),
    description: p.Description,
  };
}

/** The default version of an attached AWS-managed policy the details did not include: two calls, once per ARN. */
async function fetchManagedPolicy(iam: IAMClient, ref: PolicyRef): Promise<ManagedPolicy> {
  const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: ref.arn }))).Policy;
  const versionId = policy?.DefaultVersionId ?? 'v1';
  const version = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: ref.arn, VersionId: versionId }))).PolicyVersion;
  const parsed = tryNormalisePolicyDocument(version?.Document ?? '{}');
  return {
    arn: ref.arn,
    name: policy?.PolicyName ?? ref.name,
    awsManaged: true,
    defaultVersionId: versionId,
    ...(parsed.problem ? { problem: parsed.problem } : { document: parsed.document }),
    attachmentCount: policy?.AttachmentCount,
  };
}

async function fetchAuthorizationDetails(iam: IAMClient): Promise<AuthorizationDetails> {
  const pages = await fetchDetailPages(iam);
  const details: AuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };
  const rawPolicies: ManagedPolicyDetail[] = [];
  for (const page of pages) {
    for (const u of page.UserDetailList ?? []) {
      details.users.push({
        name: u.UserName ?? '',
        arn: u.Arn ?? '',
        id: u.UserId,
        path: u.Path,
        createdAt: iso(u.CreateDate),
        groups: u.GroupList ?? [],
        inlinePolicies: inline(u.UserPolicyList),
        attachedPolicies: attached(u.AttachedManagedPolicies),
        ...(u.PermissionsBoundary?.PermissionsBoundaryArn ? { permissionsBoundaryArn: u.PermissionsBoundary.PermissionsBoundaryArn } : {}),
        tags: tagsOf(u.Tags),
      });
    }
    for (const g of page.GroupDetailList ?? []) {
      details.groups.push({
        name: g.GroupName ?? '',
        arn: g.Arn ?? '',
        id: g.GroupId,
        path: g.Path,
        createdAt: iso(g.CreateDate),
        inlinePolicies: inline(g.GroupPolicyList),
        attachedPolicies: attached(g.AttachedManagedPolicies),
      });
    }
    for (const r of page.RoleDetailList ?? []) {
      const trust = r.AssumeRolePolicyDocument !== undefined ? tryNormalisePolicyDocument(r.AssumeRolePolicyDocument) : undefined;
      details.roles.push({
        name: r.RoleName ?? '',
        arn: r.Arn ?? '',
        id: r.RoleId,
        path: r.Path,
        createdAt: iso(r.CreateDate),
        inlinePolicies: inline(r.RolePolicyList),
        attachedPolicies: attached(r.AttachedManagedPolicies),
        ...(trust ? { trustPolicy: trust.document } : {}),
        ...(trust?.problem ? { trustPolicyProblem: trust.problem } : {}),
        ...(r.PermissionsBoundary?.PermissionsBoundaryArn ? { permissionsBoundaryArn: r.PermissionsBoundary.PermissionsBoundaryArn } : {}),
        ...(r.RoleLastUsed?.LastUsedDate ? { lastUsedAt: iso(r.RoleLastUsed.LastUsedDate) } : {}),
        ...(r.RoleLastUsed?.Region ? { lastUsedRegion: r.RoleLastUsed.Region } : {}),
        tags: tagsOf(r.Tags),
      });
    }
    rawPolicies.push(...(page.Policies ?? []));
  }

  // Documents are read for customer-managed policies and for the AWS-managed policies something
  // uses (as a policy or a permissions boundary); the others (an emulator may list all ~1,300) are skipped.
  const used = new Set<string>();
  const refs = new Map<string, PolicyRef>();
  const use = (ref: PolicyRef) => {
    used.add(ref.arn);
    refs.set(ref.arn, ref);
  };
  for (const p of [...details.users, ...details.groups, ...details.roles]) p.attachedPolicies.forEach(use);
  for (const p of [...details.users, ...details.roles]) {
    if (p.permissionsBoundaryArn) use({ arn: p.permissionsBoundaryArn, name: p.permissionsBoundaryArn.split('/').pop() ?? '' });
  }
  const seen = new Set<string>();
  for (const p of rawPolicies) {
    if (!p.Arn || seen.has(p.Arn)) continue;
    seen.add(p.Arn);
    const awsManaged = isAwsManagedPolicyArn(p.Arn);
    if (awsManaged && !used.has(p.Arn)) continue;
    details.policies.push(managedPolicy(p, awsManaged));
  }
  const missing = [...used].filter((arn) => !seen.has(arn) && isAwsManagedPolicyArn(arn));
  details.policies.push(...(await Promise.all(missing.map((arn) => fetchManagedPolicy(iam, refs.get(arn) as PolicyRef)))));
  return details;
}

function memo<T>(fetch: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= fetch());
}

/** The IAM data of one account, each piece fetched at most once. */
export class IamAccountData {
  readonly summary: () => Promise<AccountSummary>;
  readonly credentialReport: () => Promise<CredentialReportRow[]>;
  readonly passwordPolicy: () => Promise<PasswordPolicy | undefined>;
  readonly authorizationDetails: () => Promise<AuthorizationDetails>;
  readonly analysis: () => Promise<AccountAnalysis>;

  constructor(iam: IAMClient) {
    this.summary = memo(() => fetchSummary(iam));
    this.credentialReport = memo(() => fetchCredentialReport(iam));
    this.passwordPolicy = memo(() => fetchPasswordPolicy(iam));
    this.authorizationDetails = memo(() => fetchAuthorizationDetails(iam));
    this.analysis = memo(async () => analyseAuthorizationDetails(await this.authorizationDetails()));
  }
}

/** The account's shared IAM data: one per IAM client, i.e. one per account and run. */
export function iamAccountData(ctx: CollectContext): IamAccountData {
  const iam = ctx.client(IAMClient);
  return memoize(iam, 'iam-account-data', () => new IamAccountData(iam));
}

/** Permissions of the shared fetches, for the types' declarations. */
export const IAM_PERMISSIONS = {
  summary: ['iam:GetAccountSummary'],
  credentialReport: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  passwordPolicy: ['iam:GetAccountPasswordPolicy'],
  authorizationDetails: ['iam:GetAccountAuthorizationDetails', 'iam:GetPolicy', 'iam:GetPolicyVersion'],
} as const;
