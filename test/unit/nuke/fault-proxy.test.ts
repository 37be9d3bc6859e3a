// The e2e fault proxy itself: it forwards, records mutating calls with the ids they name, and its
// faults reach the SDK as the error each protocol would send (EC2 query, JSON, REST-XML S3).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeleteVpcCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../e2e/helpers/fault-proxy.js';

const credentials = { accessKeyId: 'AKIATESTTESTTESTTEST', secretAccessKey: 'test-secret' };
let upstream: Server;
let proxy: FaultProxy | undefined;
let forwarded: string[];

beforeEach(async () => {
  forwarded = [];
  upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      forwarded.push(`${req.method} ${req.url} ${body}`);
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end('<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><vpcSet/></DescribeVpcsResponse>');
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
});
afterEach(async () => {
  await proxy?.close();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

const upstreamUrl = () => `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;

describe('fault proxy', () => {
  it('forwards what no rule matches and records mutating calls with the ids they name', async () => {
    proxy = await startFaultProxy({ upstream: upstreamUrl(), rules: [{ match: ['DeleteVpc'], fault: 'denied', rate: 1 }] });
    const ec2 = new EC2Client({ region: 'us-east-1', endpoint: proxy.url, credentials, maxAttempts: 1 });
    await ec2.send(new DescribeVpcsCommand({}));
    await expect(ec2.send(new DeleteVpcCommand({ VpcId: 'vpc-kept' }))).rejects.toMatchObject({ name: 'UnauthorizedOperation' });
    expect(forwarded).toHaveLength(1);
    expect(proxy.mutating()).toEqual([expect.objectContaining({ operation: 'DeleteVpc', protocol: 'ec2', fault: 'denied', values: expect.arrayContaining(['vpc-kept']) })]);
    ec2.destroy();
  });

  it('answers in each protocol\'s error shape: EC2 throttling, JSON access denied, S3 dependency', async () => {
    proxy = await startFaultProxy({
      upstream: upstreamUrl(),
      rules: [
        { match: ['DescribeVpcs'], fault: 'throttle', rate: 1 },
        { match: ['DeleteTable'], fault: 'denied', rate: 1 },
        { match: (c) => c.method === 'DELETE', fault: 'dependency', rate: 1 },
      ],
    });
    const ec2 = new EC2Client({ region: 'us-east-1', endpoint: proxy.url, credentials, maxAttempts: 1 });
    const ddb = new DynamoDBClient({ region: 'us-east-1', endpoint: proxy.url, credentials, maxAttempts: 1 });
    const s3 = new S3Client({ region: 'us-east-1', endpoint: proxy.url, credentials, maxAttempts: 1, forcePathStyle: true });
    await expect(ec2.send(new DescribeVpcsCommand({}))).rejects.toMatchObject({ name: 'RequestLimitExceeded', $metadata: { httpStatusCode: 503 } });
    await expect(ddb.send(new DeleteTableCommand({ TableName: 'kept-table' }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(s3.send(new DeleteBucketCommand({ Bucket: 'lab-bucket' }))).rejects.toMatchObject({ name: 'BucketNotEmpty' });
    expect(forwarded).toEqual([]);
    expect(proxy.mutating().map((c) => [c.operation, c.protocol])).toEqual([
      ['DeleteTable', 'json'],
      ['DELETE /lab-bucket/', 'rest-xml'],
    ]);
    expect(proxy.mutating()[0].values).toContain('kept-table');
    for (const c of [ec2, ddb, s3]) c.destroy();
  });

  it('drops connections on request, and faults only the chosen fraction (seeded)', async () => {
    proxy = await startFaultProxy({ upstream: upstreamUrl(), rules: [{ match: ['DescribeVpcs'], fault: 'drop', rate: 0.3 }], seed: 7 });
    const ec2 = new EC2Client({ region: 'us-east-1', endpoint: proxy.url, credentials, maxAttempts: 1 });
    const results = [];
    for (let i = 0; i < 40; i++) results.push(await ec2.send(new DescribeVpcsCommand({})).then(() => 'ok', () => 'dropped'));
    const dropped = results.filter((r) => r === 'dropped').length;
    expect(dropped).toBe(proxy.calls.filter((c) => c.fault === 'drop').length);
    expect(dropped).toBeGreaterThan(3);
    expect(dropped).toBeLessThan(25);
    ec2.destroy();
  });
});
