import { describe, expect, it } from 'vitest';
import { DependencyCycleError, dependencyClosure, typesToCollect } from '../../../src/core/nuke/dependencies.js';
import { planNuke } from '../../../src/core/nuke/plan.js';
import { ownerTagRules, parseCallerArn } from '../../../src/core/nuke/protect.js';
import { nukeTypeInfo } from '../../../src/app/nuke/run.js';
import { applyOverrides } from '../../../src/core/nuke/overrides.js';
import { renderPlanTable, planToJson } from '../../../src/core/nuke/render.js';
import { ACCOUNT, LAB_TYPES, NOW, allowed, config, inventory, planInput, res, typeInfo } from './helpers.js';

const REMOVABLE = LAB_TYPES.map((t) => t.type);
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000).toISOString();

function skippedReason(plan: ReturnType<typeof planNuke>, id: string): string | undefined {
  return plan.skipped.find((s) => s.id === id)?.reason;
}

describe('nuke planner', () => {
  it('orders deletions by declared dependencies: instances before volumes and subnets, subnets before the VPC', () => {
    const plan = planNuke(
      planInput([
        res('ec2:vpc', 'vpc-1'),
        res('ec2:subnet', 'subnet-1', { props: { vpcId: 'vpc-1' } }),
        res('ec2:volume', 'vol-1', { props: { attachedInstanceIds: ['i-1'] } }),
        res('ec2:instance', 'i-1', { props: { subnetId: 'subnet-1', vpcId: 'vpc-1', volumeIds: ['vol-1'] } }),
        res('ec2:security-group', 'sg-1', { props: { vpcId: 'vpc-1' } }),
      ]),
    );
    const order = plan.deletions.map((d) => d.id);
    expect(order.indexOf('i-1')).toBeLessThan(order.indexOf('vol-1'));
    expect(order.indexOf('i-1')).toBeLessThan(order.indexOf('subnet-1'));
    expect(order.indexOf('subnet-1')).toBeLessThan(order.indexOf('vpc-1'));
    expect(order.indexOf('sg-1')).toBeLessThan(order.indexOf('vpc-1'));
    const vpc = plan.deletions.find((d) => d.id === 'vpc-1');
    expect(vpc?.step).toBe(3);
    expect(vpc?.after).toEqual([`${ACCOUNT}|us-east-1|ec2:instance`, `${ACCOUNT}|us-east-1|ec2:security-group`, `${ACCOUNT}|us-east-1|ec2:subnet`]);
  });

  it('makes a global type wait for its dependencies in every region (roles after the functions that use them)', () => {
    const plan = planNuke(planInput([res('iam:role', 'app', { region: 'global' }), res('lambda:function', 'fn', { region: 'eu-west-1' })]));
    expect(plan.deletions.map((d) => d.id)).toEqual(['fn', 'app']);
    expect(plan.deletions[1].after).toEqual([`${ACCOUNT}|eu-west-1|lambda:function`]);
  });

  it('never deletes the role the run came through, SSO roles, service-linked roles or OrganizationAccountAccessRole', () => {
    const roles = ['lab-admin', 'AWSReservedSSO_Admin_abc', 'AWSServiceRoleForECS', 'OrganizationAccountAccessRole', 'app'].map((name) =>
      res('iam:role', name, { name, region: 'global', arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, props: { path: name === 'AWSServiceRoleForECS' ? '/aws-service-role/ecs.amazonaws.com/' : '/' } }),
    );
    const plan = planNuke(planInput(roles, { accounts: [allowed(ACCOUNT, { callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/lab-admin/me` })] }));
    expect(plan.deletions.map((d) => d.id)).toEqual(['app']);
    expect(skippedReason(plan, 'lab-admin')).toMatch(/the role this run came through/);
    expect(skippedReason(plan, 'AWSReservedSSO_Admin_abc')).toMatch(/SSO/);
    expect(skippedReason(plan, 'AWSServiceRoleForECS')).toMatch(/service-linked/);
    expect(skippedReason(plan, 'OrganizationAccountAccessRole')).toMatch(/OrganizationAccountAccessRole/);
    expect(plan.skipped.every((s) => s.category === 'protected')).toBe(true);
  });

  it('keeps the caller role\'s customer-managed policy (deleting it would cut the run off)', () => {
    const plan = planNuke(
      planInput(
        [
          res('iam:role', 'lab-admin', { name: 'lab-admin', region: 'global', props: { attachedPolicies: ['lab-admin-policy'] } }),
          res('iam:policy', 'lab-admin-policy', { name: 'lab-admin-policy', region: 'global' }),
          res('iam:policy', 'other', { name: 'other', region: 'global' }),
        ],
        { accounts: [allowed(ACCOUNT, { callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/lab-admin/me` })] },
      ),
    );
    expect(plan.deletions.map((d) => d.id)).toEqual(['other']);
    expect(skippedReason(plan, 'lab-admin-policy')).toMatch(/used by iam:role lab-admin \(attachedPolicies\), which stays: the role this run came through/);
  });

  it('never deletes the caller IAM user, and protects AWS-managed resources', () => {
    const plan = planNuke(
      planInput([res('iam:role', 'me', { region: 'global' }), res('iam:policy', 'AdministratorAccess', { region: 'global', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' })], {
        accounts: [allowed(ACCOUNT, { callerArn: `arn:aws:iam::${ACCOUNT}:user/me` })],
        types: [...LAB_TYPES, typeInfo('iam:user')],
        inventory: inventory([res('iam:user', 'me', { name: 'me', region: 'global' }), res('iam:policy', 'AdministratorAccess', { region: 'global', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' })]),
      }),
    );
    expect(plan.deletions).toEqual([]);
    expect(skippedReason(plan, 'me')).toMatch(/caller's own identity/);
    expect(skippedReason(plan, 'AdministratorAccess')).toBe('AWS-managed');
  });

  it('keeps the default VPC, its default subnets and its internet gateway unless --include-default-vpc', () => {
    const resources = [
      res('ec2:vpc', 'vpc-default', { props: { isDefault: true } }),
      res('ec2:subnet', 'subnet-default', { props: { vpcId: 'vpc-default', defaultForAz: true } }),
      res('ec2:internet-gateway', 'igw-default', { props: { vpcIds: ['vpc-default'] } }),
      res('ec2:instance', 'i-lab', { props: { vpcId: 'vpc-default', subnetId: 'subnet-default' } }),
    ];
    const types = [...LAB_TYPES, typeInfo('ec2:internet-gateway')];
    const plan = planNuke(planInput(resources, { types }));
    expect(plan.deletions.map((d) => d.id)).toEqual(['i-lab']);
    expect(skippedReason(plan, 'vpc-default')).toMatch(/the default VPC/);
    expect(skippedReason(plan, 'subnet-default')).toMatch(/part of the default VPC/);
    expect(skippedReason(plan, 'igw-default')).toMatch(/part of the default VPC/);
    const all = planNuke(planInput(resources, { types, config: config({ includeDefaultVpc: true }) }));
    expect(all.deletions.map((d) => d.id).sort()).toEqual(['i-lab', 'igw-default', 'subnet-default', 'vpc-default']);
  });

  it('keeps what is tagged costguard:keep or matches keep, and what a kept resource uses', () => {
    const c = applyOverrides(config({ source: 'test' }), { keepTags: [{ key: 'team', value: 'data' }] }, REMOVABLE);
    const plan = planNuke(
      planInput(
        [
          res('ec2:instance', 'i-keep', { tags: { 'costguard:keep': '' }, props: { subnetId: 'subnet-1', volumeIds: ['vol-1'] } }),
          res('ec2:subnet', 'subnet-1', { props: { vpcId: 'vpc-1' } }),
          res('ec2:vpc', 'vpc-1'),
          res('ec2:volume', 'vol-1', { props: { attachedInstanceIds: ['i-keep'] } }),
          res('s3:bucket', 'data', { tags: { team: 'data' } }),
          res('s3:bucket', 'scratch'),
        ],
        { config: c },
      ),
    );
    expect(plan.deletions.map((d) => d.id)).toEqual(['scratch']);
    expect(plan.skipped.find((s) => s.id === 'i-keep')).toMatchObject({ category: 'kept', reason: 'tagged costguard:keep' });
    expect(skippedReason(plan, 'data')).toBe('matches --keep-tag team=data');
    expect(skippedReason(plan, 'subnet-1')).toMatch(/^used by ec2:instance i-keep \(subnetId\), which stays: tagged costguard:keep/);
    expect(skippedReason(plan, 'vpc-1')).toMatch(/^used by ec2:subnet subnet-1 \(vpcId\)/);
    expect(plan.skipped.find((s) => s.id === 'vol-1')?.category).toBe('in-use');
  });

  it('keeps an instance whose attached volume is not selected (terminating it would delete the volume)', () => {
    const c = applyOverrides(config(), { tags: { lab: 'day1' } }, REMOVABLE);
    const plan = planNuke(
      planInput([res('ec2:instance', 'i-1', { tags: { lab: 'day1' }, props: { volumeIds: ['vol-1'] } }), res('ec2:volume', 'vol-1', { props: { attachedInstanceIds: ['i-1'] } })], { config: c }),
    );
    expect(plan.deletions).toEqual([]);
    expect(skippedReason(plan, 'i-1')).toMatch(/has ec2:volume vol-1 attached \(attachedInstanceIds\), which stays: does not match --tag lab=day1/);
  });

  it('keeps an Elastic IP attached to an instance that stays, but not the other way round', () => {
    const types = [...LAB_TYPES];
    const onKept = planNuke(planInput([res('ec2:instance', 'i-1', { tags: { 'costguard:keep': 'y' } }), res('ec2:elastic-ip', 'eipalloc-1', { props: { instanceId: 'i-1' } })], { types }));
    expect(onKept.deletions).toEqual([]);
    expect(skippedReason(onKept, 'eipalloc-1')).toMatch(/attached to ec2:instance i-1/);
    const eipKept = planNuke(planInput([res('ec2:instance', 'i-1'), res('ec2:elastic-ip', 'eipalloc-1', { tags: { 'costguard:keep': 'y' }, props: { instanceId: 'i-1' } })], { types }));
    expect(eipKept.deletions.map((d) => d.id)).toEqual(['i-1']);
  });

  it('deletes a service that runs in a VPC before its subnets, security groups and VPC (ResourceType.deleteBefore), and only orders by it', () => {
    const info = nukeTypeInfo();
    const byType = (type: string) => info.find((t) => t.type === type);
    for (const network of ['ec2:subnet', 'ec2:security-group', 'ec2:vpc']) {
      for (const service of ['fsx:file-system', 'mq:broker', 'efs:file-system', 'ds:directory', 'opensearch:domain', 'ec2:transit-gateway-attachment', 'kafka:cluster']) {
        expect(byType(network)?.deletedAfter, `${network} goes after ${service}`).toContain(service);
        // ordering only: nuking subnets neither collects the service nor needs it listed
        expect(byType(network)?.dependsOn).not.toContain(service);
      }
    }
    expect(typesToCollect(['ec2:subnet'], info)).not.toContain('fsx:file-system');
    const types = info.filter((t) => ['fsx:file-system', 'ec2:subnet', 'ec2:security-group', 'ec2:vpc'].includes(t.type));
    const plan = planNuke(planInput([res('ec2:vpc', 'vpc-1'), res('ec2:subnet', 'subnet-1', { props: { vpcId: 'vpc-1' } }), res('fsx:file-system', 'fs-1', { props: { vpcId: 'vpc-1' } })], { types }));
    const order = plan.deletions.map((d) => d.id);
    expect(order.indexOf('fs-1'), order.join(' ')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('fs-1')).toBeLessThan(order.indexOf('subnet-1'));
    expect(order.indexOf('subnet-1')).toBeLessThan(order.indexOf('vpc-1'));
    // every type's order together has no cycle
    expect(() => planNuke(planInput([res('ec2:vpc', 'vpc-1')], { types: info }))).not.toThrow();
  });

  it('takes the owner tags from the types (ResourceType.ownerTag), a stack before the Auto Scaling group it made', () => {
    const rules = ownerTagRules(nukeTypeInfo());
    expect(rules.map((r) => `${r.ownerType} ${r.tag}`)).toEqual([
      'cloudformation:stack aws:cloudformation:stack-name',
      'autoscaling:group aws:autoscaling:groupName',
      'eks:nodegroup eks:nodegroup-name',
      'elasticbeanstalk:environment elasticbeanstalk:environment-name',
    ]);
    const types = [...LAB_TYPES, ...nukeTypeInfo().filter((t) => t.type === 'cloudformation:stack' || t.type === 'autoscaling:group')];
    const tags = { 'aws:autoscaling:groupName': 'lab-asg', 'aws:cloudformation:stack-name': 'lab-stack' };
    const plan = planNuke(planInput([res('ec2:instance', 'i-both', { tags })], { types }));
    expect(plan.skipped.find((s) => s.id === 'i-both')).toMatchObject({ category: 'managed', reason: 'managed by CloudFormation stack "lab-stack": it goes when that goes' });
    // Without the types that own them, the tags decide nothing: the instance is planned.
    expect(planNuke(planInput([res('ec2:instance', 'i-both', { tags })], { types: [...LAB_TYPES] })).deletions.map((d) => d.id)).toEqual(['i-both']);
  });

  it('leaves what goes with its owner to the owner, and lets the owner keep it when the owner stays', () => {
    const stackTag = { 'aws:cloudformation:stack-name': 'lab-stack' };
    const types = [...LAB_TYPES, ...nukeTypeInfo().filter((t) => t.type === 'cloudformation:stack')];
    const resources = [res('cloudformation:stack', 'lab-stack', { name: 'lab-stack' }), res('ec2:instance', 'i-stack', { tags: stackTag, props: { subnetId: 'subnet-1' } }), res('ec2:subnet', 'subnet-1')];
    const plan = planNuke(planInput(resources, { types }));
    expect(plan.deletions.map((d) => d.id).sort()).toEqual(['lab-stack', 'subnet-1']);
    expect(plan.skipped.find((s) => s.id === 'i-stack')).toMatchObject({ category: 'managed', reason: 'managed by CloudFormation stack "lab-stack": it goes when that goes' });
    const kept = planNuke(planInput(resources.map((r) => (r.id === 'lab-stack' ? { ...r, tags: { 'costguard:keep': 'y' } } : r)), { types }));
    expect(kept.deletions).toEqual([]);
    expect(skippedReason(kept, 'subnet-1')).toMatch(/used by ec2:instance i-stack/);
  });

  it('applies the type\'s own protection without letting it hold anything back', () => {
    const types = [typeInfo('ec2:network-interface', ['ec2:instance'], { protect: (r) => (r.props.requesterManaged ? 'managed by an AWS service' : undefined) }), typeInfo('ec2:subnet', ['ec2:network-interface']), typeInfo('ec2:instance')];
    const plan = planNuke(planInput([res('ec2:network-interface', 'eni-nat', { props: { requesterManaged: true, subnetId: 'subnet-1' } }), res('ec2:subnet', 'subnet-1')], { types }));
    expect(plan.deletions.map((d) => d.id)).toEqual(['subnet-1']);
    expect(plan.skipped[0]).toMatchObject({ id: 'eni-nat', category: 'managed', reason: 'managed by an AWS service' });
  });

  it('leaves a NAT gateway\'s interface to the gateway even when AWS does not mark it requester-managed', () => {
    const types = [typeInfo('ec2:network-interface', ['ec2:instance']), typeInfo('ec2:nat-gateway'), typeInfo('ec2:elastic-ip', ['ec2:nat-gateway']), typeInfo('ec2:subnet', ['ec2:network-interface', 'ec2:nat-gateway'])];
    const eni = res('ec2:network-interface', 'eni-nat', { props: { subnetId: 'subnet-1', interfaceType: 'interface' } });
    const nat = res('ec2:nat-gateway', 'nat-1', { props: { subnetId: 'subnet-1', allocationId: 'eipalloc-1', networkInterfaceIds: ['eni-nat'] } });
    const eip = res('ec2:elastic-ip', 'eipalloc-1', { props: { networkInterfaceId: 'eni-nat' } });
    const plan = planNuke(planInput([eni, nat, eip, res('ec2:subnet', 'subnet-1')], { types }));
    expect(plan.deletions.map((d) => d.id)).toEqual(['nat-1', 'eipalloc-1', 'subnet-1']);
    expect(plan.skipped).toEqual([expect.objectContaining({ id: 'eni-nat', category: 'managed', reason: 'the interface of ec2:nat-gateway nat-1: it goes or stays with it' })]);
    // Kept gateway: its interface, subnet and address stay with it.
    const kept = planNuke(planInput([eni, { ...nat, tags: { 'costguard:keep': 'y' } }, eip, res('ec2:subnet', 'subnet-1')], { types }));
    expect(kept.deletions).toEqual([]);
  });

  it('selects only what --newer-than matches, and says when AWS reports no creation time', () => {
    const c = applyOverrides(config(), { newerThan: '8h' }, REMOVABLE);
    const plan = planNuke(planInput([res('s3:bucket', 'new', { createdAt: hoursAgo(2) }), res('s3:bucket', 'old', { createdAt: hoursAgo(48) }), res('ec2:vpc', 'vpc-1')], { config: c }));
    expect(plan.deletions.map((d) => d.id)).toEqual(['new']);
    expect(skippedReason(plan, 'old')).toBe('does not match --newer-than 8h');
    expect(skippedReason(plan, 'vpc-1')).toMatch(/AWS reports no creation time for ec2:vpc/);
  });

  it('selects exactly what --findings names', () => {
    const plan = planNuke(planInput([res('s3:bucket', 'a'), res('s3:bucket', 'b')], { findings: { label: 'free-tier', keys: new Set([`${ACCOUNT}|us-east-1|s3:bucket|b`]) } }));
    expect(plan.deletions.map((d) => d.id)).toEqual(['b']);
    expect(skippedReason(plan, 'a')).toBe('no finding from --findings free-tier');
  });

  it('skips a resource when something that might use it could not be listed', () => {
    const inv = inventory([res('ec2:subnet', 'subnet-1'), res('s3:bucket', 'b')], {
      errors: [{ accountId: ACCOUNT, region: 'us-east-1', operation: 'ec2:DescribeInstances', code: 'AccessDenied', message: 'no', resourceTypes: ['ec2:instance'] }],
    });
    const plan = planNuke(planInput([], { inventory: inv }));
    expect(plan.deletions.map((d) => d.id)).toEqual(['b']);
    expect(plan.skipped[0]).toMatchObject({ id: 'subnet-1', category: 'unverified' });
    expect(plan.skipped[0].reason).toMatch(/^ec2:instance could not be listed in us-east-1: AccessDenied$/);
  });

  it('ignores refused accounts and carries the reason on the account', () => {
    const other = '222222222222';
    const plan = planNuke(
      planInput([res('s3:bucket', 'mine'), res('s3:bucket', 'theirs', { accountId: other })], {
        accounts: [allowed(), { accountId: other, source: 'test', status: 'refused', reason: 'on the block list' }],
      }),
    );
    expect(plan.deletions.map((d) => d.id)).toEqual(['mine']);
    expect(plan.accounts.find((a) => a.accountId === other)).toMatchObject({ status: 'refused', reason: 'on the block list', deletions: 0 });
    expect(plan.summary).toMatchObject({ accountsAllowed: 1, accountsRefused: 1 });
  });

  it('sums the monthly cost the audit attributes to what goes', () => {
    const plan = planNuke(planInput([res('ec2:elastic-ip', 'eipalloc-1'), res('s3:bucket', 'b')], { costs: new Map([[`${ACCOUNT}|us-east-1|ec2:elastic-ip|eipalloc-1`, 3.65]]) }));
    expect(plan.summary.monthlyCostUsd).toBe(3.65);
    expect(plan.deletions.find((d) => d.id === 'b')?.monthlyCostUsd).toBeNull();
    expect(plan.accounts[0].monthlyCostUsd).toBe(3.65);
  });

  it('renders a grouped dry-run table with counts, ages, costs and every skipped item', () => {
    const plan = planNuke(
      planInput([res('ec2:elastic-ip', 'eipalloc-1', { createdAt: hoursAgo(50) }), res('s3:bucket', 'b', { name: 'b' }), res('s3:bucket', 'k', { tags: { 'costguard:keep': '' } })], {
        costs: new Map([[`${ACCOUNT}|us-east-1|ec2:elastic-ip|eipalloc-1`, 3.65]]),
      }),
    );
    const text = renderPlanTable(plan, { dryRun: true });
    expect(text).toContain('DRY RUN: nothing is deleted');
    expect(text).toContain('Plan: 2 deletions in 1 region of 1 account, saving $3.65/month');
    expect(text).toMatch(/1\s+us-east-1\s+ec2:elastic-ip\s+eipalloc-1\s+2d\s+\$3\.65/);
    expect(text).toContain('counts: us-east-1 ec2:elastic-ip 1, us-east-1 s3:bucket 1');
    expect(text).toMatch(/Kept \(1\)\n\s+111111111111\s+us-east-1\s+s3:bucket\s+k\s+— tagged costguard:keep/);
    expect(text).toContain('Run again with --no-dry-run to delete.');
    const json = planToJson(plan, { dryRun: true }) as { deletions: Array<Record<string, unknown>>; dryRun: boolean };
    expect(json.dryRun).toBe(true);
    expect(json.deletions[0]).not.toHaveProperty('resource');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('dependency closure', () => {
  it('is transitive and refuses cycles', () => {
    const closure = dependencyClosure(LAB_TYPES);
    expect([...(closure.get('ec2:vpc') ?? [])].sort()).toEqual(['ec2:instance', 'ec2:nat-gateway', 'ec2:security-group', 'ec2:subnet']);
    expect(() => dependencyClosure([typeInfo('a:x', ['a:y']), typeInfo('a:y', ['a:x'])])).toThrow(DependencyCycleError);
  });

  it('collects what must go first and the context a type needs', () => {
    expect(typesToCollect(['ec2:vpc'], LAB_TYPES)).toEqual(['ec2:instance', 'ec2:nat-gateway', 'ec2:security-group', 'ec2:subnet', 'ec2:vpc']);
    expect(typesToCollect(['ec2:instance'], LAB_TYPES)).toEqual(['ec2:elastic-ip', 'ec2:instance', 'ec2:volume']);
  });
});

describe('caller ARNs', () => {
  it('reads users, assumed roles and root', () => {
    expect(parseCallerArn('arn:aws:iam::1:user/team/alice')).toEqual({ kind: 'user', name: 'alice' });
    expect(parseCallerArn('arn:aws:sts::1:assumed-role/AWSReservedSSO_Admin_x/alice@example.com')).toEqual({ kind: 'role', name: 'AWSReservedSSO_Admin_x' });
    expect(parseCallerArn('arn:aws:iam::1:root')).toEqual({ kind: 'root' });
    expect(parseCallerArn(undefined)).toEqual({ kind: 'other' });
  });
});
