// SDK v3 clients for seeding the emulator: dummy keys, one attempt (moto answers unimplemented
// operations with HTTP 500 + HTML, which retries would only slow down).
import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { RDSClient } from '@aws-sdk/client-rds';
import { Route53Client } from '@aws-sdk/client-route-53';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { STSClient } from '@aws-sdk/client-sts';

export interface SeedClientConfig {
  region: string;
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
}

export function seedClientConfig(endpoint: string, region = 'us-east-1'): SeedClientConfig {
  return { region, endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, maxAttempts: 1 };
}

export interface AwsClients {
  region: string;
  ec2: EC2Client;
  elbv2: ElasticLoadBalancingV2Client;
  elb: ElasticLoadBalancingClient;
  rds: RDSClient;
  eks: EKSClient;
  kms: KMSClient;
  route53: Route53Client;
  secretsManager: SecretsManagerClient;
  sts: STSClient;
  iam: IAMClient;
  destroy(): void;
}

/** Clients for one region of the emulator at `endpoint` (Route 53, IAM and STS are global; they work from any region). */
export function awsClients(endpoint: string, region = 'us-east-1'): AwsClients {
  const config = seedClientConfig(endpoint, region);
  const clients = {
    ec2: new EC2Client(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    elb: new ElasticLoadBalancingClient(config),
    rds: new RDSClient(config),
    eks: new EKSClient(config),
    kms: new KMSClient(config),
    route53: new Route53Client(config),
    secretsManager: new SecretsManagerClient(config),
    sts: new STSClient(config),
    iam: new IAMClient(config),
  };
  return {
    region,
    ...clients,
    destroy() {
      for (const c of Object.values(clients)) c.destroy();
    },
  };
}
