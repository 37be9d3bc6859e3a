// End to end, prices: a live audit of ap-northeast-2 on moto (a NAT gateway, a running t3.large and an
// idle 100 GB gp3 volume) priced from a stand-in Price List endpoint — a tiny server on 127.0.0.1 that
// answers GetProducts with every product of the asked service, decoys included (Windows, Dedicated,
// SQL, capacity reservations, a $0 capacity block, NAT bytes, gp3 IOPS) — pointed at by
// AWS_ENDPOINT_URL_PRICING. A second run is answered from the disk cache with no pricing call; with the
// API denied, the shipped table prices the findings and the report says so.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AllocateAddressCommand,
  CreateNatGatewayCommand,
  CreateSubnetCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/core/model.js';
import { albAnswer, ebsAnswer, ec2InstanceAnswer, natAnswer, publicIpv4Answer } from '../unit/prices/price-list-fixtures.js';
import { awsClients, buildOnce, describeRun, parseStdout, runCli, schemaErrors, REPORT_SCHEMA, startMoto, type MotoServer } from './helpers/index.js';

const REGION = 'ap-northeast-2';
const ITEMS = [
  ...ec2InstanceAnswer(REGION, 't3.large', '0.1040000000'),
  ...ec2InstanceAnswer(REGION, 't3.micro', '0.0130000000'),
  ...natAnswer(REGION, '0.0590000000'),
  ...ebsAnswer(REGION, '0.0912000000'),
  ...publicIpv4Answer(REGION),
  ...albAnswer(REGION, '0.0250000000'),
];

let moto: MotoServer;
let pricing: Server;
let pricingEndpoint: string;
let deny = false;
const pricingCalls: Array<{ target?: string; service?: string }> = [];
const ids: Record<string, string> = {};

function answerPricing(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { ServiceCode?: string };
    pricingCalls.push({ target: req.headers['x-amz-target'] as string | undefined, service: body.ServiceCode });
    if (deny) {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'AccessDeniedException' });
      res.end(JSON.stringify({ __type: 'AccessDeniedException', Message: 'User is not authorized to perform: pricing:GetProducts' }));
      return;
    }
    const list = ITEMS.filter((item) => (JSON.parse(item) as { serviceCode: string }).serviceCode === body.ServiceCode);
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify({ FormatVersion: 'aws_v1', PriceList: list }));
  });
}

beforeAll(async () => {
  await buildOnce();
  moto = await startMoto();
  const c = awsClients(moto.endpoint, REGION);
  try {
    const vpc = await c.ec2.send(new CreateVpcCommand({ CidrBlock: '10.42.0.0/16' }));
    const subnet = await c.ec2.send(new CreateSubnetCommand({ VpcId: vpc.Vpc?.VpcId, CidrBlock: '10.42.1.0/24', AvailabilityZone: `${REGION}a` }));
    const natIp = await c.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    const nat = await c.ec2.send(new CreateNatGatewayCommand({ SubnetId: subnet.Subnet?.SubnetId, AllocationId: natIp.AllocationId }));
    ids.nat = nat.NatGateway?.NatGatewayId as string;
    const ami = (await c.ec2.send(new DescribeImagesCommand({ Owners: ['amazon'], MaxResults: 5 }))).Images?.[0]?.ImageId;
    const run = await c.ec2.send(new RunInstancesCommand({ ImageId: ami, InstanceType: 't3.large', MinCount: 1, MaxCount: 1, SubnetId: subnet.Subnet?.SubnetId }));
    ids.instance = run.Instances?.[0]?.InstanceId as string;
    const volume = await c.ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${REGION}a`, Size: 100, VolumeType: 'gp3' }));
    ids.volume = volume.VolumeId as string;
  } finally {
    c.destroy();
  }
  pricing = createServer(answerPricing);
  await new Promise<void>((resolve) => pricing.listen(0, '127.0.0.1', resolve));
  const address = pricing.address();
  pricingEndpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (pricing ? pricing.close(() => resolve()) : resolve()));
  await moto?.stop();
});

const AUDIT = ['audit', '--region', REGION, '--pack', 'free-tier', '--rule', 'vpc-nat-gateway', '--rule', 'ec2-instance-not-free-tier', '--rule', 'ebs-volume-unattached', '--max-attempts', '1'];

function byResource(report: Report): Record<string, Finding> {
  return Object.fromEntries(report.findings.map((f) => [f.resourceId, f]));
}

describe('a live audit of ap-northeast-2 priced from the Price List API', () => {
  const cacheHome = mkdtempSync(join(tmpdir(), 'costguard-e2e-prices-'));
  afterAll(() => rmSync(cacheHome, { recursive: true, force: true }));
  const env = () => ({ AWS_ENDPOINT_URL_PRICING: pricingEndpoint, XDG_CACHE_HOME: cacheHome });
  let first: Report;
  let second: Report;
  let callsAfterFirst = 0;

  beforeAll(async () => {
    deny = false;
    const run1 = await runCli([...AUDIT, '--format', 'json'], env());
    expect([0, 3], describeRun(run1)).toContain(run1.code);
    first = parseStdout<Report>(run1);
    callsAfterFirst = pricingCalls.length;
    const run2 = await runCli([...AUDIT, '--format', 'json'], env());
    second = parseStdout<Report>(run2);
  });

  it('prices the NAT gateway, the t3.large and the idle 100 GB gp3 volume at Seoul prices, past the decoys', () => {
    const found = byResource(first);
    expect(found[ids.nat]).toMatchObject({ ruleId: 'vpc-nat-gateway', monthlyCostUsd: 43.07, priceSource: 'api', priceRegion: REGION });
    expect(found[ids.instance]).toMatchObject({ ruleId: 'ec2-instance-not-free-tier', monthlyCostUsd: 75.92, priceSource: 'api', priceRegion: REGION });
    expect(found[ids.volume]).toMatchObject({ ruleId: 'ebs-volume-unattached', monthlyCostUsd: 9.12, priceSource: 'api', priceRegion: REGION });
    expect(first.pricing).toMatchObject({ mode: 'live', bySource: { api: 3 } });
    expect(callsAfterFirst).toBeGreaterThan(0);
    expect(pricingCalls.every((c) => c.target === 'AWSPriceListService.GetProducts')).toBe(true);
    expect(schemaErrors(REPORT_SCHEMA, first)).toEqual([]);
  });

  it('answers the second run from the disk cache: no pricing call', () => {
    expect(pricingCalls.length).toBe(callsAfterFirst);
    const found = byResource(second);
    expect(found[ids.nat]).toMatchObject({ monthlyCostUsd: 43.07, priceSource: 'cache' });
    expect(found[ids.instance]).toMatchObject({ monthlyCostUsd: 75.92, priceSource: 'cache' });
    expect(second.pricing).toMatchObject({ apiCalls: 0, bySource: { api: 0, cache: 3 } });
  });
});

describe('a live audit with the Price List API denied', () => {
  const cacheHome = mkdtempSync(join(tmpdir(), 'costguard-e2e-prices-denied-'));
  afterAll(() => rmSync(cacheHome, { recursive: true, force: true }));

  it('prices from the shipped table and says so in the JSON and in the table footer', async () => {
    deny = true;
    const env = { AWS_ENDPOINT_URL_PRICING: pricingEndpoint, XDG_CACHE_HOME: cacheHome };
    const json = await runCli([...AUDIT, '--format', 'json'], env);
    const report = parseStdout<Report>(json);
    expect(byResource(report)[ids.nat]).toMatchObject({ monthlyCostUsd: 43.07, priceSource: 'table', priceRegion: REGION });
    expect(report.pricing?.fallback).toContain('AccessDeniedException');
    const table = await runCli([...AUDIT, '--format', 'table'], env);
    expect(table.stdout).toMatch(/Price List API not used: .*AccessDeniedException/);
    expect(table.stdout).toContain('Prices: AWS Price List API 0, cached 0, price table 3');
  });
});
