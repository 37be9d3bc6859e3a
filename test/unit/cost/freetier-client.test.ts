import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FreeTierClient,
  FreeTierCommand,
  GetAccountPlanStateCommand,
  GetFreeTierUsageCommand,
  freeTierEndpoint,
  freeTierUnavailableReason,
  listAllFreeTierUsage,
  type FreeTierOperation,
} from '../../../src/aws/freetier.js';
import { fakeAws, jsonError, jsonReply, ORIGIN, testGlobalCollectContext, type FakeRequest, type TestCollectContext } from './helpers.js';

const JSON10 = 'application/x-amz-json-1.0';
const CREDENTIALS = { accessKeyId: 'AKIATESTTESTTESTTEST', secretAccessKey: 'test-secret' };

let t: TestCollectContext | undefined;
afterEach(() => t?.dispose());

/** Sign the request again with the same date and compare: proves the Authorization header is a valid SigV4 signature. */
async function expectValidSignature(req: FakeRequest, body: string): Promise<void> {
  const auth = req.headers.authorization;
  const match = /^AWS4-HMAC-SHA256 Credential=(AKIA[A-Z0-9]+)\/(\d{8})\/us-east-1\/freetier\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
  expect(match, auth).not.toBeNull();
  const [, , day, signedHeaders] = match as RegExpExecArray;
  const names = signedHeaders.split(';');
  expect(names).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'x-amz-target', 'content-type']));
  const amzDate = req.headers['x-amz-date'];
  expect(amzDate.slice(0, 8)).toBe(day);
  const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const headers = Object.fromEntries(names.filter((n) => n !== 'x-amz-date').map((n) => [n, n === 'host' ? 'freetier.us-east-1.api.aws' : req.headers[n]]));
  const again = await new SignatureV4({ service: 'freetier', region: 'us-east-1', credentials: CREDENTIALS, sha256: Sha256 }).sign(
    new HttpRequest({ method: 'POST', protocol: 'https:', hostname: 'freetier.us-east-1.api.aws', path: '/', headers, body }),
    { signingDate },
  );
  expect(again.headers.authorization).toBe(auth);
}

describe('Free Tier API client', () => {
  it('POSTs awsJson 1.0 with the X-Amz-Target header and a valid SigV4 signature (service freetier, us-east-1)', async () => {
    t = testGlobalCollectContext();
    const server = fakeAws(ORIGIN.freetier, { GetAccountPlanState: () => jsonReply({ accountId: '111111111111', accountPlanType: 'PAID', accountPlanStatus: 'ACTIVE' }, JSON10) });
    const out = await t.ctx.client(FreeTierClient).send(new GetAccountPlanStateCommand());

    expect(out.accountPlanType).toBe('PAID');
    const [req] = server.calls('GetAccountPlanState');
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/');
    expect(req.headers['x-amz-target']).toBe('AWSFreeTierService.GetAccountPlanState');
    expect(req.headers['content-type']).toBe(JSON10);
    expect(req.json).toEqual({});
    await expectValidSignature(req, '{}');
  });

  it('reads the plan: type, status, credits and the expiry timestamp (epoch seconds)', async () => {
    t = testGlobalCollectContext();
    fakeAws(ORIGIN.freetier, {
      GetAccountPlanState: () =>
        jsonReply(
          {
            accountId: '111111111111',
            accountPlanType: 'FREE',
            accountPlanStatus: 'ACTIVE',
            accountPlanRemainingCredits: { amount: 42.5, unit: 'USD' },
            accountPlanExpirationDate: Date.parse('2027-01-15T00:00:00Z') / 1000,
          },
          JSON10,
        ),
    });
    const out = await t.ctx.client(FreeTierClient).send(new GetAccountPlanStateCommand());
    expect(out.accountPlanRemainingCredits).toEqual({ amount: 42.5, unit: 'USD' });
    expect(out.accountPlanExpirationDate?.toISOString()).toBe('2027-01-15T00:00:00.000Z');
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  it('follows nextToken at 1000 offers a page, and counts each call as freetier:GetFreeTierUsage', async () => {
    t = testGlobalCollectContext();
    const offer = (usageType: string) => ({ service: 'Amazon EC2', usageType, actualUsageAmount: 1, forecastedUsageAmount: 2, limit: 750, unit: 'Hrs' });
    const server = fakeAws(ORIGIN.freetier, {
      GetFreeTierUsage: [() => jsonReply({ freeTierUsages: [offer('a')], nextToken: 'tok-2' }, JSON10), () => jsonReply({ freeTierUsages: [offer('b')] }, JSON10)],
    });
    const usages = await listAllFreeTierUsage(t.ctx.client(FreeTierClient));

    expect(usages.map((u) => u.usageType)).toEqual(['a', 'b']);
    const calls = server.calls('GetFreeTierUsage');
    expect(calls.map((c) => c.json)).toEqual([{ maxResults: 1000 }, { maxResults: 1000, nextToken: 'tok-2' }]);
    expect(calls[1].headers['x-amz-target']).toBe('AWSFreeTierService.GetFreeTierUsage');
    expect(t.op('freetier', 'GetFreeTierUsage').calls).toBe(2);
  });

  it('retries a throttle and counts the retry and the throttle', async () => {
    t = testGlobalCollectContext({ maxAttempts: 3 });
    fakeAws(ORIGIN.freetier, {
      GetAccountPlanState: [() => jsonError('ThrottlingException', 'Rate exceeded', 400, JSON10), () => jsonReply({ accountPlanType: 'PAID' }, JSON10)],
    });
    const out = await t.ctx.client(FreeTierClient).send(new GetAccountPlanStateCommand());
    expect(out.accountPlanType).toBe('PAID');
    expect(t.op('freetier', 'GetAccountPlanState')).toMatchObject({ calls: 1, retries: 1, throttles: 1, errors: 0 });
  });

  it('turns error answers into named errors, and says which mean "not available for this account"', async () => {
    t = testGlobalCollectContext({ maxAttempts: 1 });
    fakeAws(ORIGIN.freetier, {
      GetAccountPlanState: [
        () => jsonError('com.amazonaws.freetier#AccessDeniedException', 'member accounts cannot call this', 400, JSON10),
        () => ({ status: 400, body: JSON.stringify({ __type: 'ResourceNotFoundException', message: 'no plan: legacy account' }), headers: { 'content-type': JSON10 } }),
        () => jsonError('InternalServerException', 'boom', 500, JSON10),
      ],
    });
    const client = t.ctx.client(FreeTierClient);
    const denied = await client.send(new GetAccountPlanStateCommand()).catch((e: unknown) => e);
    expect((denied as Error).name).toBe('AccessDeniedException');
    expect(freeTierUnavailableReason(denied)).toBe('AccessDeniedException: member accounts cannot call this');
    const legacy = await client.send(new GetAccountPlanStateCommand()).catch((e: unknown) => e);
    expect(freeTierUnavailableReason(legacy)).toMatch(/^ResourceNotFoundException: no plan/);
    const broken = await client.send(new GetAccountPlanStateCommand()).catch((e: unknown) => e);
    expect((broken as Error).name).toBe('InternalServerException');
    expect(freeTierUnavailableReason(broken)).toBeUndefined();
    expect(t.op('freetier', 'GetAccountPlanState')).toMatchObject({ calls: 3, errors: 3 });
  });

  it('never sends an operation that is not a read (UpgradeAccountPlan changes billing)', async () => {
    class Upgrade extends FreeTierCommand<Record<string, never>, unknown> {
      readonly operation = 'UpgradeAccountPlan' as unknown as FreeTierOperation;
    }
    const server = fakeAws(ORIGIN.freetier, {});
    const client = new FreeTierClient({ credentials: CREDENTIALS });
    await expect(client.send(new Upgrade({}))).rejects.toThrow(/never calls freetier:UpgradeAccountPlan/);
    expect(server.requests).toHaveLength(0);
  });

  it('uses AWS_ENDPOINT_URL_FREETIER, then AWS_ENDPOINT_URL, then the public endpoint', async () => {
    expect(freeTierEndpoint({})).toBe('https://freetier.us-east-1.api.aws/');
    expect(freeTierEndpoint({ AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' })).toBe('http://127.0.0.1:5000');
    expect(freeTierEndpoint({ AWS_ENDPOINT_URL: 'http://127.0.0.1:5000', AWS_ENDPOINT_URL_FREETIER: 'http://127.0.0.1:6000' })).toBe('http://127.0.0.1:6000');
    expect(freeTierEndpoint({ AWS_ENDPOINT_URL_FREETIER: 'http://x', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toBe('https://freetier.us-east-1.api.aws/');

    const server = fakeAws('http://freetier.test:8080', { GetFreeTierUsage: () => jsonReply({ freeTierUsages: [] }, JSON10) });
    const client = new FreeTierClient({ credentials: CREDENTIALS, endpoint: 'http://freetier.test:8080' });
    await client.send(new GetFreeTierUsageCommand({}));
    expect(server.calls('GetFreeTierUsage')).toHaveLength(1);
  });
});
