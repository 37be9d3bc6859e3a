import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate.js';
import { ACCOUNT, inventory, NOW, pack, resource } from './fixtures.js';

const LAB = pack(`pack: lab
params: { oldDays: 30 }
prices:
  publicIpv4Monthly: 3.65
  ebsGiBMonth: { gp2: 0.10, gp3: 0.08 }
  ec2InstanceMonthly: { t3.small: 15.18 }
rules:
  - id: ec2-eip-unattached
    resource: ec2:elastic-ip
    severity: high
    title: Elastic IP is not attached
    why: It bills while idle.
    when:
      - associationId: { absent: true }
    message: Elastic IP {{publicIp}} is not attached
    cost: { price: publicIpv4Monthly }
    remediation: aws ec2 release-address --allocation-id {{id}} --region {{region}}
    i18n:
      ko: { title: 연결되지 않은 탄력적 IP, message: "탄력적 IP {{publicIp}}" }
  - id: ebs-volume-unattached
    resource: ec2:volume
    severity: medium
    title: EBS volume is not attached
    when: { state: available }
    cost: { price: "ebsGiBMonth.{{volumeType}}", quantity: "{{sizeGiB}}" }
    severityOverrides:
      - when: { tags.Purpose: scratch }
        severity: info
      - when: { sizeGiB: { lt: 10 } }
        severity: low
  - id: ec2-instance-running
    resource: ec2:instance
    severity: medium
    title: Instance is running
    when: [{ state: running }, { launchTime: { olderThan: "{{params.oldDays}}d" } }]
    cost: { price: "ec2InstanceMonthly.{{instanceType}}" }
`);

const eip = (id: string, props: Record<string, unknown>, region = 'us-east-1') =>
  resource({ type: 'ec2:elastic-ip', id, region, arn: `arn:aws:ec2:${region}:${ACCOUNT}:elastic-ip/${id}`, name: `${id}-name`, props });
const volume = (id: string, props: Record<string, unknown>, tags: Record<string, string> = {}) =>
  resource({ type: 'ec2:volume', id, tags, props: { state: 'available', volumeType: 'gp3', sizeGiB: 20, ...props } });

function run(resources: ReturnType<typeof resource>[], options: Partial<Parameters<typeof evaluate>[0]> = {}) {
  return evaluate({ inventory: inventory(resources, { collectedTypes: ['ec2:elastic-ip', 'ec2:volume', 'ec2:instance'] }), packs: [LAB], now: NOW, ...options });
}

describe('evaluate: per-resource rules', () => {
  it('reports one finding per matching resource, with the resource and account filled in', () => {
    const { findings } = run([eip('eipalloc-1', { publicIp: '3.3.3.3' }), eip('eipalloc-2', { publicIp: '4.4.4.4', associationId: 'a-1' })]);
    expect(findings).toEqual([
      {
        ruleId: 'ec2-eip-unattached',
        pack: 'lab',
        severity: 'high',
        accountId: ACCOUNT,
        accountName: 'lab',
        region: 'us-east-1',
        resourceType: 'ec2:elastic-ip',
        resourceId: 'eipalloc-1',
        resourceArn: `arn:aws:ec2:us-east-1:${ACCOUNT}:elastic-ip/eipalloc-1`,
        resourceName: 'eipalloc-1-name',
        title: 'Elastic IP is not attached',
        message: 'Elastic IP 3.3.3.3 is not attached',
        why: 'It bills while idle.',
        remediation: 'aws ec2 release-address --allocation-id eipalloc-1 --region us-east-1',
        monthlyCostUsd: 3.65,
        suppressed: null,
      },
    ]);
  });

  it('reports an EIP in a region the user never opened', () => {
    const { findings } = run([eip('eipalloc-9', {}, 'ap-northeast-2')]);
    expect(findings.map((f) => [f.resourceId, f.region])).toEqual([['eipalloc-9', 'ap-northeast-2']]);
  });

  it('uses the target name over its alias as the account name', () => {
    const inv = inventory([eip('eipalloc-1', {})], { targets: [{ accountId: ACCOUNT, alias: 'lab', name: 'Lab Account', source: 'org', regions: ['us-east-1'] }] });
    expect(evaluate({ inventory: inv, packs: [LAB], only: ['ec2-eip-unattached'] }).findings[0].accountName).toBe('Lab Account');
  });

  it('uses the title as the message when the rule has none, and an empty remediation', () => {
    const [finding] = run([volume('vol-1', {})]).findings;
    expect(finding).toMatchObject({ message: 'EBS volume is not attached', remediation: '' });
    expect(finding.why).toBeUndefined();
  });

  it('uses the requested language where the rule has it, English elsewhere', () => {
    const [finding] = run([eip('eipalloc-1', { publicIp: '3.3.3.3' })], { lang: 'ko' }).findings;
    expect(finding).toMatchObject({ title: '연결되지 않은 탄력적 IP', message: '탄력적 IP 3.3.3.3', why: 'It bills while idle.' });
  });

  it('reads a duration threshold from params in a condition', () => {
    const instance = (id: string, launchTime: string) => resource({ type: 'ec2:instance', id, props: { state: 'running', instanceType: 't3.small', launchTime } });
    const { findings } = run([instance('i-old', '2026-04-01T00:00:00Z'), instance('i-new', '2026-05-25T00:00:00Z')]);
    expect(findings.map((f) => f.resourceId)).toEqual(['i-old']);
    expect(run([instance('i-new', '2026-05-25T00:00:00Z')], { params: { oldDays: '5' } }).findings.map((f) => f.resourceId)).toEqual(['i-new']);
  });
});

describe('evaluate: cost', () => {
  it('multiplies a templated price key by a templated quantity and rounds to cents', () => {
    const [finding] = run([volume('vol-1', { sizeGiB: 33, volumeType: 'gp2' })]).findings;
    expect(finding.monthlyCostUsd).toBe(3.3);
  });

  it('reads price keys that contain dots (t3.small)', () => {
    const [finding] = run([resource({ type: 'ec2:instance', id: 'i-1', props: { state: 'running', instanceType: 't3.small', launchTime: '2020-01-01T00:00:00Z' } })]).findings;
    expect(finding.monthlyCostUsd).toBe(15.18);
  });

  it('is null when the price is missing', () => {
    const [finding] = run([volume('vol-1', { volumeType: 'io2' })]).findings;
    expect(finding.monthlyCostUsd).toBeNull();
  });

  it('supports expressions for quantity and usd', () => {
    const exprPack = pack(`pack: expr
prices: { perAz: 7.30, iops: 0.065 }
rules:
  - id: endpoint
    resource: ec2:vpc-endpoint
    severity: low
    title: Endpoint
    cost: { price: perAz, quantity: "max(subnetCount, 1)" }
  - id: iops
    resource: ec2:volume
    severity: low
    title: IOPS
    cost: { usd: "max(provisionedIops - 3000, 0) * prices.iops" }
`);
    const inv = inventory([
      resource({ type: 'ec2:vpc-endpoint', id: 'vpce-1', props: { subnetCount: 0 } }),
      resource({ type: 'ec2:vpc-endpoint', id: 'vpce-2', props: { subnetCount: 3 } }),
      resource({ type: 'ec2:volume', id: 'vol-1', props: { provisionedIops: 5000 } }),
    ]);
    const costs = Object.fromEntries(evaluate({ inventory: inv, packs: [exprPack] }).findings.map((f) => [f.resourceId, f.monthlyCostUsd]));
    expect(costs).toEqual({ 'vpce-1': 7.3, 'vpce-2': 21.9, 'vol-1': 130 });
  });
});

describe('evaluate: severityOverrides', () => {
  it('applies the first override that matches, and the rule severity otherwise', () => {
    const { findings } = run([
      volume('vol-scratch', { sizeGiB: 5 }, { Purpose: 'scratch' }),
      volume('vol-small', { sizeGiB: 5 }),
      volume('vol-big', { sizeGiB: 500 }),
    ]);
    expect(Object.fromEntries(findings.map((f) => [f.resourceId, f.severity]))).toEqual({ 'vol-scratch': 'info', 'vol-small': 'low', 'vol-big': 'medium' });
  });
});

describe('evaluate: order of findings', () => {
  it('sorts by severity, then cost (highest first), then rule id, region and resource id', () => {
    const { findings } = run([
      volume('vol-b', { sizeGiB: 100 }),
      volume('vol-a', { sizeGiB: 100 }),
      volume('vol-cheap', { sizeGiB: 10 }),
      eip('eipalloc-eu', {}, 'eu-west-1'),
      eip('eipalloc-us', {}, 'us-east-1'),
      volume('vol-unpriced', { volumeType: 'io2', sizeGiB: 100 }),
    ]);
    expect(findings.map((f) => f.resourceId)).toEqual(['eipalloc-eu', 'eipalloc-us', 'vol-a', 'vol-b', 'vol-cheap', 'vol-unpriced']);
  });
});
