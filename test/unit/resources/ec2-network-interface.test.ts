import { afterEach, describe, expect, it } from 'vitest';
import { ec2NetworkInterface } from '../../../src/resources/ec2-network-interface.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { ec2Error, ec2Reply, ec2Tags, fakeAws, ORIGINS } from './fake-aws.js';

const eni = (id: string, inner = '') =>
  `<item><networkInterfaceId>${id}</networkInterfaceId><ownerId>111111111111</ownerId><status>available</status><interfaceType>interface</interfaceType>${inner}</item>`;
const page = (items: string[], next?: string) =>
  ec2Reply('DescribeNetworkInterfaces', `<networkInterfaceSet>${items.join('')}</networkInterfaceSet>${next ? `<nextToken>${next}</nextToken>` : ''}`);

describe('ec2:network-interface', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('maps an attached interface with an auto-assigned public IPv4 and a secondary Elastic IP', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, {
      DescribeNetworkInterfaces: () =>
        page([
          `<item>
            <networkInterfaceId>eni-0a1</networkInterfaceId><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId>
            <description>Primary network interface</description><ownerId>111111111111</ownerId>
            <requesterManaged>false</requesterManaged><status>in-use</status><interfaceType>interface</interfaceType>
            <groupSet><item><groupId>sg-web</groupId><groupName>web</groupName></item><item><groupId>sg-ssh</groupId><groupName>ssh</groupName></item></groupSet>
            <attachment><attachmentId>eni-attach-1</attachmentId><instanceId>i-0abc</instanceId><status>attached</status></attachment>
            <association><publicIp>3.3.3.3</publicIp><publicDnsName>ec2-3-3-3-3.compute-1.amazonaws.com</publicDnsName><ipOwnerId>amazon</ipOwnerId></association>
            <privateIpAddressesSet>
              <item><privateIpAddress>10.0.0.5</privateIpAddress><primary>true</primary><association><publicIp>3.3.3.3</publicIp><ipOwnerId>amazon</ipOwnerId></association></item>
              <item><privateIpAddress>10.0.0.6</privateIpAddress><primary>false</primary><association><publicIp>4.4.4.4</publicIp><ipOwnerId>111111111111</ipOwnerId><allocationId>eipalloc-2</allocationId></association></item>
            </privateIpAddressesSet>
            ${ec2Tags({ Name: 'web-eni', team: 'lab' })}
          </item>`,
        ]),
    });
    const [r] = await ec2NetworkInterface.list(t.ctx);
    expect(r).toEqual({
      type: 'ec2:network-interface',
      id: 'eni-0a1',
      arn: 'arn:aws:ec2:us-east-1:111111111111:network-interface/eni-0a1',
      name: 'web-eni',
      accountId: '111111111111',
      region: 'us-east-1',
      tags: { Name: 'web-eni', team: 'lab' },
      props: {
        status: 'in-use',
        interfaceType: 'interface',
        description: 'Primary network interface',
        attachmentInstanceId: 'i-0abc',
        publicIp: '3.3.3.3',
        publicIpOwner: 'amazon',
        isElasticIp: false,
        publicIpCount: 2,
        vpcId: 'vpc-1',
        subnetId: 'subnet-1',
        requesterManaged: false,
        securityGroupIds: ['sg-web', 'sg-ssh'],
      },
    });
  });

  it('marks an Elastic IP association and a requester-managed interface', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, {
      DescribeNetworkInterfaces: () =>
        page([
          eni('eni-eip', '<association><publicIp>5.5.5.5</publicIp><ipOwnerId>111111111111</ipOwnerId><allocationId>eipalloc-1</allocationId><associationId>eipassoc-1</associationId></association>'),
          `<item><networkInterfaceId>eni-nat</networkInterfaceId><status>in-use</status><interfaceType>nat_gateway</interfaceType><requesterManaged>true</requesterManaged><description>Interface for NAT Gateway nat-1</description></item>`,
        ]),
    });
    const [eip, nat] = await ec2NetworkInterface.list(t.ctx);
    expect(eip.props).toMatchObject({ publicIp: '5.5.5.5', publicIpOwner: '111111111111', isElasticIp: true, publicIpCount: 1, attachmentInstanceId: undefined });
    expect(nat.props).toMatchObject({ interfaceType: 'nat_gateway', requesterManaged: true, publicIp: undefined, isElasticIp: false, publicIpCount: 0 });
    expect(ec2NetworkInterface.protect?.(nat)).toMatch(/AWS/);
    expect(ec2NetworkInterface.protect?.(eip)).toBeUndefined();
  });

  pagedCollectorCases({
    type: ec2NetworkInterface,
    origin: ORIGINS.ec2,
    service: 'ec2',
    op: 'DescribeNetworkInterfaces',
    pageSize: { name: 'MaxResults', max: 1000 },
    tokenParam: 'NextToken',
    page: (ids, next) => page(ids.map((id) => eni(id)), next),
    throttle: ec2Error('RequestLimitExceeded', 'Request limit exceeded.'),
    denied: ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
    deniedCode: 'UnauthorizedOperation',
  });
});
