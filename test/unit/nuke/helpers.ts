// Builders for nuke tests: resources, inventories, type infos and allowed accounts.
import type { Inventory, Resource } from '../../../src/core/model.js';
import { defaultNukeConfig } from '../../../src/core/nuke/load.js';
import type { PlanAccountInput, PlanInput } from '../../../src/core/nuke/plan.js';
import type { NukeConfig, NukeTypeInfo } from '../../../src/core/nuke/types.js';
import { resourceType } from '../../../src/resources/registry.js';
import { declaredReferences } from '../../../src/resources/resource-type.js';

export const ACCOUNT = '111111111111';
export const NOW = new Date('2026-11-20T12:00:00Z');

export function res(type: string, id: string, extra: Partial<Resource> = {}): Resource {
  return { type, id, accountId: ACCOUNT, region: 'us-east-1', tags: {}, props: {}, ...extra };
}

export function inventory(resources: Resource[], extra: Partial<Inventory> = {}): Inventory {
  return {
    tool: 'costguard',
    kind: 'inventory',
    schemaVersion: 1,
    version: 'test',
    generatedAt: NOW.toISOString(),
    targets: [...new Set(resources.map((r) => r.accountId).concat(ACCOUNT))].map((accountId) => ({ accountId, source: 'test', regions: ['us-east-1', 'eu-west-1'] })),
    collectedTypes: [...new Set(resources.map((r) => r.type))],
    resources,
    errors: [],
    ...extra,
  };
}

/** A type info with what the registered type declares for the planner: references, collectWith, guard, caller identity (none for made-up types). */
export function typeInfo(type: string, dependsOn: string[] = [], extra: Partial<NukeTypeInfo> = {}): NukeTypeInfo {
  const registered = resourceType(type);
  const references = registered ? declaredReferences(registered) : undefined;
  const declared: Partial<NukeTypeInfo> = {
    ...(references ? { references } : {}),
    ...(registered?.collectWith ? { collectWith: registered.collectWith } : {}),
    ...(registered?.guard ? { guard: (r, ctx) => registered.guard?.(r, ctx) } : {}),
    ...(registered?.callerIdentity ? { callerIdentity: registered.callerIdentity } : {}),
    ...(registered?.ownedVia ? { ownedVia: registered.ownedVia } : {}),
  };
  return { type, scope: type.startsWith('iam:') ? 'global' : 'region', removable: true, dependsOn, ...declared, ...extra };
}

/** A small world of types with realistic dependencies. */
export const LAB_TYPES: NukeTypeInfo[] = [
  typeInfo('ec2:instance'),
  typeInfo('ec2:volume', ['ec2:instance']),
  typeInfo('ec2:elastic-ip', ['ec2:nat-gateway']),
  typeInfo('ec2:nat-gateway'),
  typeInfo('ec2:security-group', ['ec2:instance']),
  typeInfo('ec2:subnet', ['ec2:instance', 'ec2:nat-gateway']),
  typeInfo('ec2:vpc', ['ec2:subnet', 'ec2:security-group']),
  typeInfo('iam:role', ['lambda:function']),
  typeInfo('iam:policy', ['iam:role']),
  typeInfo('lambda:function'),
  typeInfo('s3:bucket'),
];

export function allowed(accountId = ACCOUNT, extra: Partial<PlanAccountInput> = {}): PlanAccountInput {
  return { accountId, source: 'test', status: 'allowed', managementAccount: false, ...extra };
}

export function config(extra: Partial<NukeConfig> = {}): NukeConfig {
  return { ...defaultNukeConfig(), ...extra };
}

export function planInput(resources: Resource[], extra: Partial<PlanInput> = {}): PlanInput {
  return { inventory: inventory(resources), config: config(), types: LAB_TYPES, accounts: [allowed()], now: NOW, version: 'test', ...extra };
}
