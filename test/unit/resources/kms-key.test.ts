import { afterEach, describe, expect, it } from 'vitest';
import { kmsKey } from '../../../src/resources/kms-key.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { fakeAws, jsonError, jsonReply, ORIGINS, type FakeReply, type FakeRequest } from './fake-aws.js';

const arnOf = (id: string) => `arn:aws:kms:us-east-1:111111111111:key/${id}`;
const keysPage = (ids: string[], next?: string): FakeReply =>
  jsonReply({ Keys: ids.map((id) => ({ KeyId: id, KeyArn: arnOf(id) })), Truncated: next !== undefined, ...(next ? { NextMarker: next } : {}) });
const aliasesPage = (aliases: Array<[string, string | undefined]>, next?: string): FakeReply =>
  jsonReply({
    Aliases: aliases.map(([name, target]) => ({ AliasName: name, AliasArn: `arn:aws:kms:us-east-1:111111111111:${name}`, ...(target ? { TargetKeyId: target } : {}) })),
    Truncated: next !== undefined,
    ...(next ? { NextMarker: next } : {}),
  });
const metadata: Record<string, Record<string, unknown>> = {
  'key-cust': { KeyManager: 'CUSTOMER', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', Description: 'app data' },
  'key-aws': { KeyManager: 'AWS', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', Description: 'Default key that protects my EBS volumes when no other key is defined' },
  'key-del': { KeyManager: 'CUSTOMER', KeyState: 'PendingDeletion', KeySpec: 'RSA_2048', Description: '', DeletionDate: 1767225600 },
};
const describeKey = (req: FakeRequest): FakeReply => {
  const id = String(req.json?.KeyId).split('/').pop() as string;
  return jsonReply({ KeyMetadata: { AWSAccountId: '111111111111', KeyId: id, Arn: arnOf(id), CreationDate: 1704067200, Enabled: true, ...(metadata[id] ?? { KeyManager: 'CUSTOMER', KeyState: 'Enabled' }) } });
};

describe('kms:key', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('names keys by alias, tells customer from AWS managed keys, and keeps keys pending deletion', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.kms, {
      ListKeys: () => keysPage(['key-cust', 'key-aws', 'key-del']),
      ListAliases: () => aliasesPage([['alias/app', 'key-cust'], ['alias/app-old', 'key-cust'], ['alias/aws/ebs', 'key-aws'], ['alias/aws/s3', undefined]]),
      DescribeKey: describeKey,
    });
    const [cust, aws, del] = await kmsKey.list(t.ctx);
    expect(cust).toEqual({
      type: 'kms:key',
      id: 'key-cust',
      arn: arnOf('key-cust'),
      name: 'alias/app',
      accountId: '111111111111',
      region: 'us-east-1',
      createdAt: '2024-01-01T00:00:00.000Z',
      tags: {},
      props: { keyManager: 'CUSTOMER', keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', description: 'app data', aliases: ['alias/app', 'alias/app-old'] },
    });
    expect(aws.props).toMatchObject({ keyManager: 'AWS', aliases: ['alias/aws/ebs'] });
    expect(del.props).toEqual({ keyManager: 'CUSTOMER', keyState: 'PendingDeletion', keySpec: 'RSA_2048', description: undefined, aliases: [] });
    expect(del.name).toBeUndefined();
    expect(kmsKey.protect?.(aws)).toMatch(/AWS managed/);
    expect(kmsKey.protect?.(cust)).toBeUndefined();

    // One ListKeys, one ListAliases (at its largest page, 100), one DescribeKey per key; no tags (audit stays cheap).
    expect(server.calls('ListAliases').map((c) => c.json?.Limit)).toEqual([100]);
    expect(t.op('kms', 'DescribeKey').calls).toBe(3);
    expect(server.calls('ListResourceTags')).toEqual([]);
  });

  it('reads tags (nuke) of customer managed keys only, one ListResourceTags per key, following every page', async () => {
    t = testCollectContext();
    const tagsPage = (tags: Record<string, string>, next?: string): FakeReply =>
      jsonReply({ Tags: Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })), Truncated: next !== undefined, ...(next ? { NextMarker: next } : {}) });
    const server = fakeAws(ORIGINS.kms, {
      ListKeys: () => keysPage(['key-cust', 'key-aws', 'key-del', 'key-plain']),
      ListAliases: () => aliasesPage([]),
      DescribeKey: describeKey,
      ListResourceTags: (req) =>
        String(req.json?.KeyId).endsWith('key-plain') ? tagsPage({}) : req.json?.Marker === 'tags-2' ? tagsPage({ lab: 'day1' }) : tagsPage({ 'costguard:keep': 'yes' }, 'tags-2'),
    });
    const keys = await kmsKey.list(t.ctx);
    const tags = await kmsKey.readTags?.(t.ctx, keys);
    expect(tags).toEqual(new Map([['key-cust', { 'costguard:keep': 'yes', lab: 'day1' }], ['key-plain', {}]]));
    const calls = server.calls('ListResourceTags').map((c) => [c.json?.KeyId, c.json?.Marker, c.json?.Limit]);
    expect(calls).toEqual(
      expect.arrayContaining([
        [arnOf('key-cust'), undefined, 50],
        [arnOf('key-cust'), 'tags-2', 50],
        [arnOf('key-plain'), undefined, 50],
      ]),
    );
    // AWS managed keys and keys pending deletion are never deleted: their tags are not read.
    expect(calls).toHaveLength(3);
    expect(kmsKey.permissions.remove).toContain('kms:ListResourceTags');
  });

  it('rejects when the tags of a key cannot be read', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.kms, { ListResourceTags: () => jsonError('AccessDeniedException', 'not authorized to perform kms:ListResourceTags') });
    const key = { type: 'kms:key', id: 'key-cust', arn: arnOf('key-cust'), accountId: '111111111111', region: 'us-east-1', tags: {}, props: { keyManager: 'CUSTOMER', keyState: 'Enabled' } };
    await expect(kmsKey.readTags?.(t.ctx, [key])).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('follows every ListAliases page', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.kms, {
      ListKeys: () => keysPage(['key-cust']),
      ListAliases: [() => aliasesPage([['alias/a', 'key-cust']], 'aliases-2'), () => aliasesPage([['alias/b', 'key-cust']])],
      DescribeKey: describeKey,
    });
    const [k] = await kmsKey.list(t.ctx);
    expect(k.props.aliases).toEqual(['alias/a', 'alias/b']);
    expect(server.calls('ListAliases').map((c) => c.json?.Marker)).toEqual([undefined, 'aliases-2']);
  });

  it('records a key whose key policy refuses DescribeKey as a customer key of unknown state, when other keys answer', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.kms, {
      ListKeys: () => keysPage(['key-cust', 'key-locked']),
      ListAliases: () => aliasesPage([['alias/locked', 'key-locked']]),
      DescribeKey: (req) => (String(req.json?.KeyId).endsWith('key-locked') ? jsonError('AccessDeniedException', 'not authorized by the key policy') : describeKey(req)),
    });
    const keys = await kmsKey.list(t.ctx);
    expect(keys.map((k) => k.id)).toEqual(['key-cust', 'key-locked']);
    expect(keys[1]).toMatchObject({ id: 'key-locked', arn: arnOf('key-locked'), name: 'alias/locked', props: { keyManager: 'CUSTOMER', describeDenied: true, aliases: ['alias/locked'] } });
    expect(keys[1].props.keyState).toBeUndefined();
  });

  it('rejects when every key refuses DescribeKey (the caller lacks the permission), or an AWS managed key does', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.kms, {
      ListKeys: () => keysPage(['key-a', 'key-b']),
      ListAliases: () => aliasesPage([]),
      DescribeKey: () => jsonError('AccessDeniedException', 'not authorized to perform kms:DescribeKey'),
    });
    await expect(kmsKey.list(t.ctx)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    t.dispose();
    t = testCollectContext();
    fakeAws(ORIGINS.kms, {
      ListKeys: () => keysPage(['key-cust', 'key-aws']),
      ListAliases: () => aliasesPage([['alias/aws/ebs', 'key-aws']]),
      DescribeKey: (req) => (String(req.json?.KeyId).endsWith('key-aws') ? jsonError('AccessDeniedException', 'denied') : describeKey(req)),
    });
    await expect(kmsKey.list(t.ctx)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('rejects when a key cannot be described', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.kms, {
      ListKeys: () => keysPage(['key-cust']),
      ListAliases: () => aliasesPage([]),
      DescribeKey: () => jsonError('AccessDeniedException', 'not authorized to perform kms:DescribeKey'),
    });
    await expect(kmsKey.list(t.ctx)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  pagedCollectorCases({
    type: kmsKey,
    origin: ORIGINS.kms,
    service: 'kms',
    op: 'ListKeys',
    pageSize: { name: 'Limit', max: 1000 },
    tokenParam: 'Marker',
    page: keysPage,
    throttle: jsonError('ThrottlingException', 'Rate exceeded'),
    denied: jsonError('AccessDeniedException', 'User is not authorized to perform: kms:ListKeys'),
    deniedCode: 'AccessDeniedException',
    extra: { ListAliases: () => aliasesPage([]), DescribeKey: describeKey },
  });
});
