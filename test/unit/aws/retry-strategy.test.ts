import { DescribeAddressesCommand, EC2Client } from '@aws-sdk/client-ec2';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { CallStats } from '../../../src/aws/call-stats.js';
import { ClientFactory } from '../../../src/aws/client-factory.js';
import { isFinalError, isNonProtocolAnswer } from '../../../src/aws/retry-strategy.js';

const EC2 = 'https://ec2.us-east-1.amazonaws.com';
const ADDRESSES = '<DescribeAddressesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><addressesSet/></DescribeAddressesResponse>';
const ec2Error = (code: string) => `<Response><Errors><Error><Code>${code}</Code><Message>${code} says no</Message></Error></Errors><RequestID>r</RequestID></Response>`;

function ec2() {
  const stats = new CallStats();
  const factory = new ClientFactory({ stats, limiter: ClientFactory.newLimiter(4), credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' }, maxAttempts: 3 });
  return { stats, client: factory.client(EC2Client, 'us-east-1') };
}

/** Answers each request with the next reply; counts the requests made. */
function endpoint(replies: Array<[number, string]>) {
  const seen = { requests: 0 };
  const scope = nock(EC2).persist().post('/').reply(() => {
    const reply = replies[Math.min(seen.requests, replies.length - 1)];
    seen.requests++;
    return reply;
  });
  return { seen, scope };
}

describe('retries: only what another attempt can change', () => {
  it('attempts an AccessDenied (UnauthorizedOperation) once, and the call fails with it', async () => {
    const { seen } = endpoint([[403, ec2Error('UnauthorizedOperation')]]);
    const { client, stats } = ec2();
    await expect(client.send(new DescribeAddressesCommand({}))).rejects.toMatchObject({ name: 'UnauthorizedOperation' });
    expect(seen.requests).toBe(1);
    expect(stats.summary().retries).toBe(0);
  });

  it('attempts a validation error once', async () => {
    const { seen } = endpoint([[400, ec2Error('InvalidParameterValue')]]);
    const { client } = ec2();
    await expect(client.send(new DescribeAddressesCommand({}))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    expect(seen.requests).toBe(1);
  });

  it('retries an HTML 500 page (a passing emulator failure looks like a missing operation), and returns the answer that follows', async () => {
    const { seen } = endpoint([
      [500, '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>'],
      [200, ADDRESSES],
    ]);
    const { client } = ec2();
    const out = await client.send(new DescribeAddressesCommand({}));
    expect(out.Addresses).toEqual([]);
    expect(seen.requests).toBe(2);
  });

  it('retries an HTML 500 page once only: a second one is the emulator lacking the operation, not a passing failure', async () => {
    const html = '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>';
    const { seen } = endpoint([[500, html]]);
    const { client, stats } = ec2();
    const failed = await client.send(new DescribeAddressesCommand({})).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(isNonProtocolAnswer(failed)).toBe(true);
    expect(seen.requests).toBe(2);
    expect(stats.summary().retries).toBe(1);
  });

  it('retries a 503 and returns the answer that follows', async () => {
    const { seen } = endpoint([
      [503, ec2Error('Unavailable')],
      [200, ADDRESSES],
    ]);
    const { client, stats } = ec2();
    const out = await client.send(new DescribeAddressesCommand({}));
    expect(out.Addresses).toEqual([]);
    expect(seen.requests).toBe(2);
    expect(stats.summary().retries).toBe(1);
  });

  it('retries a throttle, up to the attempts allowed', async () => {
    const { seen } = endpoint([[503, ec2Error('RequestLimitExceeded')]]);
    const { client, stats } = ec2();
    await expect(client.send(new DescribeAddressesCommand({}))).rejects.toMatchObject({ name: 'RequestLimitExceeded' });
    expect(seen.requests).toBe(3);
    expect(stats.summary().throttles).toBe(3);
  });

  it('retries an AWS 500 that speaks the protocol (InternalError)', async () => {
    const { seen } = endpoint([
      [500, ec2Error('InternalError')],
      [200, ADDRESSES],
    ]);
    const { client } = ec2();
    await client.send(new DescribeAddressesCommand({}));
    expect(seen.requests).toBe(2);
  });

  it('records when the first API call was made, in milliseconds since the process started', async () => {
    endpoint([[200, ADDRESSES]]);
    const { client, stats } = ec2();
    expect(stats.summary().firstApiCallMs).toBeUndefined();
    const before = performance.now();
    await client.send(new DescribeAddressesCommand({}));
    const first = stats.summary().firstApiCallMs as number;
    expect(first).toBeGreaterThanOrEqual(Math.floor(before));
    expect(first).toBeLessThanOrEqual(Math.ceil(performance.now()));
  });
});

describe('isFinalError', () => {
  it.each([
    ['AccessDenied', 403, true],
    ['AccessDeniedException', 400, true],
    ['ValidationException', 400, true],
    ['UnsupportedOperation', 400, true],
    ['NotImplemented', 501, true],
    ['ThrottlingException', 400, false],
    ['ServiceUnavailable', 503, false],
    ['InternalError', 500, false],
  ])('%s (HTTP %i): final = %s', (name, status, final) => {
    expect(isFinalError(Object.assign(new Error('x'), { name, $metadata: { httpStatusCode: status } }))).toBe(final);
  });
});
