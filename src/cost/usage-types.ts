// Cost Explorer usage types -> the audit rules that explain them.
// Usage types carry an optional region prefix ("USE2-NatGateway-Hours", but "NatGateway-Hours" in
// us-east-1, and "USE1-PublicIPv4:IdleAddress" even there): matching is on the part after it.
import { globToRegExp } from '../core/patterns.js';

/** One mapping: a glob over the unprefixed usage type and the rules that find what bills it. */
export interface UsageTypeRule {
  pattern: string;
  ruleIds: readonly string[];
  /** What the usage type is, in a few words. */
  what: string;
}

/** First match wins. Rule ids refer to the built-in packs (a unit test checks that each exists). */
export const USAGE_TYPE_RULES: readonly UsageTypeRule[] = [
  { pattern: 'NatGateway-Hours', ruleIds: ['vpc-nat-gateway'], what: 'NAT gateway hours' },
  { pattern: 'NatGateway-Bytes', ruleIds: ['vpc-nat-gateway'], what: 'data processed by NAT gateways' },
  { pattern: 'PublicIPv4:IdleAddress', ruleIds: ['ec2-eip-unattached'], what: 'idle public IPv4 addresses' },
  { pattern: 'PublicIPv4:InUseAddress', ruleIds: ['ec2-public-ipv4'], what: 'public IPv4 addresses in use' },
  { pattern: 'CPUCredits:*', ruleIds: ['ec2-burstable-unlimited', 'ec2-default-credit-unlimited'], what: 'surplus CPU credits (unlimited mode)' },
  { pattern: 'EBS:VolumeUsage*', ruleIds: ['ebs-free-tier-storage-exceeded', 'ebs-volume-unattached'], what: 'EBS volume storage' },
  { pattern: 'EBS:VolumeP-IOPS*', ruleIds: ['ebs-provisioned-performance'], what: 'provisioned EBS IOPS' },
  { pattern: 'EBS:VolumeP-Throughput*', ruleIds: ['ebs-provisioned-performance'], what: 'provisioned EBS throughput' },
  { pattern: 'EBS:SnapshotUsage*', ruleIds: ['ebs-snapshot-storage'], what: 'EBS snapshot storage' },
  { pattern: 'VpcEndpoint-Hours', ruleIds: ['vpc-interface-endpoint'], what: 'interface VPC endpoint hours' },
  { pattern: 'VpcEndpoint-Bytes', ruleIds: ['vpc-interface-endpoint'], what: 'data processed by interface endpoints' },
  { pattern: 'ClientVPN*', ruleIds: ['vpc-client-vpn-endpoint'], what: 'Client VPN associations and connections' },
  { pattern: 'AmazonEKS-Hours:*', ruleIds: ['eks-cluster'], what: 'EKS cluster hours' },
  { pattern: 'BoxUsage*', ruleIds: ['ec2-instance-not-free-tier', 'ec2-free-tier-hours-exceeded'], what: 'EC2 instance hours' },
  { pattern: 'LoadBalancerUsage', ruleIds: ['elb-idle', 'elb-classic-idle', 'elb-free-hours-exceeded'], what: 'load balancer hours' },
  { pattern: 'LCUUsage', ruleIds: ['elb-idle', 'elb-free-hours-exceeded'], what: 'load balancer capacity units' },
  { pattern: 'InstanceUsage:db.*', ruleIds: ['rds-not-free-tier'], what: 'RDS instance hours' },
  { pattern: 'Multi-AZUsage:db.*', ruleIds: ['rds-not-free-tier'], what: 'RDS Multi-AZ instance hours' },
  { pattern: 'HostedZone', ruleIds: ['route53-hosted-zone'], what: 'Route 53 hosted zones' },
  { pattern: 'KMS-Keys', ruleIds: ['kms-customer-key'], what: 'KMS customer managed keys' },
  { pattern: 'AWSSecretsManager-Secrets', ruleIds: ['secretsmanager-secret'], what: 'Secrets Manager secrets' },
  { pattern: 'DataTransfer-Out-Bytes', ruleIds: ['cost-data-transfer-out-high'], what: 'data transfer out to the internet' },
];

/** Region prefix codes as they appear in usage types. */
export const USAGE_REGION_PREFIXES: Readonly<Record<string, string>> = {
  USE1: 'us-east-1',
  USE2: 'us-east-2',
  USW1: 'us-west-1',
  USW2: 'us-west-2',
  CAN1: 'ca-central-1',
  CAN2: 'ca-west-1',
  SAE1: 'sa-east-1',
  EUC1: 'eu-central-1',
  EUC2: 'eu-central-2',
  EUW1: 'eu-west-1',
  EUW2: 'eu-west-2',
  EUW3: 'eu-west-3',
  EUN1: 'eu-north-1',
  EUS1: 'eu-south-1',
  EUS2: 'eu-south-2',
  APN1: 'ap-northeast-1',
  APN2: 'ap-northeast-2',
  APN3: 'ap-northeast-3',
  APS1: 'ap-southeast-1',
  APS2: 'ap-southeast-2',
  APS3: 'ap-south-1',
  APS4: 'ap-southeast-3',
  APS5: 'ap-south-2',
  APS6: 'ap-southeast-4',
  APE1: 'ap-east-1',
  MES1: 'me-south-1',
  MEC1: 'me-central-1',
  ILC1: 'il-central-1',
  AFS1: 'af-south-1',
  UGW1: 'us-gov-west-1',
  UGE1: 'us-gov-east-1',
};

const PREFIX = /^([A-Z]{2,4}\d)-(.+)$/;

export interface ParsedUsageType {
  usageType: string;
  /** The usage type without its region prefix. */
  base: string;
  /** "USE2", when there is one. */
  prefix?: string;
  /** The region the prefix names; us-east-1 for unprefixed usage types that are regional. */
  region?: string;
}

/** Split off the optional region prefix ("USE2-NatGateway-Hours" -> USE2 + NatGateway-Hours). */
export function parseUsageType(usageType: string): ParsedUsageType {
  const match = PREFIX.exec(usageType);
  if (!match) return { usageType, base: usageType };
  const prefix = match[1];
  const region = USAGE_REGION_PREFIXES[prefix];
  return { usageType, base: match[2], prefix, ...(region ? { region } : {}) };
}

/** The mapping entry that explains a usage type, if any. */
export function usageTypeRule(usageType: string): UsageTypeRule | undefined {
  const { base } = parseUsageType(usageType);
  return USAGE_TYPE_RULES.find((entry) => globToRegExp(entry.pattern).test(base));
}

/** The audit rule ids that explain a usage type (empty when none fits). */
export function rulesForUsageType(usageType: string): string[] {
  return [...(usageTypeRule(usageType)?.ruleIds ?? [])];
}

/** The audit command that finds the resources behind a usage type ("costguard audit" when no rule fits). */
export function auditCommandFor(ruleIds: readonly string[]): string {
  return ['costguard audit', ...ruleIds.map((id) => `--rule ${id}`)].join(' ');
}
