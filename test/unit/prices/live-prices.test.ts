import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PricingClient } from '@aws-sdk/client-pricing';
import { lookUpLivePrices } from '../../../src/app/prices-live.js';
import { evaluateWithPrices, updatePriceTable, readLocalPriceTable } from '../../../src/app/prices.js';
import { pricingClient } from '../../../src/aws/pricing.js';
import { priceId } from '../../../src/core/price-book.js';
import { loadShippedPriceTable } from '../../../src/core/price-table.js';
import { loadBuiltinPacks } from '../../../src/core/policy/load.js';
import { fakeAws, jsonError, jsonReply, type FakeRequest } from '../resources/fake-aws.js';
import { ACCOUNT, NOW, inventory, resource } from '../core/fixtures.js';
import { albAnswer, answerFor, ebsAnswer, ec2InstanceAnswer, natAnswer, publicIpv4Answer } from './price-list-fixtures.js';

const ORIGIN = 'https://api.pricing.us-east-1.amazonaws.com';
const table = loadShippedPriceTable();
const SEOUL = 'ap-northeast-2';

let cacheDir: string;
beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'costguard-prices-'));
});
afterEach(() => {
  nock.cleanAll();
  vi.unstubAllEnvs();
  rmSync(cacheDir, { recursive: true, force: true });
});

function client(): PricingClient {
  return new PricingClient({ region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
}

/** A stand-in Price List endpoint answering every GetProducts with all items of the asked service (decoys included). */
function priceList(items: string[]) {
  return fakeAws(ORIGIN, { GetProducts: (req: FakeRequest) => jsonReply({ FormatVersion: 'aws_v1', PriceList: answerFor(items, req.json as { ServiceCode?: string }) }) });
}

function filtersOf(req: FakeRequest): Record<string, string> {
  return Object.fromEntries((req.json?.Filters as Array<{ Field: string; Value: string; Type: string }>).map((f) => [f.Field, f.Value]));
}

async function lookUp(keys: string[], region = SEOUL) {
  return lookUpLivePrices(keys.map((key) => ({ key, region })), table, { cacheDir, client: client() });
}

describe('live prices from the Price List API', () => {
  it('prices a Linux Shared On-Demand t3.large, never a Windows, Dedicated, SQL, capacity-reservation or $0 capacity-block SKU', async () => {
    const server = priceList(ec2InstanceAnswer(SEOUL, 't3.large', '0.1040000000'));
    const result = await lookUp(['ec2InstanceMonthly.t3.large']);
    expect(result.resolved.get(priceId('ec2InstanceMonthly.t3.large', SEOUL))).toEqual({ usd: 75.92, source: 'api', region: SEOUL });
    const [call] = server.calls('GetProducts');
    expect(call.json?.ServiceCode).toBe('AmazonEC2');
    expect(filtersOf(call)).toMatchObject({ regionCode: SEOUL, instanceType: 't3.large', operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used', marketoption: 'OnDemand' });
  });

  it('prices NAT gateway hours, not bytes', async () => {
    priceList(natAnswer(SEOUL, '0.0590000000'));
    const result = await lookUp(['natGatewayMonthly']);
    expect(result.resolved.get(priceId('natGatewayMonthly', SEOUL))).toMatchObject({ usd: 43.07, source: 'api' });
  });

  it('prices an in-use public IPv4 address', async () => {
    priceList(publicIpv4Answer(SEOUL));
    const result = await lookUp(['publicIpv4Monthly']);
    expect(result.resolved.get(priceId('publicIpv4Monthly', SEOUL))).toMatchObject({ usd: 3.65, source: 'api' });
  });

  it('picks EBS gp3 storage by volumeApiName next to gp3 IOPS, throughput and gp2', async () => {
    priceList(ebsAnswer(SEOUL, '0.0912000000'));
    const result = await lookUp(['ebsGiBMonth.gp3', 'gp3IopsMonth']);
    expect(result.resolved.get(priceId('ebsGiBMonth.gp3', SEOUL))).toMatchObject({ usd: 0.0912, source: 'api' });
    expect(result.resolved.get(priceId('gp3IopsMonth', SEOUL))).toMatchObject({ usd: 0.0057, source: 'api' });
  });

  it('prices ALB hours, not LCUs nor another usage type that ends the same way', async () => {
    const server = priceList(albAnswer(SEOUL, '0.0250000000'));
    const result = await lookUp(['loadBalancerMonthly.application']);
    expect(result.resolved.get(priceId('loadBalancerMonthly.application', SEOUL))).toMatchObject({ usd: 18.25, source: 'api' });
    expect(filtersOf(server.calls('GetProducts')[0])).toMatchObject({ productFamily: 'Load Balancer-Application' });
  });

  it('follows NextToken to the page that holds the product', async () => {
    const [windows, , , , , , linux] = ec2InstanceAnswer(SEOUL, 't3.large', '0.1040000000');
    const server = fakeAws(ORIGIN, {
      GetProducts: [
        () => jsonReply({ FormatVersion: 'aws_v1', PriceList: [windows], NextToken: 'page-2' }),
        () => jsonReply({ FormatVersion: 'aws_v1', PriceList: [linux] }),
      ],
    });
    const result = await lookUp(['ec2InstanceMonthly.t3.large']);
    expect(result.resolved.get(priceId('ec2InstanceMonthly.t3.large', SEOUL))).toMatchObject({ usd: 75.92 });
    expect(server.calls('GetProducts').map((r) => r.json?.NextToken)).toEqual([undefined, 'page-2']);
    expect(result.apiCalls).toBe(2);
  });

  it('says why when the answer holds two different prices for the same filters, instead of taking the first', async () => {
    priceList([...natAnswer(SEOUL, '0.0590000000'), ...natAnswer(SEOUL, '0.0610000000')]);
    const result = await lookUp(['natGatewayMonthly']);
    const answer = result.resolved.get(priceId('natGatewayMonthly', SEOUL));
    expect(answer?.usd).toBeNull();
    expect(answer && 'reason' in answer ? answer.reason : '').toContain('several prices');
  });

  it('answers a second run from the disk cache without any call', async () => {
    priceList(natAnswer(SEOUL, '0.0590000000'));
    await lookUp(['natGatewayMonthly']);
    nock.cleanAll();
    const server = fakeAws(ORIGIN, {});
    const second = await lookUp(['natGatewayMonthly']);
    expect(second.resolved.get(priceId('natGatewayMonthly', SEOUL))).toEqual({ usd: 43.07, source: 'cache', region: SEOUL });
    expect(second.apiCalls).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it('stops asking after AccessDenied and says why', async () => {
    const server = fakeAws(ORIGIN, { GetProducts: () => jsonError('AccessDeniedException', 'User is not authorized to perform: pricing:GetProducts') });
    const result = await lookUpLivePrices(
      ['natGatewayMonthly', 'ec2InstanceMonthly.t3.large', 'ebsGiBMonth.gp3'].map((key) => ({ key, region: SEOUL })),
      table,
      { cacheDir, client: client(), concurrency: 1 },
    );
    expect(result.resolved.size).toBe(0);
    expect(result.fallback).toContain('AccessDeniedException');
    expect(server.calls('GetProducts')).toHaveLength(1);
  });

  it('falls back when the endpoint cannot be reached', async () => {
    // No network in unit tests: a connection to this port is refused before it is made.
    const unreachable = new PricingClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', maxAttempts: 1, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
    const result = await lookUpLivePrices([{ key: 'natGatewayMonthly', region: SEOUL }], table, { cacheDir, client: unreachable });
    expect(result.resolved.size).toBe(0);
    expect(result.fallback).toMatch(/could not be used/);
  });

  it('goes to the endpoint AWS_ENDPOINT_URL_PRICING names', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_PRICING', 'http://127.0.0.1:45999');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    const server = fakeAws('http://127.0.0.1:45999', { GetProducts: (req) => jsonReply({ FormatVersion: 'aws_v1', PriceList: answerFor(natAnswer(SEOUL, '0.0590000000'), req.json as { ServiceCode?: string }) }) });
    const result = await lookUpLivePrices([{ key: 'natGatewayMonthly', region: SEOUL }], table, { cacheDir, client: pricingClient({ maxAttempts: 1 }) });
    expect(server.calls('GetProducts')).toHaveLength(1);
    expect(result.resolved.get(priceId('natGatewayMonthly', SEOUL))).toMatchObject({ usd: 43.07 });
  });
});

describe('audit pricing', () => {
  const packs = loadBuiltinPacks();
  const lab = inventory(
    [
      resource({ type: 'ec2:nat-gateway', id: 'nat-1', region: SEOUL, props: { state: 'available', vpcId: 'vpc-1' } }),
      resource({ type: 'ec2:nat-gateway', id: 'nat-2', region: 'eu-west-1', props: { state: 'available', vpcId: 'vpc-2' } }),
    ],
    { targets: [{ accountId: ACCOUNT, source: 'test', regions: [SEOUL, 'eu-west-1'] }] },
  );
  const input = { inventory: lab, packs, now: NOW, only: ['vpc-nat-gateway'] };

  it('uses the tables and says so in the report info when the API is denied', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    fakeAws(ORIGIN, { GetProducts: () => jsonError('AccessDeniedException', 'denied') });
    const { result, info } = await evaluateWithPrices(input, { cacheDir, maxAttempts: 1 });
    const seoul = result.findings.find((f) => f.region === SEOUL);
    expect(seoul).toMatchObject({ monthlyCostUsd: 43.07, priceSource: 'table', priceRegion: SEOUL });
    const ireland = result.findings.find((f) => f.region === 'eu-west-1');
    expect(ireland?.monthlyCostUsd).toBeNull();
    expect(info).toMatchObject({ mode: 'live', bySource: { api: 0, cache: 0, table: 1 }, unknown: 1 });
    expect(info.fallback).toContain('AccessDeniedException');
  });

  it('prices each finding from the API for its own region', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    priceList([...natAnswer(SEOUL, '0.0590000000'), ...natAnswer('eu-west-1', '0.0480000000')]);
    const { result, info } = await evaluateWithPrices(input, { cacheDir, maxAttempts: 1 });
    expect(result.findings.find((f) => f.region === 'eu-west-1')).toMatchObject({ monthlyCostUsd: 35.04, priceSource: 'api', priceRegion: 'eu-west-1' });
    expect(result.findings.find((f) => f.region === SEOUL)).toMatchObject({ monthlyCostUsd: 43.07, priceSource: 'api' });
    expect(info).toMatchObject({ bySource: { api: 2, cache: 0, table: 0 }, apiCalls: 2 });
  });

  it('prices from the shipped table only with --offline-prices, making no call', async () => {
    const server = fakeAws(ORIGIN, {});
    const { info } = await evaluateWithPrices(input, { cacheDir, tableOnly: '--offline-prices' });
    expect(info).toMatchObject({ mode: 'table', tableReason: '--offline-prices', apiCalls: 0 });
    expect(server.requests).toHaveLength(0);
  });

  it('prices update writes a local table that live audits prefer to the shipped one', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    priceList(natAnswer('eu-west-1', '0.0480000000'));
    const update = await updatePriceTable({ regions: ['eu-west-1'], cacheDir, maxAttempts: 1 });
    expect(update.written['eu-west-1']).toBe(1);
    expect(readLocalPriceTable(cacheDir)?.keys.natGatewayMonthly.regions['eu-west-1'].usd).toBe(35.04);
    nock.cleanAll();
    fakeAws(ORIGIN, { GetProducts: () => jsonError('AccessDeniedException', 'denied') });
    // The API answers are cached too: clear them (not the local table) to see the table used.
    rmSync(join(cacheDir, 'prices'), { recursive: true, force: true });
    const { result } = await evaluateWithPrices(input, { cacheDir, maxAttempts: 1 });
    expect(result.findings.find((f) => f.region === 'eu-west-1')).toMatchObject({ monthlyCostUsd: 35.04, priceSource: 'table', priceRegion: 'eu-west-1' });
  });
});
