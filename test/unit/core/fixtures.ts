// Small builders for core tests: resources, inventories and packs from inline YAML.
import type { CollectionError, Inventory, Resource } from '../../../src/core/model.js';
import { parsePack } from '../../../src/core/policy/load.js';
import type { Pack } from '../../../src/core/policy/types.js';

export const ACCOUNT = '111122223333';
export const NOW = new Date('2026-06-01T00:00:00Z');

export function resource(overrides: Partial<Resource> & { props?: Record<string, unknown> } = {}): Resource {
  return {
    type: 'ec2:elastic-ip',
    id: 'eipalloc-1',
    accountId: ACCOUNT,
    region: 'us-east-1',
    tags: {},
    props: {},
    ...overrides,
  };
}

export function inventory(resources: Resource[], options: Partial<Inventory> = {}): Inventory {
  const types = [...new Set(resources.map((r) => r.type))];
  return {
    tool: 'costguard',
    kind: 'inventory',
    schemaVersion: 1,
    version: '0.0.0-test',
    generatedAt: NOW.toISOString(),
    targets: [{ accountId: ACCOUNT, alias: 'lab', source: 'test', regions: ['us-east-1', 'eu-west-1'] }],
    collectedTypes: types,
    resources,
    errors: [],
    ...options,
  };
}

export function accessDenied(overrides: Partial<CollectionError> = {}): CollectionError {
  return {
    accountId: ACCOUNT,
    region: 'eu-west-1',
    operation: 'ec2:DescribeAddresses',
    code: 'AccessDenied',
    message: 'not allowed',
    resourceTypes: ['ec2:elastic-ip'],
    ...overrides,
  };
}

/** Parse an inline pack and fail loudly with its problems. */
export function pack(yaml: string, file = 'test.yml'): Pack {
  const { pack: parsed, problems } = parsePack(yaml, file);
  if (!parsed) throw new Error(`fixture pack is invalid:\n${problems.map((p) => `${p.line}:${p.column} ${p.path} ${p.message}`).join('\n')}`);
  return parsed;
}
