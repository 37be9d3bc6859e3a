// remove(), dependsOn and protect() that nuke adds to the types the audit collectors list.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAboutTheResource } from '../../../src/aws/nuke/own-call.js';
import { pollSettings } from '../../../src/aws/nuke/wait.js';
import { ec2ElasticIp } from '../../../src/resources/ec2-elastic-ip.js';
import { ec2Instance } from '../../../src/resources/ec2-instance.js';
import { ec2NatGateway } from '../../../src/resources/ec2-nat-gateway.js';
import { ec2NetworkInterface } from '../../../src/resources/ec2-network-interface.js';
import { ec2VpcEndpoint } from '../../../src/resources/ec2-vpc-endpoint.js';
import { eksCluster } from '../../../src/resources/eks-cluster.js';
import { iamPolicy } from '../../../src/resources/iam-policy.js';
import { iamRole } from '../../../src/resources/iam-role.js';
import { iamUser } from '../../../src/resources/iam-user.js';
import { rdsDbCluster } from '../../../src/resources/rds-db-cluster.js';
import { rdsDbInstance } from '../../../src/resources/rds-db-instance.js';
import { route53HostedZone } from '../../../src/resources/route53-hosted-zone.js';
import type { Resource } from '../../../src/core/model.js';
import type { RemoveContext } from '../../../src/resources/resource-type.js';
import { testCollectContext, testGlobalCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { ec2Error, ec2Reply, fakeAws, jsonError, jsonReply, ORIGINS, queryError, queryReply, xmlReply, type FakeRequest } from '../resources/fake-aws.js';

let t: TestCollectContext;
const saved = { ...pollSettings };
beforeEach(() => Object.assign(pollSettings, { firstDelayMs: 1, maxDelayMs: 2 }));
afterEach(() => {
  t?.dispose();
  Object.assign(pollSettings, saved);
});
const removeCtx = (): RemoveContext => ({ ...t.ctx, signal: new AbortController().signal });
const res = (type: string, id: string, extra: Partial<Resource> = {}): Resource => ({ type, id, accountId: '111111111111', region: 'us-east-1', tags: {}, props: {}, ...extra });
const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const RDS_NS = 'http://rds.amazonaws.com/doc/2014-10-31/';
const ops = (server: { requests: FakeRequest[] }) => server.requests.map((r) => r.op);

describe('EC2 removes', () => {
  it('ec2:elastic-ip disassociates (an association already gone is fine) and releases, after NAT gateways', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DisassociateAddress: () => ec2Error('InvalidAssociationID.NotFound', 'The association does not exist'),
      ReleaseAddress: () => ec2Reply('ReleaseAddress', '<return>true</return>'),
    });
    await ec2ElasticIp.remove?.(removeCtx(), res('ec2:elastic-ip', 'eipalloc-1', { props: { associationId: 'eipassoc-1' } }));
    expect(ops(server)).toEqual(['DisassociateAddress', 'ReleaseAddress']);
    expect(ec2ElasticIp.dependsOn).toContain('ec2:nat-gateway');
  });

  it('ec2:instance terminates and waits until terminated', async () => {
    t = testCollectContext();
    const state = (s: string) => () => ec2Reply('DescribeInstances', `<reservationSet><item><instancesSet><item><instanceId>i-1</instanceId><instanceState><name>${s}</name></instanceState></item></instancesSet></item></reservationSet>`);
    const server = fakeAws(ORIGINS.ec2, {
      TerminateInstances: () => ec2Reply('TerminateInstances', '<instancesSet/>'),
      DescribeInstances: [state('shutting-down'), state('terminated')],
    });
    await ec2Instance.remove?.(removeCtx(), res('ec2:instance', 'i-1'));
    expect(ops(server)).toEqual(['TerminateInstances', 'DescribeInstances', 'DescribeInstances']);
    expect(ec2Instance.permissions.remove).toContain('ec2:DescribeInstances');
  });

  it('ec2:instance reports termination protection as a permanent failure', async () => {
    t = testCollectContext({ maxAttempts: 1 });
    fakeAws(ORIGINS.ec2, { TerminateInstances: () => ec2Error('OperationNotPermitted', 'The instance i-1 may not be terminated.') });
    await expect(ec2Instance.remove?.(removeCtx(), res('ec2:instance', 'i-1'))).rejects.toMatchObject({ name: 'OperationNotPermitted' });
  });

  it('ec2:nat-gateway deletes and waits for "deleted"', async () => {
    t = testCollectContext();
    const state = (s: string) => () => ec2Reply('DescribeNatGateways', `<natGatewaySet><item><natGatewayId>nat-1</natGatewayId><state>${s}</state></item></natGatewaySet>`);
    const server = fakeAws(ORIGINS.ec2, { DeleteNatGateway: () => ec2Reply('DeleteNatGateway', '<natGatewayId>nat-1</natGatewayId>'), DescribeNatGateways: [state('deleting'), state('deleted')] });
    await ec2NatGateway.remove?.(removeCtx(), res('ec2:nat-gateway', 'nat-1'));
    expect(ops(server)).toEqual(['DeleteNatGateway', 'DescribeNatGateways', 'DescribeNatGateways']);
  });

  it('ec2:network-interface deletes only detached interfaces', () => {
    expect(ec2NetworkInterface.protect?.(res('ec2:network-interface', 'eni-1', { props: { interfaceType: 'interface', attachmentInstanceId: 'i-1' } }))).toMatch(/attached to instance i-1/);
    expect(ec2NetworkInterface.protect?.(res('ec2:network-interface', 'eni-2', { props: { interfaceType: 'interface', status: 'available' } }))).toBeUndefined();
  });

  it('ec2:vpc-endpoint turns a per-endpoint failure into an error, and otherwise waits until it is gone', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, {
      DeleteVpcEndpoints: [
        () => ec2Reply('DeleteVpcEndpoints', '<unsuccessful><item><resourceId>vpce-1</resourceId><error><code>OperationNotPermitted</code><message>not allowed</message></error></item></unsuccessful>'),
        () => ec2Reply('DeleteVpcEndpoints', '<unsuccessful/>'),
      ],
      DescribeVpcEndpoints: [() => ec2Reply('DescribeVpcEndpoints', '<vpcEndpointSet><item><vpcEndpointId>vpce-1</vpcEndpointId><state>deleting</state></item></vpcEndpointSet>'), () => ec2Error('InvalidVpcEndpointId.NotFound')],
    });
    await expect(ec2VpcEndpoint.remove?.(removeCtx(), res('ec2:vpc-endpoint', 'vpce-1'))).rejects.toMatchObject({ name: 'OperationNotPermitted' });
    await ec2VpcEndpoint.remove?.(removeCtx(), res('ec2:vpc-endpoint', 'vpce-1'));
  });
});

describe('RDS and EKS removes wait for slow deletions', () => {
  it('rds:db-instance deletes without a final snapshot and waits until it is gone', async () => {
    t = testCollectContext();
    const server = fakeAws('https://rds.us-east-1.amazonaws.com', {
      DeleteDBInstance: () => queryReply('DeleteDBInstance', '<DBInstance><DBInstanceIdentifier>db1</DBInstanceIdentifier></DBInstance>', RDS_NS),
      DescribeDBInstances: [
        () => queryReply('DescribeDBInstances', '<DBInstances><DBInstance><DBInstanceIdentifier>db1</DBInstanceIdentifier><DBInstanceStatus>deleting</DBInstanceStatus></DBInstance></DBInstances>', RDS_NS),
        () => queryError('DBInstanceNotFound', 'DBInstance db1 not found.', 404, RDS_NS),
      ],
    });
    await rdsDbInstance.remove?.(removeCtx(), res('rds:db-instance', 'db1'));
    const del = server.calls('DeleteDBInstance')[0].form;
    expect([del.get('SkipFinalSnapshot'), del.get('DeleteAutomatedBackups')]).toEqual(['true', 'true']);
    expect(server.calls('DescribeDBInstances')).toHaveLength(2);
    expect(rdsDbInstance.protect?.(res('rds:db-instance', 'db1', { props: { status: 'deleting' } }))).toBe('already being deleted');
  });

  it('rds:db-cluster goes after its instances, without a final snapshot', async () => {
    t = testCollectContext();
    const server = fakeAws('https://rds.us-east-1.amazonaws.com', {
      DeleteDBCluster: () => queryReply('DeleteDBCluster', '<DBCluster/>', RDS_NS),
      DescribeDBClusters: () => queryError('DBClusterNotFoundFault', 'DBCluster c1 not found.', 404, RDS_NS),
    });
    await rdsDbCluster.remove?.(removeCtx(), res('rds:db-cluster', 'c1'));
    expect(server.calls('DeleteDBCluster')[0].form.get('SkipFinalSnapshot')).toBe('true');
    expect(rdsDbCluster.dependsOn).toEqual(['rds:db-instance']);
  });

  it('eks:cluster goes after its node groups and waits until it is gone', async () => {
    t = testCollectContext();
    const server = fakeAws(
      'https://eks.us-east-1.amazonaws.com',
      {
        DeleteCluster: () => jsonReply({ cluster: {} }, 'application/json'),
        DescribeCluster: [() => jsonReply({ cluster: { name: 'lab', status: 'DELETING' } }, 'application/json'), () => jsonError('ResourceNotFoundException', 'No cluster found for name: lab.', 404, 'application/json')],
      },
      { route: (r) => (r.method === 'DELETE' ? 'DeleteCluster' : 'DescribeCluster') },
    );
    await eksCluster.remove?.(removeCtx(), res('eks:cluster', 'lab'));
    expect(ops(server)).toEqual(['DeleteCluster', 'DescribeCluster', 'DescribeCluster']);
    expect(eksCluster.dependsOn).toEqual(['eks:nodegroup']);
  });
});

describe('route53:hosted-zone', () => {
  it('deletes every record but the apex SOA and NS, then the zone', async () => {
    t = testGlobalCollectContext();
    const record = (name: string, type: string) => `<ResourceRecordSet><Name>${name}</Name><Type>${type}</Type><TTL>300</TTL><ResourceRecords><ResourceRecord><Value>x</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>`;
    const server = fakeAws(
      ORIGINS.route53,
      {
        ListResourceRecordSets: () =>
          xmlReply(`<ListResourceRecordSetsResponse><ResourceRecordSets>${record('lab.example.', 'SOA')}${record('lab.example.', 'NS')}${record('www.lab.example.', 'A')}${record('lab.example.', 'TXT')}</ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>300</MaxItems></ListResourceRecordSetsResponse>`),
        ChangeResourceRecordSets: () => xmlReply('<ChangeResourceRecordSetsResponse><ChangeInfo><Id>c1</Id><Status>PENDING</Status><SubmittedAt>2026-11-20T00:00:00Z</SubmittedAt></ChangeInfo></ChangeResourceRecordSetsResponse>'),
        DeleteHostedZone: () => xmlReply('<DeleteHostedZoneResponse><ChangeInfo><Id>c2</Id><Status>PENDING</Status><SubmittedAt>2026-11-20T00:00:00Z</SubmittedAt></ChangeInfo></DeleteHostedZoneResponse>'),
      },
      { route: (r) => (r.method === 'GET' ? 'ListResourceRecordSets' : r.method === 'POST' ? 'ChangeResourceRecordSets' : 'DeleteHostedZone') },
    );
    await route53HostedZone.remove?.(removeCtx(), res('route53:hosted-zone', 'Z1', { name: 'lab.example.', region: 'global' }));
    expect(ops(server)).toEqual(['ListResourceRecordSets', 'ChangeResourceRecordSets', 'DeleteHostedZone']);
    const body = [...server.calls('ChangeResourceRecordSets')[0].form.entries()].map(([k, v]) => `${k}=${v}`).join('&');
    expect(body.match(/<Action>DELETE<\/Action>/g)).toHaveLength(2);
    expect(body).toContain('www.lab.example.');
    expect(body).not.toContain('<Type>SOA</Type>');
  });
});

describe('IAM removes', () => {
  const ok = (action: string, inner = '') => () => queryReply(action, inner, IAM_NS);

  it('iam:user removes keys, login profile, MFA, certificates, SSH keys, groups and policies before the user', async () => {
    t = testGlobalCollectContext();
    const server = fakeAws('https://iam.amazonaws.com', {
      ListAccessKeys: ok('ListAccessKeys', '<AccessKeyMetadata><member><AccessKeyId>AKIA1</AccessKeyId><UserName>bob</UserName></member></AccessKeyMetadata>'),
      DeleteAccessKey: ok('DeleteAccessKey'),
      DeleteLoginProfile: () => queryError('NoSuchEntity', 'Login Profile for User bob cannot be found.', 404, IAM_NS),
      ListMFADevices: ok('ListMFADevices', '<MFADevices><member><UserName>bob</UserName><SerialNumber>arn:aws:iam::111111111111:mfa/bob</SerialNumber><EnableDate>2026-01-01T00:00:00Z</EnableDate></member></MFADevices>'),
      DeactivateMFADevice: ok('DeactivateMFADevice'),
      DeleteVirtualMFADevice: ok('DeleteVirtualMFADevice'),
      ListSigningCertificates: ok('ListSigningCertificates', '<Certificates/>'),
      ListSSHPublicKeys: ok('ListSSHPublicKeys', '<SSHPublicKeys/>'),
      ListGroupsForUser: ok('ListGroupsForUser', '<Groups><member><GroupName>devs</GroupName><GroupId>g</GroupId><Arn>arn:g</Arn><Path>/</Path><CreateDate>2026-01-01T00:00:00Z</CreateDate></member></Groups><IsTruncated>false</IsTruncated>'),
      RemoveUserFromGroup: ok('RemoveUserFromGroup'),
      ListAttachedUserPolicies: ok('ListAttachedUserPolicies', '<AttachedPolicies><member><PolicyName>p</PolicyName><PolicyArn>arn:aws:iam::111111111111:policy/p</PolicyArn></member></AttachedPolicies><IsTruncated>false</IsTruncated>'),
      DetachUserPolicy: ok('DetachUserPolicy'),
      ListUserPolicies: ok('ListUserPolicies', '<PolicyNames><member>inline</member></PolicyNames><IsTruncated>false</IsTruncated>'),
      DeleteUserPolicy: ok('DeleteUserPolicy'),
      DeleteUser: ok('DeleteUser'),
    });
    await iamUser.remove?.(removeCtx(), res('iam:user', 'bob', { region: 'global' }));
    expect(ops(server)).toEqual([
      'ListAccessKeys',
      'DeleteAccessKey',
      'DeleteLoginProfile',
      'ListMFADevices',
      'DeactivateMFADevice',
      'DeleteVirtualMFADevice',
      'ListSigningCertificates',
      'ListSSHPublicKeys',
      'ListGroupsForUser',
      'RemoveUserFromGroup',
      'ListAttachedUserPolicies',
      'DetachUserPolicy',
      'ListUserPolicies',
      'DeleteUserPolicy',
      'DeleteUser',
    ]);
    for (const op of ops(server)) expect(iamUser.permissions.remove).toContain(`iam:${op}`);
  });

  it('iam:role leaves its instance profiles (deleting a profile left empty) and policies before the role', async () => {
    t = testGlobalCollectContext();
    const server = fakeAws('https://iam.amazonaws.com', {
      ListInstanceProfilesForRole: ok(
        'ListInstanceProfilesForRole',
        '<InstanceProfiles><member><InstanceProfileName>app</InstanceProfileName><InstanceProfileId>x</InstanceProfileId><Arn>arn:ip</Arn><Path>/</Path><CreateDate>2026-01-01T00:00:00Z</CreateDate><Roles><member><RoleName>app</RoleName><RoleId>r</RoleId><Arn>arn:r</Arn><Path>/</Path><CreateDate>2026-01-01T00:00:00Z</CreateDate></member></Roles></member></InstanceProfiles><IsTruncated>false</IsTruncated>',
      ),
      RemoveRoleFromInstanceProfile: ok('RemoveRoleFromInstanceProfile'),
      DeleteInstanceProfile: ok('DeleteInstanceProfile'),
      ListAttachedRolePolicies: ok('ListAttachedRolePolicies', '<AttachedPolicies><member><PolicyName>p</PolicyName><PolicyArn>arn:p</PolicyArn></member></AttachedPolicies><IsTruncated>false</IsTruncated>'),
      DetachRolePolicy: ok('DetachRolePolicy'),
      ListRolePolicies: ok('ListRolePolicies', '<PolicyNames/><IsTruncated>false</IsTruncated>'),
      DeleteRole: ok('DeleteRole'),
    });
    await iamRole.remove?.(removeCtx(), res('iam:role', 'app', { region: 'global' }));
    expect(ops(server)).toEqual(['ListInstanceProfilesForRole', 'RemoveRoleFromInstanceProfile', 'DeleteInstanceProfile', 'ListAttachedRolePolicies', 'DetachRolePolicy', 'ListRolePolicies', 'DeleteRole']);
    expect(iamRole.dependsOn).toContain('lambda:function');
  });

  it('iam:role goes on past a profile and a policy already gone (NoSuchEntity), and only its own calls say the role is gone', async () => {
    t = testGlobalCollectContext();
    const noSuch = (what: string) => () => queryError('NoSuchEntity', `The ${what} cannot be found.`, 404, IAM_NS);
    const server = fakeAws('https://iam.amazonaws.com', {
      ListInstanceProfilesForRole: ok(
        'ListInstanceProfilesForRole',
        '<InstanceProfiles><member><InstanceProfileName>app</InstanceProfileName><InstanceProfileId>x</InstanceProfileId><Arn>arn:ip</Arn><Path>/</Path><CreateDate>2026-01-01T00:00:00Z</CreateDate><Roles/></member></InstanceProfiles><IsTruncated>false</IsTruncated>',
      ),
      RemoveRoleFromInstanceProfile: noSuch('instance profile app'),
      DeleteInstanceProfile: noSuch('instance profile app'),
      ListAttachedRolePolicies: ok('ListAttachedRolePolicies', '<AttachedPolicies><member><PolicyName>p</PolicyName><PolicyArn>arn:p</PolicyArn></member></AttachedPolicies><IsTruncated>false</IsTruncated>'),
      DetachRolePolicy: noSuch('policy arn:p'),
      ListRolePolicies: ok('ListRolePolicies', '<PolicyNames/><IsTruncated>false</IsTruncated>'),
      DeleteRole: [ok('DeleteRole'), noSuch('role app')],
    });
    await iamRole.remove?.(removeCtx(), res('iam:role', 'app', { region: 'global' }));
    expect(ops(server)).toEqual(['ListInstanceProfilesForRole', 'RemoveRoleFromInstanceProfile', 'DeleteInstanceProfile', 'ListAttachedRolePolicies', 'DetachRolePolicy', 'ListRolePolicies', 'DeleteRole']);
    // Run again: now the role's own delete says NoSuchEntity, and that one is about the role.
    const error = await Promise.resolve(iamRole.remove?.(removeCtx(), res('iam:role', 'app', { region: 'global' }))).then(() => undefined, (e: unknown) => e);
    expect((error as Error).name).toMatch(/^NoSuchEntity/);
    expect(isAboutTheResource(error)).toBe(true);
  });

  it('iam:policy detaches everywhere, deletes old versions, then the policy, after principals', async () => {
    t = testGlobalCollectContext();
    const server = fakeAws('https://iam.amazonaws.com', {
      ListEntitiesForPolicy: ok(
        'ListEntitiesForPolicy',
        '<PolicyGroups><member><GroupName>devs</GroupName></member></PolicyGroups><PolicyUsers><member><UserName>bob</UserName></member></PolicyUsers><PolicyRoles><member><RoleName>app</RoleName></member></PolicyRoles><IsTruncated>false</IsTruncated>',
      ),
      DetachGroupPolicy: ok('DetachGroupPolicy'),
      DetachUserPolicy: ok('DetachUserPolicy'),
      DetachRolePolicy: ok('DetachRolePolicy'),
      ListPolicyVersions: ok('ListPolicyVersions', '<Versions><member><VersionId>v2</VersionId><IsDefaultVersion>true</IsDefaultVersion></member><member><VersionId>v1</VersionId><IsDefaultVersion>false</IsDefaultVersion></member></Versions><IsTruncated>false</IsTruncated>'),
      DeletePolicyVersion: ok('DeletePolicyVersion'),
      DeletePolicy: ok('DeletePolicy'),
    });
    await iamPolicy.remove?.(removeCtx(), res('iam:policy', 'p', { region: 'global', arn: 'arn:aws:iam::111111111111:policy/p' }));
    expect(ops(server)).toEqual(['ListEntitiesForPolicy', 'DetachGroupPolicy', 'DetachUserPolicy', 'DetachRolePolicy', 'ListPolicyVersions', 'DeletePolicyVersion', 'DeletePolicy']);
    expect(server.calls('DeletePolicyVersion')[0].form.get('VersionId')).toBe('v1');
    expect(server.calls('ListEntitiesForPolicy')[0].form.get('PolicyUsageFilter')).toBe('PermissionsPolicy');
    expect(iamPolicy.dependsOn).toEqual(['iam:role', 'iam:user']);
  });
});
