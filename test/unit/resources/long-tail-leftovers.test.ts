// Long tail, second round (issue 13): Lightsail, SageMaker Studio, Elastic Beanstalk, and the free leftovers
// labs leave (placement groups, network ACLs, DHCP option sets, instance profiles).
import { afterEach, describe, expect, it } from 'vitest';
import { ec2DhcpOptions } from '../../../src/resources/ec2-dhcp-options.js';
import { ec2NetworkAcl } from '../../../src/resources/ec2-network-acl.js';
import { ec2PlacementGroup } from '../../../src/resources/ec2-placement-group.js';
import { elasticbeanstalkEnvironment } from '../../../src/resources/elasticbeanstalk-environment.js';
import { iamInstanceProfile } from '../../../src/resources/iam-instance-profile.js';
import { lightsailDatabase } from '../../../src/resources/lightsail-database.js';
import { lightsailInstance } from '../../../src/resources/lightsail-instance.js';
import { lightsailLoadBalancer } from '../../../src/resources/lightsail-load-balancer.js';
import { lightsailStaticIp } from '../../../src/resources/lightsail-static-ip.js';
import { sagemakerApp } from '../../../src/resources/sagemaker-app.js';
import { sagemakerDomain } from '../../../src/resources/sagemaker-domain.js';
import { sagemakerSpace } from '../../../src/resources/sagemaker-space.js';
import { testCollectContext, testGlobalCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { ec2Reply, ec2Tags, fakeAws, jsonError, jsonReply, ORIGINS, queryReply, xmlReply, fastPolls } from './fake-aws.js';
import { regionOfferCases } from './collector-cases.js';

const LIGHTSAIL = 'https://lightsail.us-east-1.amazonaws.com';
const SAGEMAKER = 'https://api.sagemaker.us-east-1.amazonaws.com';
const EB = 'https://elasticbeanstalk.us-east-1.amazonaws.com';
const EB_NS = 'http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/';

let t: TestCollectContext;
fastPolls();
afterEach(() => t?.dispose());

describe('lightsail', () => {
  it('maps instances with their bundle price from GetBundles, across pages, and deletes one with its add-ons', async () => {
    t = testCollectContext();
    const instance = (name: string) => ({ name, arn: `arn:aws:lightsail:us-east-1:111111111111:Instance/${name}`, createdAt: 1735689600, bundleId: 'nano_3_0', state: { code: 16, name: 'running' }, tags: [{ key: 'lab', value: '1' }] });
    const server = fakeAws(LIGHTSAIL, {
      GetInstances: [() => jsonReply({ instances: [instance('a')], nextPageToken: 'p2' }), () => jsonReply({ instances: [instance('b')] })],
      GetBundles: () => jsonReply({ bundles: [{ bundleId: 'nano_3_0', price: 5.0, isActive: true }] }),
      DeleteInstance: () => jsonReply({ operations: [] }),
      GetInstance: () => jsonError('NotFoundException', 'gone'),
    });
    const [a, b] = await lightsailInstance.list(t.ctx);
    expect(a).toMatchObject({ id: 'a', createdAt: '2025-01-01T00:00:00.000Z', tags: { lab: '1' }, props: { state: 'running', bundleId: 'nano_3_0', monthlyPrice: 5 } });
    expect(b.id).toBe('b');
    expect(server.calls('GetInstances')[1].json).toEqual({ pageToken: 'p2' });
    await lightsailInstance.remove?.(t.ctx, a);
    expect(server.calls('DeleteInstance')[0].json).toEqual({ instanceName: 'a', forceDeleteAddOns: true });
  });

  regionOfferCases({
    service: 'Lightsail',
    types: [lightsailInstance, lightsailDatabase, lightsailLoadBalancer, lightsailStaticIp],
    origin: (region) => `https://lightsail.${region}.amazonaws.com`,
    handlers: {
      GetInstances: () => jsonReply({ instances: [] }),
      GetRelationalDatabases: () => jsonReply({ relationalDatabases: [] }),
      GetLoadBalancers: () => jsonReply({ loadBalancers: [] }),
      GetStaticIps: () => jsonReply({ staticIps: [{ name: 'ip', arn: 'arn:aws:lightsail:sa-east-1:111111111111:StaticIp/x', createdAt: 1735689600, ipAddress: '203.0.113.9', isAttached: false }] }),
    },
    absent: ['us-west-1', 'ap-northeast-3'],
    present: { region: 'sa-east-1', why: 'per the Lightsail guide', ids: ['ip'] },
  });

  it('does not ask for bundles when there is no instance', async () => {
    t = testCollectContext();
    const server = fakeAws(LIGHTSAIL, { GetInstances: () => jsonReply({ instances: [] }) });
    expect(await lightsailInstance.list(t.ctx)).toEqual([]);
    expect(server.requests.map((r) => r.op)).toEqual(['GetInstances']);
  });

  it('maps databases with their bundle price and deletes one skipping the final snapshot', async () => {
    t = testCollectContext();
    const server = fakeAws(LIGHTSAIL, {
      GetRelationalDatabases: () => jsonReply({ relationalDatabases: [{ name: 'db', arn: 'arn:aws:lightsail:us-east-1:111111111111:RelationalDatabase/x', createdAt: 1735689600, relationalDatabaseBundleId: 'micro_2_0', engine: 'mysql', state: 'available', tags: [] }] }),
      GetRelationalDatabaseBundles: () => jsonReply({ bundles: [{ bundleId: 'micro_2_0', price: 15.0 }] }),
      DeleteRelationalDatabase: () => jsonReply({ operations: [] }),
      GetRelationalDatabase: () => jsonError('NotFoundException', 'gone'),
    });
    const [db] = await lightsailDatabase.list(t.ctx);
    expect(db).toMatchObject({ id: 'db', props: { state: 'available', bundleId: 'micro_2_0', engine: 'mysql', monthlyPrice: 15 } });
    await lightsailDatabase.remove?.(t.ctx, db);
    expect(server.calls('DeleteRelationalDatabase')[0].json).toEqual({ relationalDatabaseName: 'db', skipFinalSnapshot: true });
  });

  it('maps load balancers and static IPs, and deletes and releases them', async () => {
    t = testCollectContext();
    const server = fakeAws(LIGHTSAIL, {
      GetLoadBalancers: () => jsonReply({ loadBalancers: [{ name: 'lb', arn: 'arn:aws:lightsail:us-east-1:111111111111:LoadBalancer/x', createdAt: 1735689600, state: 'active', instanceHealthSummary: [{ instanceName: 'a', instanceHealth: 'healthy' }], tags: [] }] }),
      GetStaticIps: () => jsonReply({ staticIps: [{ name: 'ip-free', ipAddress: '3.3.3.3', isAttached: false, createdAt: 1735689600 }, { name: 'ip-used', ipAddress: '4.4.4.4', isAttached: true, attachedTo: 'a' }] }),
      DeleteLoadBalancer: () => jsonReply({ operations: [] }),
      ReleaseStaticIp: () => jsonReply({ operations: [] }),
    });
    const [lb] = await lightsailLoadBalancer.list(t.ctx);
    expect(lb).toMatchObject({ id: 'lb', props: { state: 'active', instanceNames: ['a'] } });
    const [free, used] = await lightsailStaticIp.list(t.ctx);
    expect(free.props).toEqual({ ipAddress: '3.3.3.3', isAttached: false, attachedTo: undefined });
    expect(used.props).toMatchObject({ isAttached: true, attachedTo: 'a' });
    await lightsailLoadBalancer.remove?.(t.ctx, lb);
    await lightsailStaticIp.remove?.(t.ctx, free);
    expect(server.calls('DeleteLoadBalancer')[0].json).toEqual({ loadBalancerName: 'lb' });
    expect(server.calls('ReleaseStaticIp')[0].json).toEqual({ staticIpName: 'ip-free' });
  });
});

describe('sagemaker studio', () => {
  it('maps apps (deleted ones left out) with their owner and instance type, and deletes one waiting for Deleted', async () => {
    t = testCollectContext();
    const app = (name: string, status: string, extra: object) => ({ DomainId: 'd-1', AppType: 'JupyterLab', AppName: name, Status: status, CreationTime: 1735689600, ResourceSpec: { InstanceType: 'ml.t3.medium' }, ...extra });
    const server = fakeAws(SAGEMAKER, {
      ListApps: () => jsonReply({ Apps: [app('default', 'InService', { SpaceName: 'sp' }), app('old', 'Deleted', { UserProfileName: 'alice' })] }),
      DeleteApp: () => jsonReply({}),
      DescribeApp: [() => jsonReply({ Status: 'Deleting' }), () => jsonReply({ Status: 'Deleted' })],
    });
    const apps = await sagemakerApp.list(t.ctx);
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({ id: 'd-1/space:sp/JupyterLab/default', createdAt: '2025-01-01T00:00:00.000Z', props: { domainId: 'd-1', spaceName: 'sp', appType: 'JupyterLab', status: 'InService', instanceType: 'ml.t3.medium', ownerOption: '--space-name sp' } });
    await sagemakerApp.remove?.(t.ctx, apps[0]);
    expect(server.calls('DeleteApp')[0].json).toEqual({ DomainId: 'd-1', AppType: 'JupyterLab', AppName: 'default', SpaceName: 'sp' });
    expect(server.calls('DescribeApp')).toHaveLength(2);
  });

  it('maps spaces and domains, and deletes a domain with its home EFS', async () => {
    t = testCollectContext();
    const server = fakeAws(SAGEMAKER, {
      ListSpaces: () => jsonReply({ Spaces: [{ DomainId: 'd-1', SpaceName: 'sp', Status: 'InService', CreationTime: 1735689600, SpaceSettingsSummary: { AppType: 'JupyterLab' } }] }),
      ListDomains: () => jsonReply({ Domains: [{ DomainId: 'd-1', DomainArn: 'arn:aws:sagemaker:us-east-1:111111111111:domain/d-1', DomainName: 'lab', Status: 'InService', CreationTime: 1735689600 }] }),
      DeleteSpace: () => jsonReply({}),
      DescribeSpace: () => jsonError('ResourceNotFound', 'not found'),
      DeleteDomain: () => jsonReply({}),
      DescribeDomain: () => jsonError('ResourceNotFound', 'not found'),
    });
    const [space] = await sagemakerSpace.list(t.ctx);
    const [domain] = await sagemakerDomain.list(t.ctx);
    expect(space).toMatchObject({ id: 'd-1/sp', name: 'sp', props: { domainId: 'd-1', status: 'InService', appType: 'JupyterLab' } });
    expect(domain).toMatchObject({ id: 'd-1', name: 'lab', props: { status: 'InService' } });
    await sagemakerSpace.remove?.(t.ctx, space);
    await sagemakerDomain.remove?.(t.ctx, domain);
    expect(server.calls('DeleteSpace')[0].json).toEqual({ DomainId: 'd-1', SpaceName: 'sp' });
    expect(server.calls('DeleteDomain')[0].json).toEqual({ DomainId: 'd-1', RetentionPolicy: { HomeEfsFileSystem: 'Delete' } });
  });
});

describe('elasticbeanstalk:environment', () => {
  const env = (id: string, status: string) => `<member><EnvironmentId>${id}</EnvironmentId><EnvironmentName>lab-env</EnvironmentName><EnvironmentArn>arn:aws:elasticbeanstalk:us-east-1:111111111111:environment/app/lab-env</EnvironmentArn><ApplicationName>app</ApplicationName><Status>${status}</Status><Health>Green</Health><DateCreated>2025-01-01T00:00:00Z</DateCreated><Tier><Name>WebServer</Name><Type>Standard</Type></Tier><SolutionStackName>64bit Amazon Linux 2023</SolutionStackName></member>`;
  const reply = (...members: string[]) => queryReply('DescribeEnvironments', `<Environments>${members.join('')}</Environments>`, EB_NS);

  it('maps environments (terminated ones left out) and terminates one with its resources, waiting for Terminated', async () => {
    t = testCollectContext();
    const server = fakeAws(EB, {
      DescribeEnvironments: [() => reply(env('e-1', 'Ready'), env('e-0', 'Terminated')), () => reply(env('e-1', 'Terminating')), () => reply(env('e-1', 'Terminated'))],
      TerminateEnvironment: () => queryReply('TerminateEnvironment', '<EnvironmentId>e-1</EnvironmentId><Status>Terminating</Status>', EB_NS),
    });
    const envs = await elasticbeanstalkEnvironment.list(t.ctx);
    expect(envs).toHaveLength(1);
    expect(envs[0]).toMatchObject({ id: 'e-1', name: 'lab-env', createdAt: '2025-01-01T00:00:00.000Z', props: { status: 'Ready', health: 'Green', tier: 'WebServer', applicationName: 'app' } });
    await elasticbeanstalkEnvironment.remove?.(t.ctx, envs[0]);
    const terminate = server.calls('TerminateEnvironment')[0].form;
    expect([terminate.get('EnvironmentId'), terminate.get('TerminateResources')]).toEqual(['e-1', 'true']);
    expect(server.calls('DescribeEnvironments')).toHaveLength(3);
  });
});

describe('free leftovers', () => {
  it('maps placement groups (deleted ones left out) and deletes one by name', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribePlacementGroups: () => ec2Reply('DescribePlacementGroups', `<placementGroupSet><item><groupName>hpc</groupName><groupId>pg-1</groupId><strategy>cluster</strategy><state>available</state>${ec2Tags({ lab: '1' })}</item><item><groupName>gone</groupName><state>deleted</state></item></placementGroupSet>`),
      DeletePlacementGroup: () => ec2Reply('DeletePlacementGroup', '<return>true</return>'),
    });
    const groups = await ec2PlacementGroup.list(t.ctx);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ id: 'hpc', tags: { lab: '1' }, props: { strategy: 'cluster', state: 'available' } });
    await ec2PlacementGroup.remove?.(t.ctx, groups[0]);
    expect(server.calls('DeletePlacementGroup')[0].form.get('GroupName')).toBe('hpc');
  });

  it('maps network ACLs with their subnets, protects the default one, and deletes a custom one', async () => {
    t = testCollectContext();
    const acl = (id: string, isDefault: boolean) => `<item><networkAclId>${id}</networkAclId><vpcId>vpc-1</vpcId><default>${isDefault}</default><ownerId>111111111111</ownerId><associationSet><item><networkAclAssociationId>aclassoc-1</networkAclAssociationId><networkAclId>${id}</networkAclId><subnetId>subnet-${id}</subnetId></item></associationSet><entrySet/><tagSet/></item>`;
    const server = fakeAws(ORIGINS.ec2, {
      DescribeNetworkAcls: () => ec2Reply('DescribeNetworkAcls', `<networkAclSet>${acl('acl-default', true)}${acl('acl-lab', false)}</networkAclSet>`),
      DeleteNetworkAcl: () => ec2Reply('DeleteNetworkAcl', '<return>true</return>'),
    });
    const [def, lab] = await ec2NetworkAcl.list(t.ctx);
    expect(def.props).toEqual({ isDefault: true, vpcId: 'vpc-1', subnetIds: ['subnet-acl-default'] });
    expect(ec2NetworkAcl.protect?.(def)).toMatch(/default/);
    expect(ec2NetworkAcl.protect?.(lab)).toBeUndefined();
    await ec2NetworkAcl.remove?.(t.ctx, lab);
    expect(server.calls('DeleteNetworkAcl')[0].form.get('NetworkAclId')).toBe('acl-lab');
  });

  it('maps DHCP option sets with their domain name and deletes one', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeDhcpOptions: () => ec2Reply('DescribeDhcpOptions', `<dhcpOptionsSet><item><dhcpOptionsId>dopt-1</dhcpOptionsId><ownerId>111111111111</ownerId><dhcpConfigurationSet><item><key>domain-name</key><valueSet><item><value>lab.internal</value></item></valueSet></item></dhcpConfigurationSet>${ec2Tags({ Name: 'lab' })}</item></dhcpOptionsSet>`),
      DeleteDhcpOptions: () => ec2Reply('DeleteDhcpOptions', '<return>true</return>'),
    });
    const [d] = await ec2DhcpOptions.list(t.ctx);
    expect(d).toMatchObject({ id: 'dopt-1', name: 'lab', props: { domainName: 'lab.internal' } });
    await ec2DhcpOptions.remove?.(t.ctx, d);
    expect(server.calls('DeleteDhcpOptions')[0].form.get('DhcpOptionsId')).toBe('dopt-1');
  });

  it('guards the default DHCP options set of a region, and not a tagged or custom one', () => {
    const set = (domainName: string, tags: Record<string, string> = {}) => ({ type: 'ec2:dhcp-options', id: 'dopt-x', accountId: '111111111111', region: 'us-east-1', tags, props: { domainName } });
    const guardCtx = { defaultVpcs: new Map(), includeDefaultVpc: false };
    expect(ec2DhcpOptions.guard?.(set('ec2.internal'), guardCtx)).toMatch(/default DHCP/);
    expect(ec2DhcpOptions.guard?.(set('ap-northeast-2.compute.internal'), guardCtx)).toMatch(/default DHCP/);
    expect(ec2DhcpOptions.guard?.(set('ec2.internal', { Name: 'lab' }), guardCtx)).toBeUndefined();
    expect(ec2DhcpOptions.guard?.(set('lab.internal'), guardCtx)).toBeUndefined();
  });

  it('maps instance profiles with their role, guards AWS-managed ones, and takes the role out before deleting', async () => {
    t = testGlobalCollectContext();
    const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
    const profile = (name: string, path: string) => `<member><InstanceProfileName>${name}</InstanceProfileName><InstanceProfileId>AIP${name}</InstanceProfileId><Arn>arn:aws:iam::111111111111:instance-profile${path}${name}</Arn><Path>${path}</Path><CreateDate>2025-01-01T00:00:00Z</CreateDate><Roles><member><RoleName>${name}-role</RoleName><RoleId>AROA1</RoleId><Arn>arn:aws:iam::111111111111:role/${name}-role</Arn><Path>/</Path><CreateDate>2025-01-01T00:00:00Z</CreateDate></member></Roles></member>`;
    const server = fakeAws('https://iam.amazonaws.com', {
      ListInstanceProfiles: () => queryReply('ListInstanceProfiles', `<IsTruncated>false</IsTruncated><InstanceProfiles>${profile('lab', '/')}${profile('svc', '/aws-service-role/')}</InstanceProfiles>`, IAM_NS),
      RemoveRoleFromInstanceProfile: () => xmlReply(`<RemoveRoleFromInstanceProfileResponse xmlns="${IAM_NS}"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></RemoveRoleFromInstanceProfileResponse>`),
      DeleteInstanceProfile: () => xmlReply(`<DeleteInstanceProfileResponse xmlns="${IAM_NS}"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteInstanceProfileResponse>`),
    });
    const [lab, svc] = await iamInstanceProfile.list(t.ctx);
    expect(lab).toMatchObject({ id: 'lab', region: 'global', createdAt: '2025-01-01T00:00:00.000Z', props: { path: '/', roleNames: ['lab-role'] } });
    const guardCtx = { defaultVpcs: new Map(), includeDefaultVpc: false };
    expect(iamInstanceProfile.guard?.(svc, guardCtx)).toMatch(/AWS/);
    await iamInstanceProfile.remove?.(t.ctx, lab);
    expect(server.requests.slice(1).map((r) => `${r.op} ${r.form.get('RoleName') ?? ''}`.trim())).toEqual(['RemoveRoleFromInstanceProfile lab-role', 'DeleteInstanceProfile']);
  });
});
