// The behaviours every paginated collector shares, as one parameterised suite: it follows every page at the
// largest page size with one call per page, retries a throttled call (and counts the retry and the throttle),
// and rejects on AccessDenied with the failing operation named, leaving the error to the orchestrator.
import { afterEach, expect, it } from 'vitest';
import { operationOf } from '../../../src/aws/client-factory.js';
import type { Resource } from '../../../src/core/model.js';
import type { ResourceType } from '../../../src/resources/resource-type.js';
import { testCollectContext, testGlobalCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { fakeAws, type FakeHandler, type FakeReply, type FakeRequest } from './fake-aws.js';

/** A request parameter wherever the protocol puts it: form field, JSON member or query string. */
export function param(req: FakeRequest, name: string): string | undefined {
  const fromForm = req.form.get(name);
  if (fromForm !== null) return fromForm;
  const fromJson = req.json?.[name];
  if (fromJson !== undefined) return String(fromJson);
  return req.query.get(name) ?? undefined;
}

export interface PagedCollectorSpec {
  type: ResourceType;
  origin: string;
  /** Stats service prefix, e.g. "ec2". */
  service: string;
  /** The listing operation, e.g. "DescribeVolumes". */
  op: string;
  /** Page-size parameter as it appears on the wire, and the largest value the API accepts. */
  pageSize: { name: string; max: number };
  /** Request parameter that carries the continuation token. */
  tokenParam: string;
  /** One page holding resources with these ids; `next` is the continuation token, if any. */
  page(ids: string[], next?: string): FakeReply;
  throttle: FakeReply;
  denied: FakeReply;
  deniedCode: string;
  /** Answers for the other operations the collector makes (tags, per-item describes...). */
  extra?: Record<string, FakeHandler | FakeHandler[]>;
  /** REST routing for the fake endpoint. */
  route?: (req: Omit<FakeRequest, 'op'>) => string | undefined;
  global?: boolean;
  /** The id list() gives a resource built from a page id (default: the same). */
  idOf?: (pageId: string) => string;
}

export function pagedCollectorCases(spec: PagedCollectorSpec): void {
  let t: TestCollectContext;
  const newContext = () => (t = spec.global ? testGlobalCollectContext() : testCollectContext());
  const fake = (first: FakeHandler | FakeHandler[]) => fakeAws(spec.origin, { ...spec.extra, [spec.op]: first }, { route: spec.route });
  const ids = (rs: Resource[]) => rs.map((r) => r.id);
  const idOf = spec.idOf ?? ((id: string) => id);

  afterEach(() => t?.dispose());

  it(`follows every ${spec.op} page at the largest page size (${spec.pageSize.max}), one call per page`, async () => {
    newContext();
    const server = fake([() => spec.page(['a1', 'a2'], 'page-2-token'), () => spec.page(['b1'])]);
    const resources = await spec.type.list(t.ctx);

    expect(ids(resources)).toEqual(['a1', 'a2', 'b1'].map(idOf));
    const calls = server.calls(spec.op);
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => param(c, spec.pageSize.name))).toEqual([String(spec.pageSize.max), String(spec.pageSize.max)]);
    expect(param(calls[0], spec.tokenParam)).toBeUndefined();
    expect(param(calls[1], spec.tokenParam)).toBe('page-2-token');
    expect(t.op(spec.service, spec.op)).toMatchObject({ calls: 2, retries: 0, errors: 0 });
    for (const r of resources) {
      expect(r).toMatchObject({ type: spec.type.type, accountId: '111111111111', region: spec.global ? 'global' : 'us-east-1' });
    }
  });

  it(`retries a throttled ${spec.op} and records the retry and the throttle`, async () => {
    newContext();
    const server = fake([() => spec.throttle, () => spec.page(['a1'])]);
    const resources = await spec.type.list(t.ctx);

    expect(ids(resources)).toEqual([idOf('a1')]);
    expect(server.calls(spec.op)).toHaveLength(2);
    expect(t.op(spec.service, spec.op)).toMatchObject({ calls: 1, retries: 1, throttles: 1, errors: 0 });
  });

  it(`rejects with ${spec.deniedCode} when ${spec.op} is refused, naming the operation`, async () => {
    newContext();
    const server = fake([() => spec.denied]);
    const error = await spec.type.list(t.ctx).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toMatchObject({ name: spec.deniedCode });
    expect(operationOf(error)).toBe(`${spec.service}:${spec.op}`);
    expect(server.calls(spec.op)).toHaveLength(1);
    expect(t.op(spec.service, spec.op)).toMatchObject({ calls: 1, retries: 0, errors: 1 });
  });

  it('returns nothing for an empty listing with a single call', async () => {
    newContext();
    const server = fake(() => spec.page([]));
    expect(await spec.type.list(t.ctx)).toEqual([]);
    expect(server.requests.map((r) => r.op)).toEqual([spec.op]);
  });
}

export interface RegionOfferSpec {
  /** The service as the test titles name it, e.g. "WorkSpaces". */
  service: string;
  /** The types one endpoint serves (Lightsail's four), each listed in every region. */
  types: ResourceType[];
  /** The service's endpoint in a region. */
  origin: (region: string) => string;
  /** One answer per listing operation. */
  handlers: Record<string, FakeHandler>;
  /** Regions AWS offers no endpoint in: list() makes no call there and finds nothing. */
  absent: string[];
  /** A region it must still ask (where AWS offers it, or one it does not know), and why. */
  present?: { region: string; why?: string; ids: string[] };
}

/**
 * The region cases of a type that skips regions without an endpoint: nothing asked where the service is
 * not offered (the region list is the type's own), and one call per listing where it is.
 */
export function regionOfferCases(spec: RegionOfferSpec): void {
  const listAll = async (region: string) => {
    const t = testCollectContext({ region });
    try {
      const server = fakeAws(spec.origin(region), spec.handlers);
      const found: Resource[] = [];
      for (const type of spec.types) found.push(...(await type.list(t.ctx)));
      return { server, ids: found.map((r) => r.id) };
    } finally {
      t.dispose();
    }
  };

  it(`asks nothing where AWS offers no ${spec.service} (${spec.absent.join(', ')})`, async () => {
    for (const region of spec.absent) {
      const { server, ids } = await listAll(region);
      expect(ids, region).toEqual([]);
      expect(server.requests, region).toHaveLength(0);
    }
  });

  const present = spec.present;
  if (present) {
    it(`still asks in ${present.region}${present.why ? ` (${present.why})` : ''}`, async () => {
      const { server, ids } = await listAll(present.region);
      expect(ids).toEqual(present.ids);
      for (const op of Object.keys(spec.handlers)) expect(server.calls(op), op).toHaveLength(1);
    });
  }
}
