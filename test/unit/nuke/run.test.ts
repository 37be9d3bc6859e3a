// A whole nuke run at the HTTP layer (nock): account gates refuse the wrong accounts before anything is
// listed or deleted, confirmation must match, and a confirmed run deletes exactly what the plan says.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nukeExitCode, runNuke, type NukeRequest } from '../../../src/app/nuke/run.js';
import { UsageError, exitCodeFor } from '../../../src/core/errors.js';
import { fakeAws, jsonError, jsonReply, queryReply, type FakeAws } from '../resources/fake-aws.js';

const ACCOUNT = '111111111111';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const CFN_NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const XML = { 'content-type': 'application/xml' };

interface World {
  alias?: string;
  /** MasterAccountId of the organization; undefined: not in an organization. */
  master?: string;
  buckets: Array<{ name: string; tags: Record<string, string> }>;
}

interface Servers {
  sts: FakeAws;
  org: FakeAws;
  s3: FakeAws;
  buckets: Map<string, FakeAws>;
}

function fakeAccount(world: World): Servers {
  const sts = fakeAws('https://sts.us-east-1.amazonaws.com', {
    GetCallerIdentity: () =>
      queryReply('GetCallerIdentity', `<Arn>arn:aws:iam::${ACCOUNT}:user/learner</Arn><UserId>AIDA</UserId><Account>${ACCOUNT}</Account>`, STS_NS),
  });
  fakeAws('https://iam.amazonaws.com', {
    ListAccountAliases: () => queryReply('ListAccountAliases', `<AccountAliases>${world.alias ? `<member>${world.alias}</member>` : ''}</AccountAliases><IsTruncated>false</IsTruncated>`, IAM_NS),
  });
  const org = fakeAws('https://organizations.us-east-1.amazonaws.com', {
    DescribeOrganization: () =>
      world.master
        ? jsonReply({ Organization: { Id: 'o-1', MasterAccountId: world.master } })
        : jsonError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.'),
  });
  fakeAws('https://cloudformation.us-east-1.amazonaws.com', { DescribeStacks: () => queryReply('DescribeStacks', '<Stacks/>', CFN_NS) });
  const listing = world.buckets.map((b) => `<Bucket><Name>${b.name}</Name><CreationDate>2026-11-20T08:00:00.000Z</CreationDate></Bucket>`).join('');
  const s3 = fakeAws('https://s3.us-east-1.amazonaws.com', { ListBuckets: () => ({ body: `<ListAllMyBucketsResult><Buckets>${listing}</Buckets></ListAllMyBucketsResult>`, headers: XML }) }, { route: () => 'ListBuckets' });
  const buckets = new Map<string, FakeAws>();
  for (const b of world.buckets) {
    const tags = Object.entries(b.tags).map(([k, v]) => `<Tag><Key>${k}</Key><Value>${v}</Value></Tag>`).join('');
    buckets.set(
      b.name,
      fakeAws(
        `https://${b.name}.s3.us-east-1.amazonaws.com`,
        {
          GetBucketTagging: () => ({ body: `<Tagging><TagSet>${tags}</TagSet></Tagging>`, headers: XML }),
          ListObjectVersions: () => ({ body: '<ListVersionsResult><IsTruncated>false</IsTruncated></ListVersionsResult>', headers: XML }),
          ListMultipartUploads: () => ({ body: '<ListMultipartUploadsResult><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>', headers: XML }),
          DeleteBucket: () => ({ status: 204, body: '' }),
        },
        { route: (r) => (r.query.has('tagging') ? 'GetBucketTagging' : r.query.has('versions') ? 'ListObjectVersions' : r.query.has('uploads') ? 'ListMultipartUploads' : r.method === 'DELETE' ? 'DeleteBucket' : undefined) },
      ),
    );
  }
  return { sts, org, s3, buckets };
}

function request(extra: Partial<NukeRequest> = {}): NukeRequest {
  return {
    overrides: { include: ['s3:bucket'], regions: ['us-east-1'] },
    targets: {},
    dryRun: true,
    confirmAccounts: [],
    allowManagementAccount: false,
    concurrency: 4,
    maxWaitMs: 60_000,
    maxAttempts: 1,
    passDelayMs: 1,
    ...extra,
  };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect(exitCodeFor(error)).toBe(2);
    return (error as Error).message;
  }
  throw new Error('expected the run to be refused');
}

const LAB: World = { buckets: [{ name: 'lab-data', tags: { lab: 'day1' } }, { name: 'keep-me', tags: { 'costguard:keep': 'yes' } }] };
const deletes = (s: Servers) => [...s.buckets.values()].flatMap((b) => b.calls('DeleteBucket'));

describe('nuke run (HTTP layer)', () => {
  const savedRegion = process.env.AWS_REGION;
  beforeEach(() => {
    process.env.AWS_REGION = 'us-east-1';
  });
  afterEach(() => {
    if (savedRegion === undefined) delete process.env.AWS_REGION;
    else process.env.AWS_REGION = savedRegion;
  });

  it('refuses an account whose alias contains "prod", before listing anything', async () => {
    const s = fakeAccount({ ...LAB, alias: 'acme-prod-main' });
    expect(await refusal(runNuke(request({ dryRun: false, confirmAccounts: [ACCOUNT] })))).toMatch(/alias "acme-prod-main" contains the block term "prod"; nothing was deleted/);
    expect(s.s3.requests).toEqual([]);
    expect(deletes(s)).toEqual([]);
  });

  it('refuses an account on the config block list, and one not on its allow list', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nuke-run-'));
    const blocked = join(dir, 'blocked.yml');
    writeFileSync(blocked, `accounts:\n  block: ["${ACCOUNT}"]\n`);
    const allowOther = join(dir, 'allow.yml');
    writeFileSync(allowOther, 'accounts:\n  allow: ["222222222222"]\n');
    const s = fakeAccount(LAB);
    expect(await refusal(runNuke(request({ config: blocked })))).toMatch(/is on the block list of .*blocked\.yml/);
    expect(s.s3.requests).toEqual([]);
    expect(await refusal(runNuke(request({ config: allowOther })))).toMatch(/is not on the allow list/);
    expect(deletes(s)).toEqual([]);
  });

  it('refuses the Organizations management account unless --allow-management-account', async () => {
    const s = fakeAccount({ ...LAB, master: ACCOUNT });
    expect(await refusal(runNuke(request()))).toMatch(/is the Organizations management account \(pass --allow-management-account/);
    expect(s.org.calls('DescribeOrganization')).toHaveLength(1);
    expect(s.s3.requests).toEqual([]);
    const allowed = await runNuke(request({ allowManagementAccount: true }));
    expect(allowed.plan.deletions.map((d) => d.id)).toEqual(['lab-data']);
  });

  it('refuses a --confirm-account that does not match, and deletes nothing', async () => {
    const s = fakeAccount(LAB);
    expect(await refusal(runNuke(request({ dryRun: false, confirmAccounts: ['999999999999'] })))).toMatch(/--confirm-account 999999999999 does not match the account this run would nuke: 111111111111/);
    expect(s.s3.requests).toEqual([]);
    expect(deletes(s)).toEqual([]);
  });

  it('without a terminal, --no-dry-run needs --confirm-account: refused before any AWS call', async () => {
    const s = fakeAccount(LAB);
    expect(await refusal(runNuke(request({ dryRun: false })))).toMatch(/needs --confirm-account/);
    expect(s.sts.requests).toEqual([]);
  });

  it('a dry run plans and deletes nothing; a confirmed run deletes exactly the plan; the kept bucket stays', async () => {
    const s = fakeAccount(LAB);
    const dry = await runNuke(request());
    expect(dry.receipt).toBeUndefined();
    expect(dry.plan.deletions.map((d) => d.id)).toEqual(['lab-data']);
    expect(dry.plan.skipped).toMatchObject([{ id: 'keep-me', category: 'kept', reason: 'tagged costguard:keep' }]);
    expect(dry.plan.accounts[0]).toMatchObject({ accountId: ACCOUNT, status: 'allowed', callerArn: `arn:aws:iam::${ACCOUNT}:user/learner` });
    expect(deletes(s)).toEqual([]);
    expect(nukeExitCode(dry)).toBe(0);

    const real = await runNuke(request({ dryRun: false, confirmAccounts: [ACCOUNT] }));
    expect(real.receipt?.summary).toMatchObject({ deleted: 1, failed: 0, skipped: 1 });
    expect(s.buckets.get('lab-data')?.calls('DeleteBucket')).toHaveLength(1);
    expect(s.buckets.get('keep-me')?.calls('DeleteBucket')).toEqual([]);
    expect(nukeExitCode(real)).toBe(0);
  });

  it('reads KMS key tags before planning: a key tagged costguard:keep stays, also in a confirmed run', async () => {
    fakeAccount(LAB);
    const tags: Record<string, Array<{ TagKey: string; TagValue: string }>> = { 'key-keep': [{ TagKey: 'costguard:keep', TagValue: 'yes' }], 'key-lab': [{ TagKey: 'lab', TagValue: 'day1' }] };
    const kms = fakeAws('https://kms.us-east-1.amazonaws.com', {
      ListKeys: () => jsonReply({ Keys: Object.keys(tags).map((KeyId) => ({ KeyId, KeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KeyId}` })), Truncated: false }),
      ListAliases: () => jsonReply({ Aliases: [], Truncated: false }),
      DescribeKey: (req) => jsonReply({ KeyMetadata: { KeyId: String(req.json?.KeyId).split('/').pop(), KeyManager: 'CUSTOMER', KeyState: 'Enabled', CreationDate: 1704067200 } }),
      ListResourceTags: (req) => jsonReply({ Tags: tags[String(req.json?.KeyId).split('/').pop() as string] ?? [], Truncated: false }),
      ScheduleKeyDeletion: (req) => jsonReply({ KeyId: req.json?.KeyId, KeyState: 'PendingDeletion', PendingWindowInDays: 7 }),
    });
    const overrides = { include: ['kms:key'], regions: ['us-east-1'] };
    const dry = await runNuke(request({ overrides }));
    expect(dry.plan.deletions.map((d) => d.id)).toEqual(['key-lab']);
    expect(dry.plan.skipped).toMatchObject([{ id: 'key-keep', category: 'kept', reason: 'tagged costguard:keep' }]);
    expect(kms.calls('ListResourceTags')).toHaveLength(2);

    const real = await runNuke(request({ overrides, dryRun: false, confirmAccounts: [ACCOUNT] }));
    expect(real.receipt?.summary).toMatchObject({ deleted: 1, failed: 0, skipped: 1 });
    expect(kms.calls('ScheduleKeyDeletion').map((c) => c.json?.KeyId)).toEqual(['key-lab']);
  });

  it('asks a person once, and deletes nothing when the answer does not match', async () => {
    const s = fakeAccount({ ...LAB, alias: 'lab-sandbox' });
    const asked: string[][] = [];
    const result = await runNuke(request({ dryRun: false, confirm: async (_plan, expected) => (asked.push(expected), false) }));
    expect(asked).toEqual([[ACCOUNT, 'lab-sandbox']]);
    expect(result.declined).toBe(true);
    expect(nukeExitCode(result)).toBe(2);
    expect(deletes(s)).toEqual([]);
  });
});
