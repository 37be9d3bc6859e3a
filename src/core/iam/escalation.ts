// Known IAM privilege-escalation methods: sets of actions that, allowed together, let a principal
// give itself (or a role it can use) more permissions than it has. Catalogue after Rhino Security
// Labs' list, cloudsplaining and pmapper.
import type { EffectivePermissions } from './effective-permissions.js';

export interface EscalationMethod {
  /** Stable id, e.g. "create-policy-version". */
  id: string;
  /** Short name, e.g. "CreatePolicyVersion". */
  title: string;
  /** What the principal can do with it, in one line. */
  description: string;
  /** Every one of these must be allowed. */
  actions: string[];
}

export const ESCALATION_METHODS: readonly EscalationMethod[] = [
  { id: 'create-policy-version', title: 'CreatePolicyVersion', actions: ['iam:CreatePolicyVersion'], description: 'write a new default version of a managed policy, e.g. one attached to itself, granting *' },
  { id: 'set-default-policy-version', title: 'SetDefaultPolicyVersion', actions: ['iam:SetDefaultPolicyVersion'], description: 'switch a managed policy back to an older, broader version' },
  { id: 'create-access-key', title: 'CreateAccessKey', actions: ['iam:CreateAccessKey'], description: 'create access keys for another (more privileged) user' },
  { id: 'create-login-profile', title: 'CreateLoginProfile', actions: ['iam:CreateLoginProfile'], description: 'set a console password for a user that has none and sign in as them' },
  { id: 'update-login-profile', title: 'UpdateLoginProfile', actions: ['iam:UpdateLoginProfile'], description: "change another user's console password and sign in as them" },
  { id: 'attach-user-policy', title: 'AttachUserPolicy', actions: ['iam:AttachUserPolicy'], description: 'attach AdministratorAccess (or any managed policy) to a user' },
  { id: 'attach-group-policy', title: 'AttachGroupPolicy', actions: ['iam:AttachGroupPolicy'], description: 'attach any managed policy to a group it belongs to' },
  { id: 'attach-role-policy', title: 'AttachRolePolicy', actions: ['iam:AttachRolePolicy', 'sts:AssumeRole'], description: 'attach any managed policy to a role and assume it' },
  { id: 'put-user-policy', title: 'PutUserPolicy', actions: ['iam:PutUserPolicy'], description: 'write an inline policy granting * to a user' },
  { id: 'put-group-policy', title: 'PutGroupPolicy', actions: ['iam:PutGroupPolicy'], description: 'write an inline policy granting * to a group it belongs to' },
  { id: 'put-role-policy', title: 'PutRolePolicy', actions: ['iam:PutRolePolicy', 'sts:AssumeRole'], description: 'write an inline policy granting * to a role and assume it' },
  { id: 'add-user-to-group', title: 'AddUserToGroup', actions: ['iam:AddUserToGroup'], description: 'add a user to a more privileged group' },
  { id: 'update-assume-role-policy', title: 'UpdateAssumeRolePolicy', actions: ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'], description: "rewrite a privileged role's trust policy to trust itself, then assume it" },
  { id: 'pass-role-ec2', title: 'PassRole to EC2', actions: ['iam:PassRole', 'ec2:RunInstances'], description: 'launch an instance with a privileged instance profile and use its credentials' },
  { id: 'pass-role-lambda', title: 'PassRole to Lambda', actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], description: 'create and invoke a function that runs as a privileged role' },
  { id: 'pass-role-lambda-event-source', title: 'PassRole to Lambda (event source)', actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'], description: 'create a function running as a privileged role and trigger it from an event source' },
  { id: 'lambda-update-function-code', title: 'UpdateFunctionCode', actions: ['lambda:UpdateFunctionCode'], description: 'replace the code of a function that runs as a privileged role' },
  { id: 'pass-role-cloudformation', title: 'PassRole to CloudFormation', actions: ['iam:PassRole', 'cloudformation:CreateStack'], description: 'create a stack that runs as a privileged role' },
  { id: 'pass-role-glue', title: 'PassRole to Glue', actions: ['iam:PassRole', 'glue:CreateDevEndpoint'], description: 'create a Glue development endpoint with a privileged role and log in to it' },
  { id: 'glue-update-dev-endpoint', title: 'UpdateDevEndpoint', actions: ['glue:UpdateDevEndpoint'], description: 'add an SSH key to an existing Glue development endpoint and use its role' },
  { id: 'pass-role-datapipeline', title: 'PassRole to Data Pipeline', actions: ['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition'], description: 'run commands in a pipeline that runs as a privileged role' },
  { id: 'pass-role-sagemaker', title: 'PassRole to SageMaker', actions: ['iam:PassRole', 'sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'], description: 'open a notebook that runs as a privileged role' },
  { id: 'pass-role-codebuild', title: 'PassRole to CodeBuild', actions: ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild'], description: 'run a build that runs as a privileged role' },
  { id: 'pass-role-ecs', title: 'PassRole to ECS', actions: ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'], description: 'run a task whose task role is privileged' },
];

export interface EscalationAction {
  action: string;
  grantedBy: string[];
  conditional: boolean;
}

export interface EscalationPath {
  method: EscalationMethod;
  actions: EscalationAction[];
  /** At least one of the actions is only allowed under a Condition. */
  conditional: boolean;
}

/**
 * The escalation methods whose actions are all allowed on broad resources ("*" or "every role").
 * Grants scoped to named resources or to the caller itself (${aws:username}) are not counted: the
 * usual "manage your own access keys" policy is not an escalation.
 */
export function findEscalationPaths(permissions: EffectivePermissions, methods: readonly EscalationMethod[] = ESCALATION_METHODS): EscalationPath[] {
  const paths: EscalationPath[] = [];
  for (const method of methods) {
    const decisions = method.actions.map((action) => permissions.decide(action, 'broad'));
    if (!decisions.every((d) => d.allowed)) continue;
    const actions = decisions.map((d) => ({ action: d.action, grantedBy: d.grantedBy, conditional: d.conditional }));
    paths.push({ method, actions, conditional: actions.some((a) => a.conditional) });
  }
  return paths;
}

/** "CreatePolicyVersion (iam:CreatePolicyVersion via p1); PassRole to EC2 (iam:PassRole via p2, ec2:RunInstances via p3 (conditional))". */
export function escalationSummary(paths: EscalationPath[], max = 8): string {
  const parts = paths.slice(0, max).map((p) => {
    const actions = p.actions.map((a) => `${a.action} via ${a.grantedBy.join(' and ')}`).join(', ');
    return `${p.method.title} (${actions})`;
  });
  if (paths.length > max) parts.push(`and ${paths.length - max} more`);
  return parts.join('; ');
}
