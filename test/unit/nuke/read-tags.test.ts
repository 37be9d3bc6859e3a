// Nuke reads the tags list() cannot carry (KMS keys, hosted zones, IAM policies) before planning, so a resource
// tagged costguard:keep stays; when the tags cannot be read the type fails there and its resources stay unverified.
import { afterEach, describe, expect, it } from 'vitest';
import { CallStats } from '../../../src/aws/call-stats.js';
import { ClientFactory } from '../../../src/aws/client-factory.js';
import { nukeTypeInfo } from '../../../src/app/nuke/run.js';
import { readNukeTags } from '../../../src/app/nuke/read-tags.js';
import type { ResolvedTarget } from '../../../src/aws/targets/types.js';
import type { Inventory } from '../../../src/core/model.js';
import { planNuke } from '../../../src/core/nuke/plan.js';
import { fakeAws, jsonError, jsonReply, queryReply, type FakeAws, type FakeHandler } from '../resources/fake-aws.js';
import { ACCOUNT, allowed, config, inventory, NOW, res } from './helpers.js';

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const keyArn = (id: string) => `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${id}`;
const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;

const target: ResolvedTarget = {
  target: { accountId: ACCOUNT, source: 'test' },
  credentials: async () => ({ accessKeyId: 'AKIATESTTESTTESTTEST', secretAccessKey: 'test-secret' }),
  homeRegion: 'eu-west-1',
};

function lab(): Inventory {
  const key = (id: string) => res('kms:key', id, { region: 'eu-west-1', arn: keyArn(id), props: { keyManager: 'CUSTOMER', keyState: 'Enabled' } });
  return inventory([
    key('key-keep'),
    key('key-lab'),
    res('kms:key', 'key-aws', { region: 'eu-west-1', arn: keyArn('key-aws'), props: { keyManager: 'AWS', keyState: 'Enabled' } }),
    res('iam:policy', 'keep-policy', { region: 'global', arn: policyArn('keep-policy') }),
    res('iam:policy', 'lab-policy', { region: 'global', arn: policyArn('lab-policy') }),
  ]);
}

const KEY_TAGS: Record<string, Record<string, string>> = { 'key-keep': { 'costguard:keep': 'yes', lab: 'day1' }, 'key-lab': { lab: 'day1' } };
const POLICY_TAGS: Record<string, Record<string, string>> = { 'keep-policy': { 'costguard:keep': '' }, 'lab-policy': {} };

const kmsTags: FakeHandler = (req) => {
  const id = String(req.json?.KeyId).split('/').pop() as string;
  return jsonReply({ Tags: Object.entries(KEY_TAGS[id] ?? {}).map(([TagKey, TagValue]) => ({ TagKey, TagValue })), Truncated: false });
};
const policyTags: FakeHandler = (req) => {
  const name = String(req.form.get('PolicyArn')).split('/').pop() as string;
  const members = Object.entries(POLICY_TAGS[name] ?? {}).map(([k, v]) => `<member><Key>${k}</Key><Value>${v}</Value></member>`);
  return queryReply('ListPolicyTags', `<Tags>${members.join('')}</Tags><IsTruncated>false</IsTruncated>`, IAM_NS);
};

async function readAndPlan(inv: Inventory) {
  const stats = new CallStats();
  await readNukeTags({ inventory: inv, targets: [target], stats, limiter: ClientFactory.newLimiter(4), maxAttempts: 1, now: NOW });
  const plan = planNuke({ inventory: inv, config: config({ types: { include: ['kms:key', 'iam:policy'], exclude: [] } }), types: nukeTypeInfo(), accounts: [allowed()], now: NOW, version: 'test' });
  return { plan, stats };
}

describe('nuke: tags list() cannot carry', () => {
  let servers: FakeAws[] = [];
  afterEach(() => (servers = []));

  it('reads key and policy tags before planning: what is tagged costguard:keep stays as kept, the rest goes', async () => {
    servers = [fakeAws('https://kms.eu-west-1.amazonaws.com', { ListResourceTags: kmsTags }), fakeAws('https://iam.amazonaws.com', { ListPolicyTags: policyTags })];
    const inv = lab();
    const { plan, stats } = await readAndPlan(inv);
    expect(inv.resources.find((r) => r.id === 'key-keep')?.tags).toEqual({ 'costguard:keep': 'yes', lab: 'day1' });
    expect(plan.deletions.map((d) => d.id).sort()).toEqual(['key-lab', 'lab-policy']);
    expect(plan.skipped.map((s) => [s.id, s.category, s.reason]).sort()).toEqual([
      ['keep-policy', 'kept', 'tagged costguard:keep'],
      ['key-aws', 'managed', 'AWS managed key'],
      ['key-keep', 'kept', 'tagged costguard:keep'],
    ]);
    expect(inv.errors).toEqual([]);
    // One call per customer managed key (in the key's region) and per policy (global, from us-east-1); none for the AWS managed key.
    expect(servers[0].calls('ListResourceTags').map((c) => c.json?.KeyId).sort()).toEqual([keyArn('key-keep'), keyArn('key-lab')]);
    expect(servers[1].calls('ListPolicyTags')).toHaveLength(2);
    expect(servers[1].calls('ListPolicyTags')[0].headers.authorization).toMatch(/\/us-east-1\/iam\//);
    expect(stats.count()).toBe(4);
  });

  it('when the tags cannot be read, records a collection error and skips the keys as unverified, deleting none', async () => {
    servers = [
      fakeAws('https://kms.eu-west-1.amazonaws.com', { ListResourceTags: () => jsonError('AccessDeniedException', 'User is not authorized to perform: kms:ListResourceTags') }),
      fakeAws('https://iam.amazonaws.com', { ListPolicyTags: policyTags }),
    ];
    const inv = lab();
    const { plan } = await readAndPlan(inv);
    expect(inv.errors).toEqual([
      { accountId: ACCOUNT, region: 'eu-west-1', operation: 'kms:ListResourceTags', code: 'AccessDeniedException', message: 'User is not authorized to perform: kms:ListResourceTags', resourceTypes: ['kms:key'] },
    ]);
    expect(plan.errors).toHaveLength(1);
    expect(plan.deletions.map((d) => d.id)).toEqual(['lab-policy']);
    const keys = plan.skipped.filter((s) => s.type === 'kms:key').map((s) => [s.id, s.category]);
    expect(keys.sort()).toEqual([
      ['key-aws', 'managed'],
      ['key-keep', 'unverified'],
      ['key-lab', 'unverified'],
    ]);
    expect(plan.skipped.find((s) => s.id === 'key-lab')?.reason).toMatch(/^kms:key could not be listed in eu-west-1: AccessDeniedException$/);
  });

  it('makes no call when no collected type needs its tags read', async () => {
    const inv = inventory([res('s3:bucket', 'b')]);
    const stats = new CallStats();
    await readNukeTags({ inventory: inv, targets: [target], stats, limiter: ClientFactory.newLimiter(4), now: NOW });
    expect(stats.count()).toBe(0);
    expect(inv.errors).toEqual([]);
  });
});
