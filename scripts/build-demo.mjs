#!/usr/bin/env node
// Builds demo/demo-account.json: a realistic lab account snapshot (several regions, a mix of clean
// and costly resources) that `costguard audit --demo` evaluates. Run: node scripts/build-demo.mjs
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const account = '123456789012';
const at = (days) => new Date(Date.UTC(2026, 10, 20) - days * 86_400_000).toISOString();
const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-2'];
const resources = [];
const add = (type, region, id, props, extra = {}) =>
  resources.push({ type, id, accountId: account, region, tags: extra.tags ?? {}, props, ...(extra.name ? { name: extra.name } : {}), ...(extra.arn ? { arn: extra.arn } : {}), ...(extra.createdAt ? { createdAt: extra.createdAt } : {}) });

// us-east-1: the main lab region, mostly fine, one forgotten EIP and an idle ALB
add('ec2:elastic-ip', 'us-east-1', 'eipalloc-0a1b2c3d4e5f60001', { publicIp: '3.91.10.20', allocationId: 'eipalloc-0a1b2c3d4e5f60001', domain: 'vpc' }, { name: 'old-bastion-ip' });
add('ec2:elastic-ip', 'us-east-1', 'eipalloc-0a1b2c3d4e5f60002', { publicIp: '3.91.10.21', allocationId: 'eipalloc-0a1b2c3d4e5f60002', associationId: 'eipassoc-01', instanceId: 'i-0web000000000001', networkInterfaceId: 'eni-0web0001', domain: 'vpc' }, { name: 'web-ip' });
add('ec2:instance', 'us-east-1', 'i-0web000000000001', { instanceType: 't3.micro', instanceFamily: 't3', state: 'running', burstable: true, cpuCredits: 'standard', freeTierEligible: true, publicIp: '3.91.10.21', vpcId: 'vpc-0lab', subnetId: 'subnet-0pub1', keyName: 'lab-key', volumeIds: ['vol-0web0001'], launchTime: at(40) }, { name: 'web', createdAt: at(40), tags: { Name: 'web', project: 'lab' } });
add('ec2:instance', 'us-east-1', 'i-0worker00000002', { instanceType: 't3.micro', instanceFamily: 't3', state: 'running', burstable: true, cpuCredits: 'unlimited', freeTierEligible: true, vpcId: 'vpc-0lab', subnetId: 'subnet-0priv1', volumeIds: ['vol-0work0001'], launchTime: at(12) }, { name: 'worker', createdAt: at(12), tags: { Name: 'worker' } });
add('ec2:instance', 'us-east-1', 'i-0stopped0000003', { instanceType: 't2.micro', instanceFamily: 't2', state: 'stopped', burstable: true, cpuCredits: 'standard', freeTierEligible: true, vpcId: 'vpc-0lab', volumeIds: ['vol-0stop0001'], launchTime: at(90) }, { name: 'old-test', createdAt: at(90), tags: { Name: 'old-test' } });
add('ec2:network-interface', 'us-east-1', 'eni-0web0001', { status: 'in-use', interfaceType: 'interface', attachmentInstanceId: 'i-0web000000000001', publicIp: '3.91.10.21', publicIpOwner: account, isElasticIp: true, vpcId: 'vpc-0lab', subnetId: 'subnet-0pub1', requesterManaged: false });
add('ec2:network-interface', 'us-east-1', 'eni-0alb0001', { status: 'in-use', interfaceType: 'interface', description: 'ELB app/lab-alb/50dc6c495c0c9188', publicIp: '44.200.1.10', publicIpOwner: 'amazon', isElasticIp: false, vpcId: 'vpc-0lab', subnetId: 'subnet-0pub1', requesterManaged: true });
add('ec2:network-interface', 'us-east-1', 'eni-0alb0002', { status: 'in-use', interfaceType: 'interface', description: 'ELB app/lab-alb/50dc6c495c0c9188', publicIp: '44.200.1.11', publicIpOwner: 'amazon', isElasticIp: false, vpcId: 'vpc-0lab', subnetId: 'subnet-0pub2', requesterManaged: true });
add('ec2:network-interface', 'us-east-1', 'eni-0work0001', { status: 'in-use', interfaceType: 'interface', attachmentInstanceId: 'i-0worker00000002', isElasticIp: false, vpcId: 'vpc-0lab', subnetId: 'subnet-0priv1', requesterManaged: false });
add('ec2:volume', 'us-east-1', 'vol-0web0001', { sizeGiB: 8, volumeType: 'gp3', state: 'in-use', iops: 3000, throughput: 125, attachedInstanceIds: ['i-0web000000000001'], attached: true, encrypted: true, availabilityZone: 'us-east-1a' }, { createdAt: at(40) });
add('ec2:volume', 'us-east-1', 'vol-0work0001', { sizeGiB: 8, volumeType: 'gp3', state: 'in-use', iops: 3000, throughput: 125, attachedInstanceIds: ['i-0worker00000002'], attached: true, encrypted: true, availabilityZone: 'us-east-1b' }, { createdAt: at(12) });
add('ec2:volume', 'us-east-1', 'vol-0stop0001', { sizeGiB: 8, volumeType: 'gp2', state: 'in-use', iops: 100, attachedInstanceIds: ['i-0stopped0000003'], attached: true, encrypted: false, availabilityZone: 'us-east-1a' }, { createdAt: at(90) });
add('ec2:volume', 'us-east-1', 'vol-0data0001', { sizeGiB: 20, volumeType: 'gp3', state: 'available', iops: 3000, throughput: 125, attachedInstanceIds: [], attached: false, encrypted: true, availabilityZone: 'us-east-1a' }, { name: 'lab-data', createdAt: at(33), tags: { Name: 'lab-data' } });
add('ec2:snapshot', 'us-east-1', 'snap-0before0001', { volumeSizeGiB: 8, state: 'completed', volumeId: 'vol-0web0001', description: 'before upgrade', startTime: at(30) }, { createdAt: at(30) });
add('ec2:vpc-endpoint', 'us-east-1', 'vpce-0s3gateway01', { vpcEndpointType: 'Gateway', serviceName: 'com.amazonaws.us-east-1.s3', state: 'available', vpcId: 'vpc-0lab', subnetCount: 0 });
add('elbv2:load-balancer', 'us-east-1', 'lab-alb', { lbType: 'application', scheme: 'internet-facing', state: 'active', dnsName: 'lab-alb-123.us-east-1.elb.amazonaws.com', vpcId: 'vpc-0lab', targetGroupCount: 1, registeredTargetCount: 0 }, { name: 'lab-alb', arn: `arn:aws:elasticloadbalancing:us-east-1:${account}:loadbalancer/app/lab-alb/50dc6c495c0c9188`, createdAt: at(20) });
add('rds:db-instance', 'us-east-1', 'lab-db', { dbInstanceClass: 'db.t3.micro', engine: 'mysql', engineVersion: '8.0.39', status: 'available', multiAZ: false, allocatedStorageGiB: 20, storageType: 'gp2', isAurora: false }, { name: 'lab-db', arn: `arn:aws:rds:us-east-1:${account}:db:lab-db`, createdAt: at(25) });
add('kms:key', 'us-east-1', 'mrk-aws-managed-ebs', { keyManager: 'AWS', keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', description: 'Default key for EBS', aliases: ['alias/aws/ebs'] });
add('secretsmanager:secret', 'us-east-1', 'lab/db-password', { lastAccessedDate: at(3), lastChangedDate: at(25), rotationEnabled: false }, { name: 'lab/db-password', arn: `arn:aws:secretsmanager:us-east-1:${account}:secret:lab/db-password-AbCdEf`, createdAt: at(25) });
for (const family of ['t2', 't3', 't3a', 't4g']) add('ec2:default-credit-specification', 'us-east-1', family, { instanceFamily: family, cpuCredits: family === 't2' ? 'standard' : 'unlimited' });

// us-west-2: the "follow the tutorial" region: NAT gateway, interface endpoint, EKS
add('ec2:nat-gateway', 'us-west-2', 'nat-0tutorial000001', { state: 'available', connectivityType: 'public', vpcId: 'vpc-0eks', subnetId: 'subnet-0eks-pub', publicIp: '52.10.20.30', allocationId: 'eipalloc-0nat0001' }, { name: 'eks-nat', createdAt: at(6), tags: { Name: 'eks-nat' } });
add('ec2:elastic-ip', 'us-west-2', 'eipalloc-0nat0001', { publicIp: '52.10.20.30', allocationId: 'eipalloc-0nat0001', associationId: 'eipassoc-nat', networkInterfaceId: 'eni-0nat0001', domain: 'vpc' });
add('ec2:network-interface', 'us-west-2', 'eni-0nat0001', { status: 'in-use', interfaceType: 'nat_gateway', publicIp: '52.10.20.30', publicIpOwner: account, isElasticIp: true, vpcId: 'vpc-0eks', subnetId: 'subnet-0eks-pub', requesterManaged: true });
add('ec2:vpc-endpoint', 'us-west-2', 'vpce-0ecrapi000001', { vpcEndpointType: 'Interface', serviceName: 'com.amazonaws.us-west-2.ecr.api', state: 'available', vpcId: 'vpc-0eks', subnetCount: 2 }, { createdAt: at(6) });
add('eks:cluster', 'us-west-2', 'tutorial-cluster', { status: 'ACTIVE', version: '1.31', platformVersion: 'eks.12' }, { name: 'tutorial-cluster', arn: `arn:aws:eks:us-west-2:${account}:cluster/tutorial-cluster`, createdAt: at(6) });
add('ec2:instance', 'us-west-2', 'i-0eksnode0000001', { instanceType: 't3.medium', instanceFamily: 't3', state: 'running', burstable: true, cpuCredits: 'unlimited', freeTierEligible: false, vpcId: 'vpc-0eks', subnetId: 'subnet-0eks-priv', volumeIds: ['vol-0eks0001'], launchTime: at(6) }, { name: 'tutorial-ng-node', createdAt: at(6), tags: { Name: 'tutorial-ng-node', 'eks:cluster-name': 'tutorial-cluster' } });
add('ec2:volume', 'us-west-2', 'vol-0eks0001', { sizeGiB: 20, volumeType: 'gp3', state: 'in-use', iops: 3000, throughput: 125, attachedInstanceIds: ['i-0eksnode0000001'], attached: true, encrypted: true, availabilityZone: 'us-west-2a' }, { createdAt: at(6) });
add('kms:key', 'us-west-2', '1234abcd-12ab-34cd-56ef-1234567890ab', { keyManager: 'CUSTOMER', keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', description: 'eks secrets encryption', aliases: ['alias/eks-secrets'] }, { arn: `arn:aws:kms:us-west-2:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, createdAt: at(6) });
for (const family of ['t2', 't3', 't3a', 't4g']) add('ec2:default-credit-specification', 'us-west-2', family, { instanceFamily: family, cpuCredits: family === 't2' ? 'unlimited' : 'unlimited' });

// eu-west-1: a database course: a Multi-AZ RDS and a fast io1 volume
add('rds:db-instance', 'eu-west-1', 'course-postgres', { dbInstanceClass: 'db.m5.large', engine: 'postgres', engineVersion: '16.4', status: 'available', multiAZ: true, allocatedStorageGiB: 100, storageType: 'gp3', isAurora: false }, { name: 'course-postgres', arn: `arn:aws:rds:eu-west-1:${account}:db:course-postgres`, createdAt: at(15) });
add('ec2:volume', 'eu-west-1', 'vol-0io1fast0001', { sizeGiB: 50, volumeType: 'io1', state: 'available', iops: 1000, attachedInstanceIds: [], attached: false, encrypted: true, availabilityZone: 'eu-west-1a' }, { name: 'benchmark-disk', createdAt: at(15), tags: { Name: 'benchmark-disk' } });
add('ec2:client-vpn-endpoint', 'eu-west-1', 'cvpn-endpoint-0abc123', { status: 'available', description: 'course vpn', vpcId: 'vpc-0course', transportProtocol: 'udp' }, { createdAt: at(15) });
for (const family of ['t2', 't3', 't3a', 't4g']) add('ec2:default-credit-specification', 'eu-west-1', family, { instanceFamily: family, cpuCredits: family === 't2' ? 'standard' : 'unlimited' });

// ap-northeast-2 (Seoul): clean except a forgotten EIP
add('ec2:elastic-ip', 'ap-northeast-2', 'eipalloc-0seoul000001', { publicIp: '15.164.1.2', allocationId: 'eipalloc-0seoul000001', domain: 'vpc' });
for (const family of ['t2', 't3', 't3a', 't4g']) add('ec2:default-credit-specification', 'ap-northeast-2', family, { instanceFamily: family, cpuCredits: family === 't2' ? 'standard' : 'unlimited' });

// global
add('route53:hosted-zone', 'global', '/hostedzone/Z0123456789ABCDEFGHIJ', { privateZone: false, recordCount: 4, comment: 'lab domain' }, { name: 'lab.example.com.' });

const collectedTypes = [
  'ec2:client-vpn-endpoint', 'ec2:default-credit-specification', 'ec2:elastic-ip', 'ec2:instance', 'ec2:nat-gateway',
  'ec2:network-interface', 'ec2:snapshot', 'ec2:volume', 'ec2:vpc-endpoint', 'elb:classic-load-balancer', 'elbv2:load-balancer',
  'eks:cluster', 'kms:key', 'rds:db-cluster', 'rds:db-instance', 'route53:hosted-zone', 'secretsmanager:secret',
];

// IAM and the local pack: collected by costguard itself (scripts/build-demo-collected.mjs), merged as collected.
const collectedFile = new URL('../demo/demo-collected.json', import.meta.url);
let generatedAt = at(0);
if (existsSync(collectedFile)) {
  const collected = JSON.parse(readFileSync(collectedFile, 'utf8'));
  // The snapshot is "as of" its newest fact: audit --demo measures ages from generatedAt.
  if (collected.collectedAt > generatedAt) generatedAt = collected.collectedAt;
  resources.push(...collected.resources);
  collectedTypes.push(...collected.collectedTypes);
  collectedTypes.sort();
}

const inventory = {
  tool: 'costguard',
  kind: 'inventory',
  schemaVersion: 1,
  version: 'demo',
  generatedAt,
  targets: [{ accountId: account, alias: 'my-lab-account', source: 'demo', regions }],
  collectedTypes,
  resources,
  errors: [],
};
writeFileSync(new URL('../demo/demo-account.json', import.meta.url), `${JSON.stringify(inventory, null, 2)}\n`);
console.log(`demo/demo-account.json: ${resources.length} resources in ${regions.length} regions`);
