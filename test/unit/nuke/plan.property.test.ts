// Property-based tests of the planner over random inventories and random configs: nothing outside
// the selection is ever planned, nothing kept or protected is ever planned, what a kept resource
// uses is never planned, and every deletion's dependencies come before it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesCondition } from '../../../src/core/conditions/match.js';
import type { Condition } from '../../../src/core/conditions/types.js';
import type { Resource } from '../../../src/core/model.js';
import { dependencyClosure, regionsMeet } from '../../../src/core/nuke/dependencies.js';
import { defaultNukeConfig } from '../../../src/core/nuke/load.js';
import { planNuke, type PlanAccountInput, type PlanInput } from '../../../src/core/nuke/plan.js';
import { builtinProtection, defaultVpcIndex, managedBy, ownerTagRules, type GuardContext } from '../../../src/core/nuke/protect.js';
import { resourceType } from '../../../src/resources/registry.js';
import { matchesAny } from '../../../src/core/nuke/type-globs.js';
import { groupKey, resourceKey, type NukeConfig, type NukeTypeInfo } from '../../../src/core/nuke/types.js';
import { inventory, NOW } from './helpers.js';

const ACCOUNTS = ['111111111111', '222222222222'];
const REGIONS = ['us-east-1', 'eu-west-1'];
const ROLE_NAMES = ['me', 'AWSReservedSSO_Admin_x', 'OrganizationAccountAccessRole', 'AWSServiceRoleForECS', 'app', 'ci'];

const test = (field: string, operator: string, value: unknown): Condition => ({ kind: 'test', field, operator, value });

const SELECT_POOL: Array<{ label: string; condition: Condition }> = [
  { label: '--tag lab=day1', condition: test('tags.lab', 'eq', 'day1') },
  { label: '--newer-than 8h', condition: test('createdAt', 'newerThan', '8h') },
  { label: 'select', condition: { kind: 'not', condition: test('tags.owner', 'present', true) } },
  { label: 'select', condition: { kind: 'any', conditions: [test('name', 'glob', 'lab-*'), test('refs', 'contains', 'x')] } },
];
const KEEP_POOL: Array<{ label: string; condition: Condition }> = [
  { label: 'keep[0]', condition: test('tags.owner', 'eq', 'alice') },
  { label: 'keep[1]', condition: test('name', 'glob', 'keep*') },
  { label: 'keep[2]', condition: test('createdAt', 'olderThan', '30d') },
];

interface World {
  types: NukeTypeInfo[];
  resources: Resource[];
  config: NukeConfig;
  accounts: PlanAccountInput[];
  findings?: Set<string>;
  /** Listings that failed: "account|region|type" (region "global" for global types). */
  failed: string[];
}

function guardOf(type: string): Partial<NukeTypeInfo> {
  const registered = resourceType(type);
  return {
    ...(registered?.guard ? { guard: (r: Resource, ctx: GuardContext) => registered.guard?.(r, ctx) } : {}),
    ...(registered?.callerIdentity ? { callerIdentity: registered.callerIdentity } : {}),
  };
}

/** A random DAG of types: each may depend on types before it; iam:role (global) and ec2:vpc always exist. */
const typesArb = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc
    .tuple(
      fc.array(fc.array(fc.boolean(), { minLength: n + 2, maxLength: n + 2 }), { minLength: n, maxLength: n }),
      fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      fc.array(fc.array(fc.integer({ min: 0, max: 9 }).map((x) => x < 7), { minLength: n + 2, maxLength: n + 2 }), { minLength: n + 2, maxLength: n + 2 }),
    )
    .map(([deps, removable, protects, global, refTo]) => {
      const names = ['iam:role', 'ec2:vpc', ...Array.from({ length: n }, (_, i) => `svc:t${i}`)];
      const types: NukeTypeInfo[] = names.map((type, i) => ({
        type,
        scope: type === 'iam:role' || (i >= 2 && global[i - 2]) ? 'global' : 'region',
        removable: i < 2 ? true : removable[i - 2] || i % 2 === 0,
        dependsOn: i < 2 ? [] : names.filter((_, j) => j < i && deps[i - 2][j]),
        // iam:role and ec2:vpc guard as the registered types do (SSO and service-linked roles, the default VPC).
        ...guardOf(type),
        ...(i >= 2 && protects[i - 2] ? { protect: (r: Resource) => (r.props.managed === true ? 'managed by AWS' : undefined) } : {}),
        // The `refs` property names resources of these types (declared, as a PropertySpec ref would).
        references: { refs: { to: names.filter((other, j) => other !== type && refTo[i][j]), kind: 'uses' as const } },
      }));
      return types;
    }),
);

function resourcesArb(types: NukeTypeInfo[]) {
  const one = fc.record({
    typeIndex: fc.nat({ max: types.length - 1 }),
    account: fc.constantFrom(...ACCOUNTS),
    region: fc.constantFrom(...REGIONS),
    name: fc.option(fc.constantFrom('lab-a', 'keep-b', 'c', ...ROLE_NAMES), { nil: undefined }),
    lab: fc.constantFrom('day1', 'day1', 'day1', 'day2', undefined),
    keepTag: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
    owner: fc.constantFrom('alice', 'bob', undefined, undefined, undefined, undefined),
    stack: fc.constantFrom('stack-1', undefined, undefined, undefined, undefined, undefined, undefined, undefined),
    ageHours: fc.option(fc.oneof(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 2000 })), { nil: undefined, freq: 6 }),
    refs: fc.oneof(fc.constant([] as number[]), fc.array(fc.nat(), { maxLength: 4 })),
    managed: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    isDefault: fc.boolean(),
  });
  return fc.array(one, { maxLength: 40 }).map((raw) => {
    const resources = raw.map((r, i): Resource => {
      const type = types[r.typeIndex];
      const tags: Record<string, string> = {};
      if (r.lab) tags.lab = r.lab;
      if (r.keepTag) tags['costguard:keep'] = '';
      if (r.owner) tags.owner = r.owner;
      if (r.stack) tags['aws:cloudformation:stack-name'] = r.stack;
      const id = type.type === 'iam:role' && r.name ? `${r.name}` : `${type.type.split(':')[1]}-${i}`;
      return {
        type: type.type,
        id,
        ...(r.name ? { name: r.name } : {}),
        accountId: r.account,
        region: type.scope === 'global' ? 'global' : r.region,
        ...(r.ageHours !== undefined ? { createdAt: new Date(NOW.getTime() - r.ageHours * 3600_000).toISOString() } : {}),
        tags,
        props: { managed: r.managed, ...(type.type === 'ec2:vpc' ? { isDefault: r.isDefault } : {}), path: r.name === 'AWSServiceRoleForECS' ? '/aws-service-role/' : '/' },
      };
    });
    // References to other resources' ids, only to the types the source type declares.
    const declared = (source: Resource) => types.find((t) => t.type === source.type)?.references?.refs?.to ?? [];
    raw.forEach((r, i) => {
      const refs = r.refs
        .map((n) => resources[n % resources.length])
        .filter((x): x is Resource => x !== undefined && x.id !== resources[i].id && declared(resources[i]).includes(x.type))
        .map((x) => x.id);
      if (refs.length > 0) resources[i].props.refs = refs;
    });
    // Unique ids per account and type.
    const seen = new Set<string>();
    return resources.filter((r) => {
      const key = `${r.accountId}|${r.region}|${r.type}|${r.id}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  });
}

function configArb(types: NukeTypeInfo[]) {
  const names = types.map((t) => t.type);
  return fc
    .record({
      include: fc.oneof(fc.constant(['*']), fc.subarray(names, { minLength: 1 }), fc.constant(['svc:*'])).map((l) => [...l]),
      exclude: fc.subarray(names, { maxLength: 2 }),
      regions: fc.option(fc.subarray(REGIONS, { minLength: 1 }), { nil: undefined }),
      select: fc.subarray(SELECT_POOL, { maxLength: 1 }),
      keep: fc.subarray(KEEP_POOL, { maxLength: 2 }),
      includeDefaultVpc: fc.boolean(),
    })
    .map(
      (c): NukeConfig => ({
        ...defaultNukeConfig(),
        source: 'random',
        types: { include: c.include, exclude: c.exclude },
        ...(c.regions ? { regions: c.regions } : {}),
        select: c.select,
        keep: c.keep,
        includeDefaultVpc: c.includeDefaultVpc,
      }),
    );
}

const worldArb: fc.Arbitrary<World> = typesArb.chain((types) =>
  fc
    .record({
      resources: resourcesArb(types),
      config: configArb(types),
      statuses: fc.tuple(fc.boolean(), fc.boolean()),
      callers: fc.tuple(fc.constantFrom('me', 'ci', undefined), fc.constantFrom('me', undefined)),
      findingsOn: fc.boolean(),
      findingsPick: fc.array(fc.boolean(), { maxLength: 40 }),
      failed: fc.oneof(
        fc.constant([] as string[]),
        fc.subarray(
          types.flatMap((t) => ACCOUNTS.flatMap((a) => (t.scope === 'global' ? ['global'] : REGIONS).map((region) => `${a}|${region}|${t.type}`))),
          { minLength: 1, maxLength: 3 },
        ),
      ),
    })
    .map(({ resources, config, statuses, callers, findingsOn, findingsPick, failed }) => ({
      types,
      failed,
      resources,
      config,
      accounts: ACCOUNTS.map(
        (accountId, i): PlanAccountInput => ({
          accountId,
          source: 'random',
          status: statuses[i] || i === 0 ? 'allowed' : 'refused',
          ...(callers[i] ? { callerArn: `arn:aws:sts::${accountId}:assumed-role/${callers[i]}/session` } : {}),
        }),
      ),
      ...(findingsOn ? { findings: new Set(resources.filter((_, i) => findingsPick[i]).map(resourceKey)) } : {}),
    })),
);

/** What a run sees: the resources of failed listings are missing, and the failures are recorded. */
function inputOf(world: World): PlanInput {
  const failed = new Set(world.failed);
  return {
    inventory: inventory(
      world.resources.filter((r) => !failed.has(`${r.accountId}|${r.region}|${r.type}`)),
      {
        errors: world.failed.map((key) => {
          const [accountId, region, type] = key.split('|');
          return { accountId, region, operation: `${type}:List`, code: 'AccessDenied', message: 'denied', resourceTypes: [type] };
        }),
      },
    ),
    config: world.config,
    types: world.types,
    accounts: world.accounts,
    ...(world.findings ? { findings: { label: 'rules', keys: world.findings } } : {}),
    now: NOW,
    version: 'test',
  };
}

const scope = { params: {}, prices: {}, now: NOW };

function isCandidate(world: World, r: Resource): boolean {
  const info = world.types.find((t) => t.type === r.type);
  const account = world.accounts.find((a) => a.accountId === r.accountId);
  return (
    account?.status === 'allowed' &&
    info?.removable === true &&
    matchesAny(r.type, world.config.types.include) &&
    !matchesAny(r.type, world.config.types.exclude) &&
    (r.region === 'global' || !world.config.regions || world.config.regions.includes(r.region))
  );
}

function isKept(world: World, r: Resource): boolean {
  return r.tags[world.config.keepTag] !== undefined || world.config.keep.some((k) => matchesCondition(r, k.condition, scope));
}

function protectionContext(world: World) {
  return {
    callerArns: new Map(world.accounts.filter((a) => a.callerArn).map((a) => [a.accountId, a.callerArn as string])),
    defaultVpcs: defaultVpcIndex(world.resources),
    includeDefaultVpc: world.config.includeDefaultVpc,
    types: new Map(world.types.map((t) => [t.type, t])),
  };
}

describe('nuke planner properties (random inventories and configs)', () => {
  it('never plans a resource outside the selection, kept, or protected', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const plan = planNuke(inputOf(world));
        const ctx = protectionContext(world);
        for (const d of plan.deletions) {
          const r = d.resource;
          expect(isCandidate(world, r), `${d.key} is outside the selected accounts, types or regions`).toBe(true);
          expect(isKept(world, r), `${d.key} is kept`).toBe(false);
          expect(builtinProtection(r, ctx), `${d.key} is protected`).toBeUndefined();
          expect(world.types.find((t) => t.type === r.type)?.protect?.(r), `${d.key} is protected by its type`).toBeUndefined();
          expect(managedBy(r, ownerTagRules(world.types)), `${d.key} goes with its owner`).toBeUndefined();
          // One AWS gives no creation time for may go with its holders (--newer-than); the rest match the selection.
          if (d.decidedBy) expect(r.createdAt, `${d.key} was decided by its holders although it has a creation time`).toBeUndefined();
          else expect(world.config.select.every((s) => matchesCondition(r, s.condition, scope)), `${d.key} does not match select`).toBe(true);
          if (world.findings) expect(world.findings.has(d.key), `${d.key} has no finding`).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('with any listings failed, never plans what the plan over the whole account would keep', () => {
    let runsWithFailures = 0;
    fc.assert(
      fc.property(worldArb, (world) => {
        const partial = planNuke(inputOf(world));
        const truth = planNuke(inputOf({ ...world, failed: [] }));
        const allowedInTruth = new Set(truth.deletions.map((d) => d.key));
        if (world.failed.length > 0) runsWithFailures++;
        for (const d of partial.deletions) expect(allowedInTruth.has(d.key), `${d.key} stays when every listing works (failed: ${world.failed.join(', ')})`).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(runsWithFailures).toBeGreaterThan(100);
  });

  it('never plans a resource whose own type or a type that could protect it failed to list there', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const plan = planNuke(inputOf(world));
        const closure = dependencyClosure(world.types);
        // The oracle, from the types' declarations: users (deleted before), containers (list it in dependsOn), declared refs both ways.
        const protects = (protector: string, type: string) => {
          const p = world.types.find((t) => t.type === protector);
          const t = world.types.find((x) => x.type === type);
          return (
            protector === type ||
            closure.get(type)?.has(protector) === true ||
            p?.dependsOn.includes(type) === true ||
            p?.references?.refs?.to.includes(type) === true ||
            t?.references?.refs?.to.includes(protector) === true
          );
        };
        for (const d of plan.deletions) {
          for (const key of world.failed) {
            const [accountId, region, type] = key.split('|');
            if (accountId !== d.accountId || !regionsMeet(region, d.region)) continue;
            expect(protects(type, d.type), `${d.key} planned although ${type} failed to list in ${region}`).toBe(false);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never plans the caller role, SSO, service-linked or organization roles', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const plan = planNuke(inputOf(world));
        for (const d of plan.deletions.filter((x) => x.type === 'iam:role')) {
          const caller = world.accounts.find((a) => a.accountId === d.accountId)?.callerArn?.split('/')[1];
          expect(d.id).not.toBe(caller);
          expect(['AWSReservedSSO_Admin_x', 'OrganizationAccountAccessRole', 'AWSServiceRoleForECS']).not.toContain(d.id);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never plans what a kept resource uses', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const plan = planNuke(inputOf(world));
        const planned = new Set(plan.deletions.map((d) => `${d.accountId}|${d.id}`));
        for (const r of world.resources.filter((x) => isKept(world, x) && world.accounts.find((a) => a.accountId === x.accountId)?.status === 'allowed')) {
          for (const ref of (r.props.refs as string[] | undefined) ?? []) {
            const target = world.resources.find((t) => t.accountId === r.accountId && t.id === ref && regionsMeet(t.region, r.region));
            if (target) expect(planned.has(`${r.accountId}|${ref}`), `${ref} is used by kept ${r.id}`).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('puts every deletion after the deletions it depends on', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const plan = planNuke(inputOf(world));
        const closure = dependencyClosure(world.types);
        plan.deletions.forEach((a, i) => {
          plan.deletions.forEach((b, j) => {
            if (a.accountId !== b.accountId || !regionsMeet(a.region, b.region) || !closure.get(a.type)?.has(b.type)) return;
            expect(j, `${b.key} must come before ${a.key}`).toBeLessThan(i);
            expect(b.step).toBeLessThan(a.step);
            expect(a.after).toContain(groupKey(b));
          });
        });
        for (let i = 1; i < plan.deletions.length; i++) expect(plan.deletions[i - 1].step).toBeLessThanOrEqual(plan.deletions[i].step);
      }),
      { numRuns: 400 },
    );
  });

  it('accounts for every candidate exactly once, as a deletion or as skipped with a reason', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const plan = planNuke(inputOf(world));
        const keys = [...plan.deletions.map((d) => d.key), ...plan.skipped.map((s) => s.key)];
        expect(new Set(keys).size).toBe(keys.length);
        const failed = new Set(world.failed);
        const candidates = world.resources.filter((r) => isCandidate(world, r) && !failed.has(`${r.accountId}|${r.region}|${r.type}`)).map(resourceKey).sort();
        expect([...keys].sort()).toEqual(candidates);
        for (const s of plan.skipped) expect(s.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('generates worlds where plans delete things and skip things for every reason', () => {
    const seen = { deletions: 0, inUse: 0, kept: 0, protected: 0, notSelected: 0, managed: 0, unverified: 0, multiStep: 0, refs: 0 };
    for (const world of fc.sample(worldArb, { numRuns: 300, seed: 42 })) {
      const plan = planNuke(inputOf(world));
      seen.refs += world.resources.filter((r) => r.props.refs).length;
      if (plan.deletions.length > 0) seen.deletions++;
      if (plan.deletions.some((d) => d.step > 1)) seen.multiStep++;
      for (const s of plan.skipped) {
        if (s.category === 'in-use') seen.inUse++;
        if (s.category === 'kept') seen.kept++;
        if (s.category === 'protected') seen.protected++;
        if (s.category === 'not-selected') seen.notSelected++;
        if (s.category === 'managed') seen.managed++;
        if (s.category === 'unverified') seen.unverified++;
      }
    }
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(5);
  });

  it('plans nothing on a second run over what the first one left', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const first = planNuke(inputOf(world));
        const gone = new Set(first.deletions.map((d) => d.key));
        const second = planNuke(inputOf({ ...world, resources: world.resources.filter((r) => !gone.has(resourceKey(r))) }));
        expect(second.deletions.map((d) => d.key)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
