import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { parseShard, shardFromEnvironment } from '../../../src/aws/targets/options.js';

describe('--shard auto', () => {
  it('takes a Kubernetes Indexed Job worker (0-based JOB_COMPLETION_INDEX) with COSTGUARD_SHARD_COUNT as shard I/N', () => {
    expect(parseShard('auto', { JOB_COMPLETION_INDEX: '0', COSTGUARD_SHARD_COUNT: '8' })).toEqual({ index: 1, count: 8 });
    expect(parseShard('auto', { JOB_COMPLETION_INDEX: '7', COSTGUARD_SHARD_COUNT: '8' })).toEqual({ index: 8, count: 8 });
  });

  it('takes an AWS Batch array child (AWS_BATCH_JOB_ARRAY_INDEX, AWS_BATCH_JOB_ARRAY_SIZE)', () => {
    expect(shardFromEnvironment({ AWS_BATCH_JOB_ARRAY_INDEX: '3', AWS_BATCH_JOB_ARRAY_SIZE: '10' })).toEqual({ index: 4, count: 10 });
    expect(shardFromEnvironment({ AWS_BATCH_JOB_ARRAY_INDEX: '3', COSTGUARD_SHARD_COUNT: '5' })).toEqual({ index: 4, count: 5 });
  });

  it('is a usage error, naming the variables, without an index, without a count, or with an index past the count', () => {
    expect(() => parseShard('auto', {})).toThrow(/JOB_COMPLETION_INDEX nor AWS_BATCH_JOB_ARRAY_INDEX/);
    expect(() => parseShard('auto', { JOB_COMPLETION_INDEX: '2' })).toThrow(/number of shards is not/);
    expect(() => parseShard('auto', { JOB_COMPLETION_INDEX: '4', COSTGUARD_SHARD_COUNT: '4' })).toThrow(UsageError);
    expect(() => parseShard('auto', { AWS_BATCH_JOB_ARRAY_INDEX: 'x', AWS_BATCH_JOB_ARRAY_SIZE: '4' })).toThrow(UsageError);
    expect(() => parseShard('auto', { JOB_COMPLETION_INDEX: '1', COSTGUARD_SHARD_COUNT: '0' })).toThrow(UsageError);
  });

  it('still reads I/N as given', () => {
    expect(parseShard('2/4', { JOB_COMPLETION_INDEX: '0', COSTGUARD_SHARD_COUNT: '8' })).toEqual({ index: 2, count: 4 });
  });
});
