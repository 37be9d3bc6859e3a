// Shared SDK clients (ClientPool): every account's calls go through one client per service and region,
// and each request is still signed with the credentials of the account that sent it.
import { afterEach, describe, expect, it } from 'vitest';
import nock from 'nock';
import { DescribeAddressesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CallStats } from '../../../src/aws/call-stats.js';
import { ClientFactory, ClientPool } from '../../../src/aws/client-factory.js';
import { ec2Reply, fakeAws, ORIGINS } from '../resources/fake-aws.js';

afterEach(() => nock.cleanAll());

const keyOf = (authorization: string | undefined) => /Credential=([^/]+)\//.exec(authorization ?? '')?.[1];

describe('ClientPool', () => {
  it('signs each call with the credentials of the account whose view sent it, with calls of many accounts interleaved', async () => {
    const server = fakeAws(ORIGINS.ec2, { DescribeAddresses: () => ec2Reply('DescribeAddresses', '<addressesSet/>') });
    const stats = new CallStats();
    // A run-wide bound of 3 queues most calls, so a call can start when another account's call ends.
    const limiter = ClientFactory.newLimiter(3);
    const pool = new ClientPool({ stats, limiter, maxAttempts: 1 });
    const accounts = Array.from({ length: 6 }, (_, i) => `AKIAACCOUNT00000000${i}`);
    const factories = accounts.map(
      (key, i) =>
        new ClientFactory({
          // half static keys, half providers that take a turn of the event loop
          credentials: i % 2 ? { accessKeyId: key, secretAccessKey: 'secret' } : async () => { await new Promise((r) => setTimeout(r, 1)); return { accessKeyId: key, secretAccessKey: 'secret' }; },
          stats,
          limiter,
          pool,
        }),
    );
    try {
      const sent: string[] = [];
      await Promise.all(
        factories.flatMap((f, i) =>
          Array.from({ length: 5 }, async () => {
            // The request names its account (AllocationId), so each one can be checked against its signature.
            await f.client(EC2Client, 'us-east-1').send(new DescribeAddressesCommand({ AllocationIds: [`eipalloc-account${i}`] }));
            sent.push(accounts[i]);
          }),
        ),
      );
      expect(sent).toHaveLength(30);
      const keys = server.requests.map((r) => keyOf(r.headers.authorization));
      for (const key of accounts) expect(keys.filter((k) => k === key)).toHaveLength(5);
      // Every single request is signed with the key of the account that sent it (not only the counts).
      for (const r of server.requests) {
        const sender = /eipalloc-account(\d)/.exec(r.body)?.[1];
        expect(sender, r.body).toBeDefined();
        expect(keyOf(r.headers.authorization)).toBe(accounts[Number(sender)]);
      }
      expect(stats.count()).toBe(30);
      // one shared client: the views are the same client underneath
      expect(Object.getPrototypeOf(factories[0].client(EC2Client, 'us-east-1'))).toBe(Object.getPrototypeOf(factories[1].client(EC2Client, 'us-east-1')));
      expect(factories[0].client(EC2Client, 'us-east-1')).toBeInstanceOf(EC2Client);
    } finally {
      for (const f of factories) f.destroy();
      pool.destroy();
    }
  });

  it('never signs for another account with 300 calls of 20 accounts in flight at once, providers answering in random order', async () => {
    // The SDK shares one handler and one handler context per command class between the calls of a
    // shared client (cacheMiddleware): only the credentials each call carries in its async context decide.
    const server = fakeAws(ORIGINS.ec2, { DescribeAddresses: () => ec2Reply('DescribeAddresses', '<addressesSet/>') });
    const stats = new CallStats();
    const limiter = ClientFactory.newLimiter(64);
    const pool = new ClientPool({ stats, limiter, maxAttempts: 1 });
    const accounts = Array.from({ length: 20 }, (_, i) => `AKIAACCOUNT0000000${String(i).padStart(2, '0')}`);
    const factories = accounts.map(
      (key, i) =>
        new ClientFactory({
          credentials:
            i % 3 === 0
              ? { accessKeyId: key, secretAccessKey: 'secret' }
              : async () => {
                  await new Promise((r) => setTimeout(r, (i * 7) % 4));
                  return { accessKeyId: key, secretAccessKey: 'secret' };
                },
          stats,
          limiter,
          pool,
        }),
    );
    try {
      await Promise.all(
        factories.flatMap((f, i) => Array.from({ length: 15 }, () => f.client(EC2Client, 'us-east-1').send(new DescribeAddressesCommand({ AllocationIds: [`eipalloc-account${i}x`] })))),
      );
      expect(server.requests).toHaveLength(300);
      const misSigned = server.requests.filter((r) => keyOf(r.headers.authorization) !== accounts[Number(/eipalloc-account(\d+)x/.exec(r.body)?.[1])]);
      expect(misSigned).toEqual([]);
    } finally {
      for (const f of factories) f.destroy();
      pool.destroy();
    }
  });

  it('refuses a call on a shared client made outside any account', async () => {
    const pool = new ClientPool({ stats: new CallStats(), limiter: ClientFactory.newLimiter(), maxAttempts: 1 });
    try {
      const shared = pool.client(EC2Client as never, 'us-east-1') as unknown as EC2Client;
      await expect(shared.send(new DescribeAddressesCommand({}))).rejects.toThrow(/outside an account/);
    } finally {
      pool.destroy();
    }
  });
});
