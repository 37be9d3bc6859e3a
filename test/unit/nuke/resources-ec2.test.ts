// The EC2 types nuke adds: how each lists, what it protects, and how it deletes (at the HTTP layer).
import { afterEach, describe, expect, it } from 'vitest';
import { ec2EgressOnlyInternetGateway } from '../../../src/resources/ec2-egress-only-internet-gateway.js';
import { ec2Image } from '../../../src/resources/ec2-image.js';
import { ec2InternetGateway } from '../../../src/resources/ec2-internet-gateway.js';
import { ec2KeyPair } from '../../../src/resources/ec2-key-pair.js';
import { ec2LaunchTemplate } from '../../../src/resources/ec2-launch-template.js';
import { ec2RouteTable } from '../../../src/resources/ec2-route-table.js';
import { ec2SecurityGroup } from '../../../src/resources/ec2-security-group.js';
import { ec2Subnet } from '../../../src/resources/ec2-subnet.js';
import { ec2Vpc } from '../../../src/resources/ec2-vpc.js';
import type { RemoveContext } from '../../../src/resources/resource-type.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { ec2Error, ec2Reply, ec2Tags, fakeAws, ORIGINS } from '../resources/fake-aws.js';

let t: TestCollectContext;
afterEach(() => t?.dispose());
const removeCtx = (): RemoveContext => ({ ...t.ctx, signal: new AbortController().signal });
const ok = (action: string) => () => ec2Reply(action, '<return>true</return>');

describe('ec2:vpc', () => {
  it('lists VPCs with the default flag, and deletes by id', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeVpcs: () =>
        ec2Reply(
          'DescribeVpcs',
          `<vpcSet><item><vpcId>vpc-1</vpcId><ownerId>111111111111</ownerId><cidrBlock>10.0.0.0/16</cidrBlock><isDefault>false</isDefault><state>available</state>${ec2Tags({ Name: 'lab' })}</item>
           <item><vpcId>vpc-d</vpcId><isDefault>true</isDefault><state>available</state></item></vpcSet>`,
        ),
      DeleteVpc: ok('DeleteVpc'),
    });
    const [lab, def] = await ec2Vpc.list(t.ctx);
    expect(lab).toMatchObject({ id: 'vpc-1', name: 'lab', arn: 'arn:aws:ec2:us-east-1:111111111111:vpc/vpc-1', props: { isDefault: false, cidrBlock: '10.0.0.0/16' } });
    expect(def.props.isDefault).toBe(true);
    expect(server.calls('DescribeVpcs')[0].form.get('MaxResults')).toBe('1000');
    await ec2Vpc.remove?.(removeCtx(), lab);
    expect(server.calls('DeleteVpc')[0].form.get('VpcId')).toBe('vpc-1');
  });
});

describe('ec2:subnet', () => {
  it('lists subnets with their VPC and default flag', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, {
      DescribeSubnets: () =>
        ec2Reply('DescribeSubnets', `<subnetSet><item><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId><defaultForAz>true</defaultForAz><availabilityZone>us-east-1a</availabilityZone><cidrBlock>10.0.1.0/24</cidrBlock><mapPublicIpOnLaunch>true</mapPublicIpOnLaunch></item></subnetSet>`),
      DeleteSubnet: () => ec2Error('DependencyViolation', "The subnet 'subnet-1' has dependencies and cannot be deleted."),
    });
    const [s] = await ec2Subnet.list(t.ctx);
    expect(s).toMatchObject({ id: 'subnet-1', props: { vpcId: 'vpc-1', defaultForAz: true, availabilityZone: 'us-east-1a', mapPublicIpOnLaunch: true } });
    await expect(ec2Subnet.remove?.(removeCtx(), s)).rejects.toMatchObject({ name: 'DependencyViolation' });
  });
});

describe('ec2:security-group', () => {
  const group = (id: string, name: string, ingress = '', egress = '') =>
    `<item><groupId>${id}</groupId><groupName>${name}</groupName><groupDescription>d</groupDescription><vpcId>vpc-1</vpcId><ownerId>111111111111</ownerId><ipPermissions>${ingress}</ipPermissions><ipPermissionsEgress>${egress}</ipPermissionsEgress></item>`;
  const fromGroup = (other: string) => `<item><ipProtocol>tcp</ipProtocol><fromPort>5432</fromPort><toPort>5432</toPort><groups><item><groupId>${other}</groupId><userId>111111111111</userId></item></groups></item>`;
  const fromCidr = '<item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><ipRanges><item><cidrIp>10.0.0.0/8</cidrIp></item></ipRanges></item>';

  it('lists the groups a group refers to and protects default groups', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, { DescribeSecurityGroups: () => ec2Reply('DescribeSecurityGroups', `<securityGroupInfo>${group('sg-1', 'db', fromGroup('sg-2') + fromCidr)}${group('sg-d', 'default')}</securityGroupInfo>`) });
    const [db, def] = await ec2SecurityGroup.list(t.ctx);
    expect(db.props).toMatchObject({ groupName: 'db', referencedGroupIds: ['sg-2'], ingressRuleCount: 2, vpcId: 'vpc-1' });
    expect(ec2SecurityGroup.protect?.(db)).toBeUndefined();
    expect(ec2SecurityGroup.protect?.(def)).toBe('the default security group goes with its VPC');
  });

  const sg1 = { type: 'ec2:security-group', id: 'sg-1', accountId: '111111111111', region: 'us-east-1', tags: {}, props: {} };
  const planned = (...keys: string[]) => (type: string, id: string) => keys.includes(`${type}|${id}`);
  const interfaces = (items: string) => () => ec2Reply('DescribeNetworkInterfaces', `<networkInterfaceSet>${items}</networkInterfaceSet>`);
  /** The group alone when asked by id; the whole VPC (with `others`) when asked by filter. */
  const describe = (self: string, others = '') => (req: { form: URLSearchParams }) =>
    ec2Reply('DescribeSecurityGroups', `<securityGroupInfo>${self}${req.form.get('GroupId.1') ? '' : others}</securityGroupInfo>`);

  it('revokes only its own rules that refer to other groups, then deletes, when nothing outside the run refers to it', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeSecurityGroups: describe(group('sg-1', 'db', fromGroup('sg-2') + fromCidr, fromGroup('sg-3')), group('sg-2', 'app', fromGroup('sg-1'))),
      DescribeNetworkInterfaces: interfaces(''),
      RevokeSecurityGroupIngress: ok('RevokeSecurityGroupIngress'),
      RevokeSecurityGroupEgress: ok('RevokeSecurityGroupEgress'),
      DeleteSecurityGroup: ok('DeleteSecurityGroup'),
    });
    await ec2SecurityGroup.remove?.({ ...removeCtx(), isPlanned: planned('ec2:security-group|sg-2') }, sg1);
    const ingress = server.calls('RevokeSecurityGroupIngress')[0].form;
    expect(ingress.get('GroupId')).toBe('sg-1');
    expect(ingress.get('IpPermissions.1.Groups.1.GroupId')).toBe('sg-2');
    expect(ingress.get('IpPermissions.2.IpProtocol')).toBeNull();
    expect([...ingress.keys()].some((k) => k.includes('IpRanges'))).toBe(false);
    expect(server.calls('RevokeSecurityGroupEgress')[0].form.get('IpPermissions.1.Groups.1.GroupId')).toBe('sg-3');
    expect(server.calls('RevokeSecurityGroupIngress').map((r) => r.form.get('GroupId'))).toEqual(['sg-1']);
    expect(server.requests.map((r) => r.op)).toEqual(['DescribeSecurityGroups', 'DescribeSecurityGroups', 'DescribeNetworkInterfaces', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'DeleteSecurityGroup']);
  });

  it('deletes when the group a rule names was deleted meanwhile by this run (the revoke says NotFound)', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeSecurityGroups: describe(group('sg-1', 'web', fromGroup('sg-2'))),
      DescribeNetworkInterfaces: interfaces(''),
      RevokeSecurityGroupIngress: () => ec2Error('InvalidGroup.NotFound', "The security group 'sg-2' does not exist"),
      DeleteSecurityGroup: ok('DeleteSecurityGroup'),
    });
    await ec2SecurityGroup.remove?.({ ...removeCtx(), isPlanned: planned() }, sg1);
    expect(server.calls('DeleteSecurityGroup')).toHaveLength(1);
  });

  it('a group that is already gone goes straight to the delete (which says so)', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeSecurityGroups: () => ec2Error('InvalidGroup.NotFound', "The security group 'sg-1' does not exist"),
      DeleteSecurityGroup: () => ec2Error('InvalidGroup.NotFound', "The security group 'sg-1' does not exist"),
    });
    await expect(ec2SecurityGroup.remove?.({ ...removeCtx(), isPlanned: planned() }, sg1)).rejects.toMatchObject({ name: 'InvalidGroup.NotFound' });
    expect(server.requests.map((r) => r.op)).toEqual(['DescribeSecurityGroups', 'DeleteSecurityGroup']);
  });

  it('changes nothing when a group this run does not delete still refers to it', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeSecurityGroups: describe(group('sg-1', 'db', fromGroup('sg-2')), group('sg-2', 'kept', fromGroup('sg-1'))),
      DescribeNetworkInterfaces: interfaces(''),
    });
    await expect(ec2SecurityGroup.remove?.({ ...removeCtx(), isPlanned: planned() }, sg1)).rejects.toMatchObject({ name: 'InUseByKeptResource', message: expect.stringContaining('sg-2') });
    expect(server.requests.map((r) => r.op)).toEqual(['DescribeSecurityGroups', 'DescribeSecurityGroups']);
  });

  it('changes nothing when an interface of an instance this run does not delete uses it', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeSecurityGroups: describe(group('sg-1', 'db', fromGroup('sg-2'))),
      DescribeNetworkInterfaces: interfaces('<item><networkInterfaceId>eni-k</networkInterfaceId><attachment><instanceId>i-kept</instanceId></attachment><requesterManaged>false</requesterManaged></item>'),
    });
    await expect(ec2SecurityGroup.remove?.({ ...removeCtx(), isPlanned: planned('ec2:instance|i-gone') }, sg1)).rejects.toMatchObject({ name: 'InUseByKeptResource', message: expect.stringContaining('eni-k') });
    expect(server.calls('DescribeNetworkInterfaces')[0].form.get('Filter.1.Value.1')).toBe('sg-1');
    expect(server.requests.map((r) => r.op)).not.toContain('RevokeSecurityGroupIngress');
    expect(server.requests.map((r) => r.op)).not.toContain('DeleteSecurityGroup');
  });
});

describe('ec2:route-table', () => {
  it('lists associations and route targets, protects the main table, and disassociates before deleting', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeRouteTables: () =>
        ec2Reply(
          'DescribeRouteTables',
          `<routeTableSet>
             <item><routeTableId>rtb-1</routeTableId><vpcId>vpc-1</vpcId><routeSet><item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock><gatewayId>igw-1</gatewayId></item><item><destinationCidrBlock>10.0.0.0/16</destinationCidrBlock><gatewayId>local</gatewayId></item></routeSet>
               <associationSet><item><routeTableAssociationId>rtbassoc-1</routeTableAssociationId><routeTableId>rtb-1</routeTableId><subnetId>subnet-1</subnetId><main>false</main></item></associationSet></item>
             <item><routeTableId>rtb-main</routeTableId><vpcId>vpc-1</vpcId><associationSet><item><routeTableAssociationId>rtbassoc-m</routeTableAssociationId><main>true</main></item></associationSet></item>
           </routeTableSet>`,
        ),
      DisassociateRouteTable: ok('DisassociateRouteTable'),
      DeleteRouteTable: ok('DeleteRouteTable'),
    });
    const [custom, main] = await ec2RouteTable.list(t.ctx);
    expect(custom.props).toEqual({ vpcId: 'vpc-1', main: false, subnetIds: ['subnet-1'], associationIds: ['rtbassoc-1'], gatewayIds: ['igw-1'] });
    expect(ec2RouteTable.protect?.(main)).toBe('the main route table goes with its VPC');
    await ec2RouteTable.remove?.(removeCtx(), custom);
    expect(server.calls('DisassociateRouteTable')[0].form.get('AssociationId')).toBe('rtbassoc-1');
    expect(server.calls('DeleteRouteTable')[0].form.get('RouteTableId')).toBe('rtb-1');
  });
});

describe('ec2:internet-gateway and ec2:egress-only-internet-gateway', () => {
  it('detaches an internet gateway from its VPC before deleting it', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeInternetGateways: () => ec2Reply('DescribeInternetGateways', '<internetGatewaySet><item><internetGatewayId>igw-1</internetGatewayId><attachmentSet><item><vpcId>vpc-1</vpcId><state>available</state></item></attachmentSet></item></internetGatewaySet>'),
      DetachInternetGateway: ok('DetachInternetGateway'),
      DeleteInternetGateway: ok('DeleteInternetGateway'),
    });
    const [igw] = await ec2InternetGateway.list(t.ctx);
    expect(igw.props).toEqual({ vpcIds: ['vpc-1'], attached: true });
    await ec2InternetGateway.remove?.(removeCtx(), igw);
    expect(server.calls('DetachInternetGateway')[0].form.get('VpcId')).toBe('vpc-1');
    expect(server.requests.map((r) => r.op).slice(1)).toEqual(['DetachInternetGateway', 'DeleteInternetGateway']);
  });

  it('lists and deletes egress-only gateways', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeEgressOnlyInternetGateways: () =>
        ec2Reply('DescribeEgressOnlyInternetGateways', '<egressOnlyInternetGatewaySet><item><egressOnlyInternetGatewayId>eigw-1</egressOnlyInternetGatewayId><attachmentSet><item><vpcId>vpc-1</vpcId><state>attached</state></item></attachmentSet></item></egressOnlyInternetGatewaySet>'),
      DeleteEgressOnlyInternetGateway: () => ec2Reply('DeleteEgressOnlyInternetGateway', '<returnCode>true</returnCode>'),
    });
    const [g] = await ec2EgressOnlyInternetGateway.list(t.ctx);
    expect(g).toMatchObject({ id: 'eigw-1', props: { vpcIds: ['vpc-1'] } });
    await ec2EgressOnlyInternetGateway.remove?.(removeCtx(), g);
    expect(server.calls('DeleteEgressOnlyInternetGateway')[0].form.get('EgressOnlyInternetGatewayId')).toBe('eigw-1');
  });
});

describe('ec2:key-pair, ec2:launch-template, ec2:image', () => {
  it('lists key pairs with their creation time and deletes by name (by id only when unnamed)', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeKeyPairs: () => ec2Reply('DescribeKeyPairs', '<keySet><item><keyPairId>key-1</keyPairId><keyName>lab</keyName><keyType>rsa</keyType><createTime>2026-11-20T10:00:00.000Z</createTime></item></keySet>'),
      DeleteKeyPair: ok('DeleteKeyPair'),
    });
    const [k] = await ec2KeyPair.list(t.ctx);
    expect(k).toMatchObject({ id: 'key-1', name: 'lab', createdAt: '2026-11-20T10:00:00.000Z', props: { keyName: 'lab', keyType: 'rsa' } });
    await ec2KeyPair.remove?.(removeCtx(), k);
    expect(server.calls('DeleteKeyPair')[0].form.get('KeyName')).toBe('lab');
    expect(server.calls('DeleteKeyPair')[0].form.get('KeyPairId')).toBeNull();
    await ec2KeyPair.remove?.(removeCtx(), { ...k, name: undefined, props: {} });
    expect(server.calls('DeleteKeyPair')[1].form.get('KeyPairId')).toBe('key-1');
  });

  it('lists launch templates and deletes by id', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeLaunchTemplates: () =>
        ec2Reply('DescribeLaunchTemplates', '<launchTemplates><item><launchTemplateId>lt-1</launchTemplateId><launchTemplateName>web</launchTemplateName><createTime>2026-11-20T10:00:00.000Z</createTime><defaultVersionNumber>1</defaultVersionNumber><latestVersionNumber>3</latestVersionNumber></item></launchTemplates>'),
      DeleteLaunchTemplate: () => ec2Reply('DeleteLaunchTemplate', '<launchTemplate><launchTemplateId>lt-1</launchTemplateId></launchTemplate>'),
    });
    const [lt] = await ec2LaunchTemplate.list(t.ctx);
    expect(lt).toMatchObject({ id: 'lt-1', name: 'web', props: { defaultVersion: 1, latestVersion: 3 } });
    expect(server.calls('DescribeLaunchTemplates')[0].form.get('MaxResults')).toBe('200');
    await ec2LaunchTemplate.remove?.(removeCtx(), lt);
    expect(server.calls('DeleteLaunchTemplate')).toHaveLength(1);
  });

  it('lists only owned images with their snapshots, and deregisters', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeImages: () =>
        ec2Reply(
          'DescribeImages',
          '<imagesSet><item><imageId>ami-1</imageId><name>golden</name><imageState>available</imageState><creationDate>2026-11-19T10:00:00.000Z</creationDate><isPublic>false</isPublic><blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><snapshotId>snap-1</snapshotId></ebs></item></blockDeviceMapping></item></imagesSet>',
        ),
      DeregisterImage: ok('DeregisterImage'),
    });
    const [ami] = await ec2Image.list(t.ctx);
    expect(ami).toMatchObject({ id: 'ami-1', name: 'golden', createdAt: '2026-11-19T10:00:00.000Z', props: { state: 'available', snapshotIds: ['snap-1'], public: false } });
    const req = server.calls('DescribeImages')[0].form;
    expect(req.get('Owner.1')).toBe('self');
    expect(req.get('Filter.1.Name')).toBe('owner-id');
    await ec2Image.remove?.(removeCtx(), ami);
    expect(server.calls('DeregisterImage')[0].form.get('ImageId')).toBe('ami-1');
  });
});
