// End to end, spend reconciliation (cost pack, cost-unexplained-spend): moto holds a NAT gateway in
// ap-northeast-2, and Cost Explorer results seeded through moto's API say this month so far cost
// $41.20 of Amazon SageMaker and $20 of "EC2 - Other" there. The built CLI audits with --with-cost at
// a given moment (10 of 30 days gone): the NAT gateway's estimate explains the EC2 - Other spend, so
// only the SageMaker spend is reported.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AllocateAddressCommand, CreateNatGatewayCommand, CreateSubnetCommand, CreateVpcCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/model.js';
import { awsClients, buildOnce, describeRun, parseStdout, runCli, schemaErrors, REPORT_SCHEMA, startMoto, type MotoServer } from './helpers/index.js';

const REGION = 'ap-northeast-2';
const NOW = '2026-06-11T08:00:00Z';
let moto: MotoServer;
let cacheHome: string;

const group = (service: string, region: string, usd: string) => ({ Keys: [service, region], Metrics: { UnblendedCost: { Amount: usd, Unit: 'USD' } } });

beforeAll(async () => {
  await buildOnce();
  moto = await startMoto();
  const c = awsClients(moto.endpoint, REGION);
  try {
    const vpc = await c.ec2.send(new CreateVpcCommand({ CidrBlock: '10.43.0.0/16' }));
    const subnet = await c.ec2.send(new CreateSubnetCommand({ VpcId: vpc.Vpc?.VpcId, CidrBlock: '10.43.1.0/24', AvailabilityZone: `${REGION}a` }));
    const ip = await c.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    await c.ec2.send(new CreateNatGatewayCommand({ SubnetId: subnet.Subnet?.SubnetId, AllocationId: ip.AllocationId }));
  } finally {
    c.destroy();
  }
  const results = [
    {
      TimePeriod: { Start: '2026-06-01', End: '2026-06-11' },
      Total: {},
      Groups: [group('Amazon SageMaker', REGION, '41.2'), group('EC2 - Other', REGION, '20'), group('Tax', 'NoRegion', '5'), group('AWS Lambda', REGION, '0.4')],
      Estimated: true,
    },
  ];
  const res = await fetch(`${moto.endpoint}/moto-api/static/ce/cost-and-usage-results`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ results: [{ ResultsByTime: results, DimensionValueAttributes: [] }] }),
  });
  expect(res.status).toBe(201);
  cacheHome = mkdtempSync(join(tmpdir(), 'costguard-e2e-reconcile-'));
});

afterAll(async () => {
  await moto?.stop();
  if (cacheHome) rmSync(cacheHome, { recursive: true, force: true });
});

describe('audit --with-cost reconciles the bill with the findings', () => {
  let report: Report;

  beforeAll(async () => {
    const run = await runCli(
      ['audit', '--with-cost', '--region', REGION, '--rule', 'vpc-nat-gateway', '--rule', 'cost-unexplained-spend', '--offline-prices', '--now', NOW, '--format', 'json', '--max-attempts', '1'],
      { XDG_CACHE_HOME: cacheHome },
    );
    expect([0, 3], describeRun(run)).toContain(run.code);
    report = parseStdout<Report>(run);
  });

  it('reports SageMaker spend in ap-northeast-2 that no finding explains, with how to look', () => {
    const unexplained = report.findings.filter((f) => f.ruleId === 'cost-unexplained-spend');
    expect(unexplained.map((f) => f.resourceId)).toEqual([`Amazon SageMaker/${REGION}`]);
    expect(unexplained[0]).toMatchObject({ severity: 'medium', region: REGION, pack: 'cost' });
    expect(unexplained[0].message).toContain('Amazon SageMaker in ap-northeast-2 cost $41.2 so far this month');
    expect(unexplained[0].remediation).toContain('costguard audit --region ap-northeast-2');
    expect(schemaErrors(REPORT_SCHEMA, report)).toEqual([]);
  });

  it('stays silent about the EC2 - Other spend the NAT gateway finding explains', () => {
    expect(report.findings.find((f) => f.ruleId === 'vpc-nat-gateway')).toMatchObject({ region: REGION, monthlyCostUsd: 43.07 });
    expect(report.findings.some((f) => f.resourceId.startsWith('EC2 - Other'))).toBe(false);
    expect(report.findings.some((f) => f.resourceId.startsWith('Tax'))).toBe(false);
  });
});
