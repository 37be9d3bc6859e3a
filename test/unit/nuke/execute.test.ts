import { describe, expect, it } from 'vitest';
import { executePlan, type ExecuteOptions } from '../../../src/app/nuke/execute.js';
import { classifyFailure } from '../../../src/aws/nuke/failures.js';
import { ownCall, ownDelete, partCall } from '../../../src/aws/nuke/own-call.js';
import { StoppedError, waitUntilGone, pollSettings } from '../../../src/aws/nuke/wait.js';
import type { Resource } from '../../../src/core/model.js';
import { planNuke } from '../../../src/core/nuke/plan.js';
import { renderReceiptTable } from '../../../src/core/nuke/render.js';
import type { NukePlan } from '../../../src/core/nuke/types.js';
import type { RemoveContext, ResourceType } from '../../../src/resources/resource-type.js';
import { LAB_TYPES, planInput, res } from './helpers.js';

const awsError = (name: string, message = name) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Log {
  events: string[];
  inFlight: number;
  maxInFlight: number;
}

/** Fake resource types whose remove() runs `behaviour` (by resource id), logging start and end. */
function fakeTypes(behaviour: (r: Resource, attempt: number, ctx: RemoveContext) => Promise<void> | void, log: Log): (type: string) => ResourceType | undefined {
  const attempts = new Map<string, number>();
  return (type) => ({
    type,
    description: 'fake',
    scope: 'region',
    permissions: { list: ['fake:List'], remove: ['fake:Delete'] },
    properties: { x: { type: 'string', description: 'x' } },
    list: async () => [],
    async remove(ctx, r) {
      const n = (attempts.get(r.id) ?? 0) + 1;
      attempts.set(r.id, n);
      log.events.push(`start ${r.id}`);
      log.inFlight++;
      log.maxInFlight = Math.max(log.maxInFlight, log.inFlight);
      try {
        await sleep(2);
        await behaviour(r, n, ctx);
      } finally {
        log.inFlight--;
        log.events.push(`end ${r.id}`);
      }
    },
  });
}

function labPlan(): NukePlan {
  return planNuke(
    planInput([
      res('ec2:vpc', 'vpc-1'),
      res('ec2:subnet', 'subnet-1'),
      res('ec2:subnet', 'subnet-2'),
      res('ec2:instance', 'i-1'),
      res('ec2:instance', 'i-2'),
      res('ec2:instance', 'i-3'),
      res('ec2:security-group', 'sg-1'),
      res('s3:bucket', 'b-1'),
    ]),
  );
}

function options(plan: NukePlan, resourceType: ExecuteOptions['resourceType'], extra: Partial<ExecuteOptions> = {}): ExecuteOptions {
  return {
    plan,
    resourceType,
    context: (accountId, region, signal) => ({ accountId, region, resourceRegion: region, now: new Date(), signal, client: () => ({}) as never }),
    concurrency: 4,
    maxWaitMs: 60_000,
    passDelayMs: 1,
    version: 'test',
    ...extra,
  };
}

const newLog = (): Log => ({ events: [], inFlight: 0, maxInFlight: 0 });
const statusOf = (receipt: Awaited<ReturnType<typeof executePlan>>, id: string) => receipt.items.find((i) => i.id === id);

describe('nuke executor', () => {
  it('deletes everything, never starting a deletion before what it depends on has finished, within the concurrency bound', async () => {
    const log = newLog();
    const receipt = await executePlan(options(labPlan(), fakeTypes(() => undefined, log), { concurrency: 2 }));
    expect(receipt.summary).toMatchObject({ deleted: 8, failed: 0, skipped: 0 });
    expect(receipt.passes).toBe(1);
    expect(log.maxInFlight).toBeLessThanOrEqual(2);
    const at = (e: string) => log.events.indexOf(e);
    for (const i of ['i-1', 'i-2', 'i-3']) {
      expect(at(`end ${i}`)).toBeLessThan(at('start subnet-1'));
      expect(at(`end ${i}`)).toBeLessThan(at('start sg-1'));
    }
    expect(at('end subnet-2')).toBeLessThan(at('start vpc-1'));
    expect(at('end sg-1')).toBeLessThan(at('start vpc-1'));
  });

  it('runs independent deletions concurrently', async () => {
    const log = newLog();
    const plan = planNuke(planInput(Array.from({ length: 12 }, (_, i) => res('s3:bucket', `b-${i}`))));
    await executePlan(options(plan, fakeTypes(() => sleep(5), log), { concurrency: 5 }));
    expect(log.maxInFlight).toBe(5);
  });

  it('retries a DependencyViolation in a later pass, after its dependency was retried', async () => {
    const log = newLog();
    const receipt = await executePlan(
      options(
        labPlan(),
        fakeTypes((r, attempt) => {
          if (r.id === 'subnet-1' && attempt === 1) throw awsError('DependencyViolation', 'The subnet has dependencies and cannot be deleted.');
        }, log),
      ),
    );
    expect(receipt.summary).toMatchObject({ deleted: 8, failed: 0 });
    expect(receipt.passes).toBe(2);
    expect(statusOf(receipt, 'subnet-1')).toMatchObject({ status: 'deleted', attempts: 2 });
    // The VPC waited for the subnet: deferred in pass 1, deleted once, in pass 2, after the subnet.
    expect(statusOf(receipt, 'vpc-1')).toMatchObject({ status: 'deleted', attempts: 1 });
    expect(log.events.indexOf('start vpc-1')).toBeGreaterThan(log.events.lastIndexOf('end subnet-1'));
  });

  it('retries throttling in a later pass', async () => {
    const receipt = await executePlan(
      options(
        labPlan(),
        fakeTypes((r, attempt) => {
          if (r.id === 'b-1' && attempt < 3) throw awsError('ThrottlingException', 'Rate exceeded');
        }, newLog()),
      ),
    );
    expect(statusOf(receipt, 'b-1')).toMatchObject({ status: 'deleted', attempts: 3 });
    expect(receipt.passes).toBe(3);
  });

  it('reports a permanent failure with its code and still tries what depends on it', async () => {
    const receipt = await executePlan(
      options(
        labPlan(),
        fakeTypes((r) => {
          if (r.id === 'i-2') throw awsError('OperationNotPermitted', 'The instance may not be terminated. Modify its disableApiTermination attribute.');
          if (r.id === 'subnet-1') throw awsError('DependencyViolation', 'The subnet has dependencies.');
        }, newLog()),
      ),
    );
    expect(statusOf(receipt, 'i-2')).toMatchObject({ status: 'failed', code: 'OperationNotPermitted', attempts: 1 });
    expect(statusOf(receipt, 'subnet-1')).toMatchObject({ status: 'failed', code: 'DependencyViolation' });
    expect(statusOf(receipt, 'subnet-1')?.reason).toMatch(/still failing when a pass made no progress/);
    expect(statusOf(receipt, 'subnet-2')).toMatchObject({ status: 'deleted' });
    expect(statusOf(receipt, 'vpc-1')).toMatchObject({ status: 'failed', attempts: 0 });
    expect(statusOf(receipt, 'vpc-1')?.reason).toMatch(/not attempted: it must wait for ec2:subnet subnet-1/);
    expect(receipt.summary.failed).toBe(3);
    const text = renderReceiptTable(receipt);
    expect(text).toMatch(/Failed \(3\):/);
    expect(text).toMatch(/i-2\s+— OperationNotPermitted: The instance may not be terminated/);
    expect(text).toContain('exit 1');
  });

  it('stops after a pass that makes no progress', async () => {
    const receipt = await executePlan(options(labPlan(), fakeTypes((r) => { if (r.id === 'b-1') throw awsError('BucketNotEmpty'); }, newLog())));
    expect(receipt.passes).toBe(2);
    expect(statusOf(receipt, 'b-1')).toMatchObject({ status: 'failed', attempts: 2, code: 'BucketNotEmpty' });
  });

  describe('"already gone" only when the resource itself said so', () => {
    // Commands named like the SDK's: the executor reads the operation from the command's class name.
    class TerminateInstancesCommand {}
    class DescribeMountTargetsCommand {}
    class DeleteMountTargetCommand {}
    class DeleteFileSystemCommand {}
    class RemoveRoleFromInstanceProfileCommand {}
    class DescribeInstancesCommand {}

    /** A fake client whose calls fail as `errors` says (by command class name), recording every call. */
    function scripted(errors: Record<string, Error>, calls: string[]) {
      return {
        send: async (command: object) => {
          const name = command.constructor.name.replace(/Command$/, '');
          calls.push(name);
          await sleep(1);
          if (errors[name]) throw errors[name];
          return {};
        },
      };
    }

    function run(errors: Record<string, Error>, remove: (ctx: RemoveContext) => Promise<void>) {
      const calls: string[] = [];
      const plan = planNuke(planInput([res('s3:bucket', 'b-1')]));
      const types = (type: string): ResourceType => ({ type, description: 'fake', scope: 'region', permissions: { list: [], remove: [] }, properties: {}, list: async () => [], remove: (ctx) => remove(ctx) });
      const context: ExecuteOptions['context'] = (accountId, region, signal) => ({ accountId, region, resourceRegion: region, now: new Date(), signal, client: () => scripted(errors, calls) as never });
      return executePlan(options(plan, types, { context })).then((receipt) => ({ item: statusOf(receipt, 'b-1'), calls }));
    }
    const client = (ctx: RemoveContext) => ctx.client(Object as never) as { send(c: object): Promise<unknown> };

    it('counts a resource as already gone when the delete it starts with says NotFound', async () => {
      const { item, calls } = await run({ TerminateInstances: awsError('InvalidInstanceID.NotFound') }, async (ctx) => {
        await client(ctx).send(new TerminateInstancesCommand());
        await client(ctx).send(new DescribeInstancesCommand());
      });
      expect(item).toMatchObject({ status: 'deleted', reason: 'already gone' });
      expect(calls).toEqual(['TerminateInstances']);
    });

    it('never counts a NotFound from a part deleted first (a mount target) as the resource gone', async () => {
      // The lab's EFS case: the file system stays, so it must not read "deleted".
      const { item, calls } = await run({ DeleteMountTarget: awsError('MountTargetNotFound', 'Mount target mt-1 does not exist') }, async (ctx) => {
        await client(ctx).send(new DescribeMountTargetsCommand());
        await client(ctx).send(new DeleteMountTargetCommand());
        await ownDelete(client(ctx).send(new DeleteFileSystemCommand()));
      });
      expect(calls).toEqual(['DescribeMountTargets', 'DeleteMountTarget']);
      expect(item).toMatchObject({ status: 'failed', code: 'MountTargetNotFound' });
      expect(item?.reason).toMatch(/said by DeleteMountTarget, a step of the removal, not the s3:bucket's own delete: b-1 may still exist/);
    });

    it('counts the NotFound of a later delete only when remove() marks it as its own (ownDelete)', async () => {
      const unmarked = await run({ DeleteFileSystem: awsError('FileSystemNotFound') }, async (ctx) => {
        await client(ctx).send(new DescribeMountTargetsCommand());
        await client(ctx).send(new DeleteFileSystemCommand());
      });
      expect(unmarked.item).toMatchObject({ status: 'failed', code: 'FileSystemNotFound' });
      const marked = await run({ DeleteFileSystem: awsError('FileSystemNotFound') }, async (ctx) => {
        await client(ctx).send(new DescribeMountTargetsCommand());
        await ownDelete(client(ctx).send(new DeleteFileSystemCommand()));
      });
      expect(marked.item).toMatchObject({ status: 'deleted', reason: 'already gone' });
    });

    it('goes on to the own delete after a part already gone (partCall), and its success is a plain deletion', async () => {
      const { item, calls } = await run({ DeleteMountTarget: awsError('MountTargetNotFound') }, async (ctx) => {
        await client(ctx).send(new DescribeMountTargetsCommand());
        await partCall(client(ctx).send(new DeleteMountTargetCommand()));
        await ownDelete(client(ctx).send(new DeleteFileSystemCommand()));
      });
      expect(calls).toEqual(['DescribeMountTargets', 'DeleteMountTarget', 'DeleteFileSystem']);
      expect(item).toMatchObject({ status: 'deleted' });
      expect(item?.reason).toBeUndefined();
    });

    it('does not take a first call that only takes a part away (Remove..., a read) for the own delete', async () => {
      const remove = await run({ RemoveRoleFromInstanceProfile: awsError('NoSuchEntity') }, async (ctx) => {
        await client(ctx).send(new RemoveRoleFromInstanceProfileCommand());
      });
      expect(remove.item).toMatchObject({ status: 'failed', code: 'NoSuchEntity' });
      const read = await run({ DescribeMountTargets: awsError('FileSystemNotFound') }, async (ctx) => {
        await client(ctx).send(new DescribeMountTargetsCommand());
      });
      expect(read.item).toMatchObject({ status: 'failed', code: 'FileSystemNotFound' });
      // A read of the resource itself may prove it gone when remove() says so.
      const own = await run({ DescribeMountTargets: awsError('FileSystemNotFound') }, async (ctx) => {
        await ownCall(client(ctx).send(new DescribeMountTargetsCommand()), /FileSystemNotFound/);
      });
      expect(own.item).toMatchObject({ status: 'deleted', reason: 'already gone' });
    });

    it('counts a NotFound from a wait after its own delete was accepted as the deletion done', async () => {
      const calls: string[] = [];
      const fail: Record<string, Error> = { DescribeInstances: awsError('InvalidInstanceID.NotFound') };
      const plan = planNuke(planInput([res('s3:bucket', 'b-1')]));
      const types = (type: string): ResourceType => ({
        type, description: 'fake', scope: 'region', permissions: { list: [], remove: [] }, properties: {}, list: async () => [],
        remove: async (ctx) => {
          await client(ctx).send(new TerminateInstancesCommand());
          await client(ctx).send(new DescribeInstancesCommand());
        },
      });
      const context: ExecuteOptions['context'] = (accountId, region, signal) => ({ accountId, region, resourceRegion: region, now: new Date(), signal, client: () => scripted(fail, calls) as never });
      const receipt = await executePlan(options(plan, types, { context }));
      expect(calls).toEqual(['TerminateInstances', 'DescribeInstances']);
      expect(statusOf(receipt, 'b-1')).toMatchObject({ status: 'deleted' });
      expect(statusOf(receipt, 'b-1')?.reason).toBeUndefined();
    });

    it('does not count a NotFound that came from no call at all', async () => {
      const { item } = await run({}, async () => {
        throw Object.assign(awsError('ResourceNotFoundException'), { [Symbol.for('costguard.operation')]: 'fake:DeleteThing' });
      });
      expect(item).toMatchObject({ status: 'failed', code: 'ResourceNotFoundException' });
    });

    it('ownCall with a pattern marks only the errors it names', async () => {
      const { item } = await run({ DescribeMountTargets: awsError('MountTargetNotFound') }, async (ctx) => {
        await ownCall(client(ctx).send(new DescribeMountTargetsCommand()), /FileSystemNotFound/);
      });
      expect(item).toMatchObject({ status: 'failed', code: 'MountTargetNotFound' });
    });
  });

  it('on Ctrl-C starts nothing new, waits for deletions in flight and reports the rest as not started', async () => {
    const stop = new AbortController();
    const log = newLog();
    const plan = planNuke(planInput(Array.from({ length: 10 }, (_, i) => res('s3:bucket', `b-${i}`))));
    const receipt = await executePlan(
      options(
        plan,
        fakeTypes(async (r) => {
          if (r.id === 'b-1') stop.abort();
          await sleep(20);
        }, log),
        { concurrency: 2, signal: stop.signal },
      ),
    );
    expect(receipt.interrupted).toBe(true);
    expect(receipt.stopReason).toMatch(/Ctrl-C/);
    const deleted = receipt.items.filter((i) => i.status === 'deleted').map((i) => i.id);
    expect(deleted.sort()).toEqual(['b-0', 'b-1']);
    expect(log.inFlight).toBe(0);
    const notStarted = receipt.items.filter((i) => i.status === 'skipped');
    expect(notStarted).toHaveLength(8);
    expect(notStarted[0]).toMatchObject({ category: 'interrupted', reason: 'not started: stopped by the user (Ctrl-C)' });
    expect(renderReceiptTable(receipt)).toMatch(/Stopped early: stopped by the user \(Ctrl-C\)/);
  });

  it('on Ctrl-C does not wait for a deletion that hangs: after the grace it reports it as in flight and ends', async () => {
    const stop = new AbortController();
    const plan = planNuke(planInput([res('s3:bucket', 'hangs'), res('s3:bucket', 'later')]));
    let snapshot: (() => { items: Array<{ id: string }> }) | undefined;
    const receipt = await executePlan(
      options(
        plan,
        fakeTypes(async (r) => {
          if (r.id !== 'hangs') return;
          stop.abort();
          await new Promise(() => undefined);
        }, newLog()),
        { concurrency: 1, signal: stop.signal, stopGraceMs: 50, onStart: (s) => (snapshot = s) },
      ),
    );
    // The remove() above never settles: that the receipt exists at all shows the run did not wait for it.
    expect(receipt.interrupted).toBe(true);
    expect(statusOf(receipt, 'hangs')).toMatchObject({ status: 'skipped', category: 'interrupted' });
    expect(statusOf(receipt, 'hangs')?.reason).toMatch(/^in flight when the run stopped \(stopped by the user \(Ctrl-C\)\): the delete may have been accepted/);
    expect(statusOf(receipt, 'later')).toMatchObject({ status: 'skipped', reason: 'not started: stopped by the user (Ctrl-C)' });
    expect(snapshot?.().items.map((i) => i.id).sort()).toEqual(['hangs', 'later']);
  });

  it('stops waiting for a slow deletion at --max-wait and says the deletion was accepted', async () => {
    const saved = { ...pollSettings };
    pollSettings.firstDelayMs = 5;
    pollSettings.maxDelayMs = 5;
    class DeleteBucketCommand {}
    try {
      const plan = planNuke(planInput([res('s3:bucket', 'slow'), res('s3:bucket', 'fast')]));
      const receipt = await executePlan(
        options(
          plan,
          fakeTypes(async (r, _n, ctx) => {
            await (ctx.client(Object as never) as { send(c: object): Promise<unknown> }).send(new DeleteBucketCommand());
            if (r.id === 'slow') await waitUntilGone(async () => false, ctx.signal);
          }, newLog()),
          { maxWaitMs: 80, context: (accountId, region, signal) => ({ accountId, region, resourceRegion: region, now: new Date(), signal, client: () => ({ send: async () => ({}) }) as never }) },
        ),
      );
      expect(statusOf(receipt, 'slow')).toMatchObject({ status: 'deleted', reason: 'deletion accepted; still in progress when the run stopped' });
      expect(statusOf(receipt, 'fast')?.status).toBe('deleted');
    } finally {
      Object.assign(pollSettings, saved);
    }
  });

  it('never says "deleted" for a resource stopped before its own delete was sent (still removing its parts)', async () => {
    const saved = { ...pollSettings };
    pollSettings.firstDelayMs = 5;
    pollSettings.maxDelayMs = 5;
    class DescribeMountTargetsCommand {}
    class DeleteMountTargetCommand {}
    class DeleteFileSystemCommand {}
    const calls: string[] = [];
    try {
      const plan = planNuke(planInput([res('s3:bucket', 'fs-1')]));
      const receipt = await executePlan(
        options(
          plan,
          fakeTypes(async (_r, _n, ctx) => {
            const c = ctx.client(Object as never) as { send(c: object): Promise<unknown> };
            await c.send(new DescribeMountTargetsCommand());
            await partCall(c.send(new DeleteMountTargetCommand()));
            await waitUntilGone(async () => false, ctx.signal); // the mount targets never go
            await ownDelete(c.send(new DeleteFileSystemCommand()));
          }, newLog()),
          {
            maxWaitMs: 80,
            context: (accountId, region, signal) => ({ accountId, region, resourceRegion: region, now: new Date(), signal, client: () => ({ send: async (cmd: object) => void calls.push(cmd.constructor.name) }) as never }),
          },
        ),
      );
      expect(calls).toEqual(['DescribeMountTargetsCommand', 'DeleteMountTargetCommand']);
      expect(statusOf(receipt, 'fs-1')).toMatchObject({ status: 'skipped', category: 'interrupted' });
      expect(statusOf(receipt, 'fs-1')?.reason).toMatch(/^stopped \(--max-wait \(0 s\) reached\) before its own delete was sent/);
      expect(receipt.summary.deleted).toBe(0);
      expect(receipt.interrupted).toBe(true);
    } finally {
      Object.assign(pollSettings, saved);
    }
  });

  it('lists the plan\'s skipped items in the receipt with their reasons', async () => {
    const plan = planNuke(planInput([res('s3:bucket', 'keep', { tags: { 'costguard:keep': '' } }), res('s3:bucket', 'go')], { types: LAB_TYPES }));
    const receipt = await executePlan(options(plan, fakeTypes(() => undefined, newLog())));
    expect(statusOf(receipt, 'keep')).toMatchObject({ status: 'skipped', category: 'kept', reason: 'tagged costguard:keep' });
    expect(receipt.summary).toMatchObject({ deleted: 1, skipped: 1, failed: 0 });
  });
});

describe('failure classification', () => {
  it('tells gone, retryable and permanent apart', () => {
    expect(classifyFailure(awsError('DependencyViolation')).kind).toBe('retryable');
    expect(classifyFailure(awsError('Throttling')).kind).toBe('retryable');
    expect(classifyFailure(awsError('RequestLimitExceeded')).kind).toBe('retryable');
    expect(classifyFailure(awsError('ResourceInUseException')).kind).toBe('retryable');
    expect(classifyFailure(awsError('InvalidParameterValue', 'Network interface is currently in use')).kind).toBe('retryable');
    expect(classifyFailure(awsError('InvalidGroup.NotFound')).kind).toBe('gone');
    expect(classifyFailure(awsError('NoSuchEntity')).kind).toBe('gone');
    expect(classifyFailure(awsError('AccessDenied')).kind).toBe('permanent');
    expect(classifyFailure(awsError('UnauthorizedOperation')).kind).toBe('permanent');
  });

  it('waitUntilGone stops with StoppedError when the run stops', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(waitUntilGone(async () => false, stop.signal)).rejects.toBeInstanceOf(StoppedError);
  });
});
