// The clients the factory builds skip two per-call costs of the SDK: its logger middleware builds
// `{ input, output }` with every field redacted (a copy of the whole answer) only for a logger with info(),
// and its SigV4 config builds a new signer (a copy of the client config) for every request.
import { loggerMiddleware } from '@aws-sdk/core/client';
import { DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { CallStats } from '../../../src/aws/call-stats.js';
import { ClientFactory, NO_ANSWER_LOGGER } from '../../../src/aws/client-factory.js';
import { ec2Reply, fakeAws, ORIGINS } from '../resources/fake-aws.js';

afterEach(() => nock.cleanAll());

/** Runs the SDK's own logger middleware once with `logger`; returns how often it filtered the answer. */
async function answersFiltered(logger: unknown): Promise<number> {
  let filtered = 0;
  const context = {
    logger,
    inputFilterSensitiveLog: (input: unknown) => input,
    outputFilterSensitiveLog: (output: unknown) => {
      filtered++;
      return output;
    },
  };
  const next = async () => ({ output: { $metadata: { httpStatusCode: 200 }, Volumes: [{ VolumeId: 'vol-1' }] }, response: {} });
  const handler = (loggerMiddleware() as unknown as (n: typeof next, c: typeof context) => (args: unknown) => Promise<unknown>)(next, context);
  await handler({ input: {} });
  return filtered;
}

describe('the SDK clients of a run', () => {
  it('log nothing of the answers, so the SDK does not copy and redact each one', async () => {
    expect(await answersFiltered(NO_ANSWER_LOGGER)).toBe(0);
    // The SDK's default (NoOpLogger has an info()) filters every answer: what this logger saves.
    expect(await answersFiltered({ debug() {}, info() {}, warn() {}, error() {} })).toBe(1);
  });

  it('are built with that logger, which still has what the SDK calls unconditionally', async () => {
    fakeAws(ORIGINS.ec2, { DescribeVolumes: () => ec2Reply('DescribeVolumes', '<volumeSet><item><volumeId>vol-1</volumeId></item></volumeSet>') });
    const factory = new ClientFactory({ credentials: { accessKeyId: 'AKIATESTTESTTESTTEST', secretAccessKey: 'test-secret' }, stats: new CallStats(), limiter: ClientFactory.newLimiter(), maxAttempts: 1 });
    try {
      const client = factory.client(EC2Client, 'us-east-1');
      expect((client.config as { logger?: unknown }).logger).toBe(NO_ANSWER_LOGGER);
      expect(typeof NO_ANSWER_LOGGER.warn).toBe('function');
      expect(typeof NO_ANSWER_LOGGER.debug).toBe('function');
      const out = await client.send(new DescribeVolumesCommand({}));
      expect(out.Volumes?.map((v) => v.VolumeId)).toEqual(['vol-1']);
    } finally {
      factory.destroy();
    }
  });
});

describe('the signer of a client', () => {
  // That each request of a shared client is signed for the account that sent it, with one signer per
  // client, is checked by client-pool.test.ts (300 interleaved calls of 20 accounts).
  it('is made once, and each request is still signed for its region and service', async () => {
    const server = fakeAws('https://ec2.eu-west-1.amazonaws.com', { DescribeVolumes: () => ec2Reply('DescribeVolumes', '<volumeSet/>') });
    const factory = new ClientFactory({ credentials: { accessKeyId: 'AKIATESTTESTTESTTEST', secretAccessKey: 'secret' }, stats: new CallStats(), limiter: ClientFactory.newLimiter(), maxAttempts: 1 });
    try {
      const client = factory.client(EC2Client, 'eu-west-1');
      await client.send(new DescribeVolumesCommand({}));
      await client.send(new DescribeVolumesCommand({}));
      const signer = (client.config as unknown as { signer: () => Promise<unknown> }).signer;
      expect(await signer()).toBe(await signer());
      const scopes = server.requests.map((r) => /Credential=([^,]+)/.exec(r.headers.authorization ?? '')?.[1]);
      expect(scopes).toHaveLength(2);
      for (const scope of scopes) expect(scope).toMatch(/^AKIATESTTESTTESTTEST\/\d{8}\/eu-west-1\/ec2\/aws4_request$/);
    } finally {
      factory.destroy();
    }
  });
});
