import { describe, expect, it } from 'vitest';
import { partialMergeNotice } from '../../../src/report/merge-notice.js';
import { fixtureReport } from './helpers.js';

describe('report merge on partial shards', () => {
  it('says why the merge is incomplete and how to accept it', () => {
    const r = fixtureReport();
    expect(partialMergeNotice(r, false)).toBe(
      'warning: the merged report is incomplete: 1 collection error in 1 account, 1 rule not evaluated — exit 3; pass --allow-partial to accept an incomplete merge',
    );
    expect(partialMergeNotice(r, true)).toMatch(/— accepted \(--allow-partial\)$/);
  });

  it('says nothing when every shard was complete', () => {
    expect(partialMergeNotice({ ...fixtureReport(), errors: [] }, false)).toBeUndefined();
  });
});
