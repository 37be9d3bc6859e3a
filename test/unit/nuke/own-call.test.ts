// Which "not found" proves a resource gone and when its deletion is accepted (src/aws/nuke/own-call.ts),
// and the audit of every remove(): a remove() that makes more than one kind of change marks its own final
// delete with ownDelete(), so neither a "not found" from an earlier step nor a stop before the delete can
// make nuke report the resource deleted.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countCalls, isAboutTheResource, isOwnCall, OWN_DELETE_OPERATION, ownCall, ownDelete, partCall, removeCallOf } from '../../../src/aws/nuke/own-call.js';

const awsError = (name: string, message = name) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });

class DeleteThingCommand {}
class DeletePartCommand {}
class DescribeThingCommand {}

function client(fail: Record<string, Error>) {
  return {
    marker: 'kept',
    send: async (command: object) => {
      const name = command.constructor.name.replace(/Command$/, '');
      if (fail[name]) throw fail[name];
      return { ok: name };
    },
  };
}

describe('own-call', () => {
  it('countCalls numbers the calls of one remove(), across clients, and leaves the rest of the client alone', async () => {
    const counter = countCalls();
    const a = counter.wrap(client({ DeleteThing: awsError('NotFound') }));
    const b = counter.wrap(client({ DeletePart: awsError('NotFound') }));
    expect(a.marker).toBe('kept');
    await expect(a.send(new DescribeThingCommand())).resolves.toEqual({ ok: 'DescribeThing' });
    const part = await b.send(new DeletePartCommand()).catch((e: unknown) => e);
    const own = await a.send(new DeleteThingCommand()).catch((e: unknown) => e);
    expect(removeCallOf(part)).toEqual({ index: 2, operation: 'DeletePart' });
    expect(removeCallOf(own)).toEqual({ index: 3, operation: 'DeleteThing' });
    expect(isAboutTheResource(own)).toBe(false);
    expect(isAboutTheResource(await countCalls().wrap(client({ DeleteThing: awsError('NotFound') })).send(new DeleteThingCommand()).catch((e: unknown) => e))).toBe(true);
  });

  it('the deletion is accepted once the delete a remove() starts with, or its ownDelete(), succeeds; not a part\'s delete', async () => {
    const first = countCalls();
    await first.wrap(client({})).send(new DeleteThingCommand());
    expect(first.deleteAccepted).toBe(true);
    const parts = countCalls();
    const c = parts.wrap(client({}));
    await c.send(new DescribeThingCommand());
    await partCall(c.send(new DeletePartCommand()));
    expect(parts.deleteAccepted).toBe(false);
    await ownCall(c.send(new DescribeThingCommand()));
    expect(parts.deleteAccepted).toBe(false);
    await ownDelete(c.send(new DeleteThingCommand()));
    expect(parts.deleteAccepted).toBe(true);
    const refused = countCalls();
    const r = refused.wrap(client({ DeleteThing: awsError('AccessDenied') }));
    await r.send(new DescribeThingCommand());
    await ownDelete(r.send(new DeleteThingCommand())).catch(() => undefined);
    expect(refused.deleteAccepted).toBe(false);
  });

  it('ownCall marks what its call throws (only what the pattern names, when given); partCall swallows a part\'s "not found" only', async () => {
    expect(isOwnCall(await ownCall(Promise.reject(awsError('FileSystemNotFound'))).catch((e: unknown) => e))).toBe(true);
    expect(isOwnCall(await ownCall(Promise.reject(awsError('MountTargetNotFound')), /FileSystemNotFound/).catch((e: unknown) => e))).toBe(false);
    await expect(partCall(Promise.reject(awsError('MountTargetNotFound')))).resolves.toBeUndefined();
    await expect(partCall(Promise.reject(awsError('AccessDenied')))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(partCall(Promise.resolve(7))).resolves.toBe(7);
  });
});

/** The body of a resource file's remove(), or undefined when the type deletes nothing. */
function removeBody(source: string): string | undefined {
  const start = source.search(/^ {2}async remove\(/m);
  if (start < 0) return undefined;
  const end = source.indexOf('\n  },', start);
  return source.slice(start, end);
}

describe('every remove() marks its own delete when it does more than one thing', () => {
  const dir = join(process.cwd(), 'src/resources');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  const removes = files.map((f) => ({ file: f, body: removeBody(readFileSync(join(dir, f), 'utf8')) })).filter((r): r is { file: string; body: string } => r.body !== undefined);

  it('finds the removes', () => {
    expect(removes.length).toBeGreaterThan(60);
  });

  // A read (Describe, List, Get) changes nothing; every other command does, and so does emptying a bucket.
  const mutating = (body: string) => [
    ...new Set([...[...body.matchAll(/new (\w+)Command\(/g)].map((m) => m[1]).filter((c) => !/^(Describe|List|Get)/.test(c)), ...(body.includes('emptyBucket(') ? ['emptyBucket'] : [])]),
  ];

  it.each(removes.filter((r) => mutating(r.body).length > 1))('$file wraps its final delete in ownDelete()', ({ body }) => {
    const lines = body.split('\n');
    const last = lines.map((l, i) => (mutating(l).length > 0 ? i : -1)).filter((i) => i >= 0).pop() as number;
    expect(lines[last]).toContain('ownDelete(');
  });

  // The executor takes a NotFound from the first call of a remove() for the resource's own when that call is a
  // Delete*, Terminate*, ...: so a remove() that deletes a part first must say what that call is.
  it.each(removes.filter((r) => mutating(r.body).length > 1))('$file does not start with a bare delete of a part', ({ body }) => {
    const lines = body.split('\n');
    const first = lines.find((l) => mutating(l).length > 0) as string;
    if (mutating(first).some((c) => OWN_DELETE_OPERATION.test(c))) expect(first).toMatch(/ownDelete\(|partCall\(/);
  });

  it('the types audited for sub-steps are among them', () => {
    const multi = removes.filter((r) => mutating(r.body).length > 1).map((r) => r.file);
    for (const f of ['efs-file-system.ts', 'globalaccelerator-accelerator.ts', 'iam-user.ts', 'iam-role.ts', 'iam-policy.ts', 'iam-instance-profile.ts', 'ecs-cluster.ts', 'route53-hosted-zone.ts', 's3-bucket.ts', 'ec2-security-group.ts']) {
      expect(multi).toContain(f);
    }
  });
});

describe('the operation of a real SDK command', () => {
  it('comes from its operation schema, so no bundling can rename it', async () => {
    const { DeleteVpcCommand } = await import('@aws-sdk/client-ec2');
    const counter = countCalls();
    const c = counter.wrap({ send: async (_command: unknown) => Promise.reject(awsError('InvalidVpcID.NotFound')) });
    // A class renamed as a minifier without keepNames would: the schema still names the operation.
    const Renamed = class extends DeleteVpcCommand {};
    Object.defineProperty(Renamed, 'name', { value: 'a' });
    const error = await c.send(new Renamed({ VpcId: 'vpc-1' })).catch((e: unknown) => e);
    expect(removeCallOf(error)).toEqual({ index: 1, operation: 'DeleteVpc' });
    expect(isAboutTheResource(error)).toBe(true);
  });
});
