import { afterEach, describe, expect, it } from 'vitest';
import { iamAccessKey } from '../../../src/resources/iam-access-key.js';
import { testGlobalCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { fakeIam, generateReply, reportCsv, reportReply } from './iam-fake.js';

describe('iam:access-key', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it("lists each user's existing key slots, never the root user's", async () => {
    t = testGlobalCollectContext();
    fakeIam({
      GenerateCredentialReport: () => generateReply('COMPLETE'),
      GetCredentialReport: () =>
        reportReply(
          reportCsv([
            { user: '<root_account>', password: 'not_supported', key1: { active: true, rotated: '2020-01-01T00:00:00+00:00' } },
            { user: 'alice', key1: { active: true, rotated: '2025-01-01T00:00:00+00:00', used: '2026-11-01T00:00:00+00:00', region: 'eu-west-1', service: 'sts' }, key2: { active: false, rotated: '2024-01-01T00:00:00+00:00' } },
            { user: 'bob' },
          ]),
        ),
    });
    const keys = await iamAccessKey.list(t.ctx);
    expect(keys.map((k) => k.id)).toEqual(['alice/access-key-1', 'alice/access-key-2']);
    expect(keys[0]).toMatchObject({
      type: 'iam:access-key',
      name: 'alice access key 1',
      region: 'global',
      createdAt: '2025-01-01T00:00:00.000Z',
      props: { userName: 'alice', userArn: 'arn:aws:iam::111111111111:user/alice', slot: 1, active: true, lastUsedDate: '2026-11-01T00:00:00.000Z', lastUsedRegion: 'eu-west-1', lastUsedService: 'sts', neverUsed: false, lastUsedText: '2026-11-01T00:00:00.000Z' },
    });
    expect(keys[1].props).toMatchObject({ active: false, neverUsed: true, lastUsedText: 'never' });
  });
});
