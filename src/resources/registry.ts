import type { ResourceType } from './resource-type.js';
import { ec2ElasticIp } from './ec2-elastic-ip.js';
import { ec2NetworkInterface } from './ec2-network-interface.js';
import { ec2NatGateway } from './ec2-nat-gateway.js';
import { ec2VpcEndpoint } from './ec2-vpc-endpoint.js';
import { ec2ClientVpnEndpoint } from './ec2-client-vpn-endpoint.js';
import { ec2Instance } from './ec2-instance.js';
import { ec2DefaultCreditSpecification } from './ec2-default-credit-specification.js';
import { ec2Volume } from './ec2-volume.js';
import { ec2Snapshot } from './ec2-snapshot.js';
import { elbv2LoadBalancer } from './elbv2-load-balancer.js';
import { elbClassicLoadBalancer } from './elb-classic-load-balancer.js';
import { rdsDbInstance } from './rds-db-instance.js';
import { rdsDbCluster } from './rds-db-cluster.js';
import { eksCluster } from './eks-cluster.js';
import { kmsKey } from './kms-key.js';
import { route53HostedZone } from './route53-hosted-zone.js';
import { secretsmanagerSecret } from './secretsmanager-secret.js';
import { costMonth } from './cost-month.js';
import { costUsageType } from './cost-usage-type.js';
import { freetierPlan } from './freetier-plan.js';
import { freetierUsage } from './freetier-usage.js';
import { budgetsBudget } from './budgets-budget.js';
import { budgetsSummary } from './budgets-summary.js';
import { cloudwatchBillingAlarm } from './cloudwatch-billing-alarm.js';
import { cloudwatchBillingAlarmSummary } from './cloudwatch-billing-alarm-summary.js';
import { iamRootAccount } from './iam-root-account.js';
import { iamUser } from './iam-user.js';
import { iamAccessKey } from './iam-access-key.js';
import { iamRole } from './iam-role.js';
import { iamPrincipal } from './iam-principal.js';
import { iamPolicy } from './iam-policy.js';
import { iamPasswordPolicy } from './iam-password-policy.js';

/** Every resource type costguard knows. Adding one = one file + one line here (a test checks every file is registered). */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  ec2ElasticIp,
  ec2NetworkInterface,
  ec2NatGateway,
  ec2VpcEndpoint,
  ec2ClientVpnEndpoint,
  ec2Instance,
  ec2DefaultCreditSpecification,
  ec2Volume,
  ec2Snapshot,
  elbv2LoadBalancer,
  elbClassicLoadBalancer,
  rdsDbInstance,
  rdsDbCluster,
  eksCluster,
  kmsKey,
  route53HostedZone,
  secretsmanagerSecret,
  costMonth,
  costUsageType,
  freetierPlan,
  freetierUsage,
  budgetsBudget,
  budgetsSummary,
  cloudwatchBillingAlarm,
  cloudwatchBillingAlarmSummary,
  iamRootAccount,
  iamUser,
  iamAccessKey,
  iamRole,
  iamPrincipal,
  iamPolicy,
  iamPasswordPolicy,
];

const byType = new Map(RESOURCE_TYPES.map((t) => [t.type, t]));

export function resourceType(type: string): ResourceType | undefined {
  return byType.get(type);
}

export function allResourceTypes(): readonly ResourceType[] {
  return RESOURCE_TYPES;
}
