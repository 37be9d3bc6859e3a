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
import { costServiceSpend } from './cost-service-spend.js';
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
import { ec2Vpc } from './ec2-vpc.js';
import { ec2Subnet } from './ec2-subnet.js';
import { ec2SecurityGroup } from './ec2-security-group.js';
import { ec2RouteTable } from './ec2-route-table.js';
import { ec2InternetGateway } from './ec2-internet-gateway.js';
import { ec2EgressOnlyInternetGateway } from './ec2-egress-only-internet-gateway.js';
import { ec2KeyPair } from './ec2-key-pair.js';
import { ec2LaunchTemplate } from './ec2-launch-template.js';
import { ec2Image } from './ec2-image.js';
import { autoscalingGroup } from './autoscaling-group.js';
import { elbv2TargetGroup } from './elbv2-target-group.js';
import { rdsDbSnapshot } from './rds-db-snapshot.js';
import { rdsDbClusterSnapshot } from './rds-db-cluster-snapshot.js';
import { s3Bucket } from './s3-bucket.js';
import { lambdaFunction } from './lambda-function.js';
import { dynamodbTable } from './dynamodb-table.js';
import { logsLogGroup } from './logs-log-group.js';
import { cloudwatchAlarm } from './cloudwatch-alarm.js';
import { ecrRepository } from './ecr-repository.js';
import { ecsCluster } from './ecs-cluster.js';
import { ecsService } from './ecs-service.js';
import { eksNodegroup } from './eks-nodegroup.js';
import { cloudformationStack } from './cloudformation-stack.js';
import { snsTopic } from './sns-topic.js';
import { sqsQueue } from './sqs-queue.js';
import { apigatewayRestApi } from './apigateway-rest-api.js';
import { apigatewayv2Api } from './apigatewayv2-api.js';
import { elasticacheCacheCluster } from './elasticache-cache-cluster.js';
// long tail (issue 13): billable services labs leave behind
import { sagemakerNotebookInstance } from './sagemaker-notebook-instance.js';
import { sagemakerEndpoint } from './sagemaker-endpoint.js';
import { sagemakerEndpointConfig } from './sagemaker-endpoint-config.js';
import { sagemakerModel } from './sagemaker-model.js';
import { opensearchDomain } from './opensearch-domain.js';
import { redshiftCluster } from './redshift-cluster.js';
import { elasticacheReplicationGroup } from './elasticache-replication-group.js';
import { elasticacheServerlessCache } from './elasticache-serverless-cache.js';
import { memorydbCluster } from './memorydb-cluster.js';
import { daxCluster } from './dax-cluster.js';
import { efsFileSystem } from './efs-file-system.js';
import { fsxFileSystem } from './fsx-file-system.js';
import { kafkaCluster } from './kafka-cluster.js';
import { kinesisStream } from './kinesis-stream.js';
import { firehoseDeliveryStream } from './firehose-delivery-stream.js';
import { ec2TransitGateway } from './ec2-transit-gateway.js';
import { ec2TransitGatewayAttachment } from './ec2-transit-gateway-attachment.js';
import { ec2VpnConnection } from './ec2-vpn-connection.js';
import { ec2VpnGateway } from './ec2-vpn-gateway.js';
import { ec2CustomerGateway } from './ec2-customer-gateway.js';
import { ec2Host } from './ec2-host.js';
import { route53resolverEndpoint } from './route53resolver-endpoint.js';
import { mqBroker } from './mq-broker.js';
import { dsDirectory } from './ds-directory.js';
import { networkFirewallFirewall } from './networkfirewall-firewall.js';
import { apprunnerService } from './apprunner-service.js';
import { glueDevEndpoint } from './glue-dev-endpoint.js';
import { glueSession } from './glue-session.js';
import { lightsailInstance } from './lightsail-instance.js';
import { lightsailDatabase } from './lightsail-database.js';
import { lightsailLoadBalancer } from './lightsail-load-balancer.js';
import { lightsailStaticIp } from './lightsail-static-ip.js';
import { sagemakerApp } from './sagemaker-app.js';
import { sagemakerSpace } from './sagemaker-space.js';
import { sagemakerDomain } from './sagemaker-domain.js';
import { emrCluster } from './emr-cluster.js';
import { workspacesWorkspace } from './workspaces-workspace.js';
import { redshiftServerlessWorkgroup } from './redshiftserverless-workgroup.js';
import { redshiftServerlessNamespace } from './redshiftserverless-namespace.js';
import { ec2PlacementGroup } from './ec2-placement-group.js';
import { ec2NetworkAcl } from './ec2-network-acl.js';
import { ec2DhcpOptions } from './ec2-dhcp-options.js';
import { iamInstanceProfile } from './iam-instance-profile.js';
import { bedrockProvisionedThroughput } from './bedrock-provisioned-throughput.js';
import { elasticbeanstalkEnvironment } from './elasticbeanstalk-environment.js';
import { globalacceleratorAccelerator } from './globalaccelerator-accelerator.js';
import { backupVault } from './backup-vault.js';
import { backupRecoveryPoint } from './backup-recovery-point.js';

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
  costServiceSpend,
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
  // nuke: types the audit collectors do not cover
  ec2Vpc,
  ec2Subnet,
  ec2SecurityGroup,
  ec2RouteTable,
  ec2InternetGateway,
  ec2EgressOnlyInternetGateway,
  ec2KeyPair,
  ec2LaunchTemplate,
  ec2Image,
  autoscalingGroup,
  elbv2TargetGroup,
  rdsDbSnapshot,
  rdsDbClusterSnapshot,
  s3Bucket,
  lambdaFunction,
  dynamodbTable,
  logsLogGroup,
  cloudwatchAlarm,
  ecrRepository,
  ecsCluster,
  ecsService,
  eksNodegroup,
  cloudformationStack,
  snsTopic,
  sqsQueue,
  apigatewayRestApi,
  apigatewayv2Api,
  elasticacheCacheCluster,
  // long tail (issue 13): billable services labs leave behind (audit: policies/paid-services.yml)
  sagemakerNotebookInstance,
  sagemakerEndpoint,
  sagemakerEndpointConfig,
  sagemakerModel,
  opensearchDomain,
  redshiftCluster,
  elasticacheReplicationGroup,
  elasticacheServerlessCache,
  memorydbCluster,
  daxCluster,
  efsFileSystem,
  fsxFileSystem,
  kafkaCluster,
  kinesisStream,
  firehoseDeliveryStream,
  ec2TransitGateway,
  ec2TransitGatewayAttachment,
  ec2VpnConnection,
  ec2VpnGateway,
  ec2CustomerGateway,
  ec2Host,
  route53resolverEndpoint,
  mqBroker,
  dsDirectory,
  // long tail, second round (issue 13)
  networkFirewallFirewall,
  apprunnerService,
  glueDevEndpoint,
  glueSession,
  lightsailInstance,
  lightsailDatabase,
  lightsailLoadBalancer,
  lightsailStaticIp,
  sagemakerApp,
  sagemakerSpace,
  sagemakerDomain,
  emrCluster,
  workspacesWorkspace,
  redshiftServerlessWorkgroup,
  redshiftServerlessNamespace,
  ec2PlacementGroup,
  ec2NetworkAcl,
  ec2DhcpOptions,
  iamInstanceProfile,
  bedrockProvisionedThroughput,
  elasticbeanstalkEnvironment,
  globalacceleratorAccelerator,
  backupVault,
  backupRecoveryPoint,
];

const byType = new Map(RESOURCE_TYPES.map((t) => [t.type, t]));

export function resourceType(type: string): ResourceType | undefined {
  return byType.get(type);
}

export function allResourceTypes(): readonly ResourceType[] {
  return RESOURCE_TYPES;
}
