// costguard's own least-privilege IAM policies, built from what every resource type declares plus
// the few calls the run itself makes. policies/iam/costguard-{audit,nuke}.json are this output; a
// unit test keeps the files in step with the registry. Pure.

/** A resource type's declared permissions (ResourceType.permissions, without the SDK import). */
export interface PermissionDeclaration {
  type: string;
  list: string[];
  remove?: string[];
}

/** Calls a run makes besides the collectors', with why (kept next to the code that makes them). */
export const BASE_AUDIT_ACTIONS: ReadonlyArray<{ action: string; why: string }> = [
  { action: 'sts:GetCallerIdentity', why: 'identify the account behind each profile (targets)' },
  { action: 'iam:ListAccountAliases', why: 'show the account alias next to its id (targets)' },
  { action: 'ec2:DescribeRegions', why: 'find the regions enabled for the account (regions)' },
  { action: 'organizations:ListRoots', why: '--org: walk the organization (management account)' },
  { action: 'organizations:ListOrganizationalUnitsForParent', why: '--org: walk the OU tree' },
  { action: 'organizations:ListAccountsForParent', why: '--org: list the accounts of each OU' },
  { action: 'organizations:ListParents', why: '--org --ou: the path of an OU' },
  { action: 'organizations:DescribeOrganizationalUnit', why: '--org --ou: the name of an OU' },
];

/** Calls nuke makes besides the resource types' (read-only, but only nuke needs them). */
export const BASE_NUKE_ACTIONS: ReadonlyArray<{ action: string; why: string }> = [
  { action: 'organizations:DescribeOrganization', why: 'nuke: refuse an Organizations management account unless allowed' },
];

/** --org assumes this role in every member account; nothing else is assumed. */
export const ORG_ASSUME_ROLE_RESOURCE = 'arn:aws:iam::*:role/OrganizationAccountAccessRole';

/**
 * Operations recorded by the call stats that IAM does not authorise: the IAM Identity Center portal
 * and OIDC APIs take the SSO bearer token instead of a signed request.
 */
export const NOT_IAM_AUTHORISED = ['sso:GetRoleCredentials', 'sso:ListAccounts', 'sso:ListAccountRoles', 'sso:Logout', 'sso-oidc:CreateToken', 'sso-oidc:RegisterClient', 'sso-oidc:StartDeviceAuthorization', 'oidc:CreateToken', 'oidc:RegisterClient', 'oidc:StartDeviceAuthorization'];

/**
 * API operations whose IAM action has another name (the call stats record operations). Everything
 * else is authorised by the action of the same name.
 */
export const OPERATION_ACTIONS: Readonly<Record<string, string>> = {
  'budgets:DescribeBudgets': 'budgets:ViewBudget',
  'budgets:DescribeBudget': 'budgets:ViewBudget',
  'budgets:DescribeBudgetPerformanceHistory': 'budgets:ViewBudget',
  'budgets:DescribeNotificationsForBudget': 'budgets:ViewBudget',
  'budgets:DescribeSubscribersForNotification': 'budgets:ViewBudget',
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:ListObjects': 's3:ListBucket',
  's3:ListObjectsV2': 's3:ListBucket',
  's3:ListObjectVersions': 's3:ListBucketVersions',
  's3:HeadBucket': 's3:ListBucket',
  's3:HeadObject': 's3:GetObject',
  's3:DeleteObjects': 's3:DeleteObject',
  's3:ListMultipartUploads': 's3:ListBucketMultipartUploads',
  'lambda:ListFunctions20150331': 'lambda:ListFunctions',
};

/** API Gateway authorises by HTTP verb (apigateway:GET on the resource path), not by operation name. */
const API_GATEWAY_VERBS: Array<[RegExp, string]> = [
  [/^(Get|List)/, 'GET'],
  [/^Delete/, 'DELETE'],
  [/^(Create|Import)/, 'POST'],
  [/^Update/, 'PATCH'],
  [/^(Put|Tag|Untag|Reimport)/, 'PUT'],
];

/** The IAM action that authorises a recorded "service:Operation". */
export function actionForOperation(operation: string): string {
  const mapped = OPERATION_ACTIONS[operation];
  if (mapped) return mapped;
  const [service, name = ''] = operation.split(':');
  if (service === 'apigateway') {
    const verb = API_GATEWAY_VERBS.find(([re]) => re.test(name));
    if (verb) return `apigateway:${verb[1]}`;
  }
  return operation;
}

export interface IamPolicyStatementJson {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
}

export interface IamPolicyJson {
  Version: '2012-10-17';
  Statement: IamPolicyStatementJson[];
}

export type CostguardPolicyKind = 'audit' | 'nuke';

function sortedUnique(actions: Iterable<string>): string[] {
  return [...new Set(actions)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) || a.localeCompare(b));
}

/** Every action `audit` and `inventory` need: the base calls plus every resource type's list permissions. */
export function auditActions(declarations: readonly PermissionDeclaration[], base = BASE_AUDIT_ACTIONS): string[] {
  return sortedUnique([...base.map((b) => b.action), ...declarations.flatMap((d) => d.list)]);
}

/** The delete actions `nuke` adds (those that audit does not already grant). */
export function nukeActions(declarations: readonly PermissionDeclaration[], base = BASE_AUDIT_ACTIONS, nukeBase = BASE_NUKE_ACTIONS): string[] {
  const read = new Set(auditActions(declarations, base));
  return sortedUnique([...nukeBase.map((b) => b.action), ...declarations.flatMap((d) => d.remove ?? [])].filter((a) => !read.has(a)));
}

/**
 * The policy document for `costguard policies iam --for audit|nuke`. Actions are exact names (no
 * wildcards), so the iam pack finds nothing to say about costguard's own policy.
 */
export function buildCostguardPolicy(kind: CostguardPolicyKind, declarations: readonly PermissionDeclaration[], base = BASE_AUDIT_ACTIONS): IamPolicyJson {
  const statements: IamPolicyStatementJson[] = [
    { Sid: 'CostguardAuditRead', Effect: 'Allow', Action: auditActions(declarations, base), Resource: '*' },
    { Sid: 'CostguardOrgMemberAccess', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: ORG_ASSUME_ROLE_RESOURCE },
  ];
  if (kind === 'nuke') {
    const remove = nukeActions(declarations, base);
    if (remove.length > 0) statements.push({ Sid: 'CostguardNuke', Effect: 'Allow', Action: remove, Resource: '*' });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** The file text: two-space JSON with a final newline (what policies/iam/*.json hold). */
export function formatPolicyJson(policy: IamPolicyJson): string {
  return `${JSON.stringify(policy, null, 2)}\n`;
}
