import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RESOURCE_TYPES, resourceType } from '../../../src/resources/registry.js';
import type { PropertyType, ResourceType } from '../../../src/resources/resource-type.js';

const PROPERTY_TYPES: readonly PropertyType[] = ['string', 'number', 'boolean', 'date', 'strings', 'tags', 'object'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const resourcesDir = join(root, 'src/resources');
const NOT_TYPES = new Set(['registry.ts', 'resource-type.ts']);

function looksLikeResourceType(value: unknown): value is ResourceType {
  return typeof value === 'object' && value !== null && typeof (value as ResourceType).type === 'string' && typeof (value as ResourceType).list === 'function';
}

async function exportedTypes(): Promise<Array<{ file: string; exported: ResourceType }>> {
  const files = readdirSync(resourcesDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts') && !NOT_TYPES.has(f));
  const out: Array<{ file: string; exported: ResourceType }> = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(resourcesDir, file)).href)) as Record<string, unknown>;
    for (const value of Object.values(mod)) if (looksLikeResourceType(value)) out.push({ file, exported: value });
  }
  return out;
}

/** Every *.test.ts under test/ and src/, with its text. */
function testFiles(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (entry.name.endsWith('.test.ts')) out.push({ name: entry.name, text: readFileSync(path, 'utf8') });
    }
  };
  for (const d of [join(root, 'test'), join(root, 'src')]) if (existsSync(d)) walk(d);
  return out;
}

/** A type file is tested when a test is named after it or imports it. */
function isTested(file: string, tests: Array<{ name: string; text: string }>): boolean {
  const stem = basename(file, '.ts');
  return tests.some((t) => t.name === `${stem}.test.ts` || t.text.includes(`resources/${stem}.js'`));
}

describe('resource type registry', () => {
  it('registers every resource type a file under src/resources exports', async () => {
    const found = await exportedTypes();
    expect(found.length).toBeGreaterThan(0);
    const missing = found.filter(({ exported }) => !RESOURCE_TYPES.includes(exported)).map(({ file, exported }) => `${exported.type} (${file})`);
    expect(missing).toEqual([]);
  });

  it('has every resource type file tested (a <file>.test.ts, or a test importing it)', async () => {
    const tests = testFiles();
    const untested = [...new Set((await exportedTypes()).map(({ file }) => file))].filter((file) => !isTested(file, tests));
    expect(untested).toEqual([]);
  });

  it('names types service:kebab-name, once each, and finds them by name', () => {
    const names = RESOURCE_TYPES.map((t) => t.type);
    expect(new Set(names).size).toBe(names.length);
    for (const t of RESOURCE_TYPES) {
      expect(t.type).toMatch(/^[a-z][a-z0-9]*:[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(resourceType(t.type)).toBe(t);
    }
  });

  it.each(RESOURCE_TYPES.map((t) => [t.type, t] as const))('%s declares its scope, description, list permissions and properties', (_name, t) => {
    expect(['region', 'global']).toContain(t.scope);
    expect(t.description.trim().length).toBeGreaterThan(0);
    expect(t.permissions.list.length).toBeGreaterThan(0);
    for (const action of [...t.permissions.list, ...(t.permissions.remove ?? [])]) expect(action).toMatch(/^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/);
    expect(new Set(t.permissions.list).size).toBe(t.permissions.list.length);
    const props = Object.entries(t.properties);
    expect(props.length).toBeGreaterThan(0);
    for (const [name, spec] of props) {
      expect(name).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(PROPERTY_TYPES, `${t.type}.${name} has an unknown property type`).toContain(spec.type);
      expect(spec.description.trim().length).toBeGreaterThan(0);
      if (!spec.ref) continue;
      expect(['uses', 'attached', 'both', 'none']).toContain(spec.ref.kind);
      for (const to of typeof spec.ref.to === 'string' ? [spec.ref.to] : spec.ref.to) {
        expect(resourceType(to), `${t.type}.${name} refers to unknown type ${to}`).toBeDefined();
      }
    }
    if (t.remove) expect(t.permissions.remove?.length ?? 0).toBeGreaterThan(0);
    for (const dep of t.dependsOn ?? []) expect(resourceType(dep), `${t.type} depends on unknown type ${dep}`).toBeDefined();
    for (const other of t.collectWith ?? []) expect(resourceType(other), `${t.type} is collected with unknown type ${other}`).toBeDefined();
  });

  it('records in the demo account only declared properties, each holding a value of its declared type', () => {
    const demo = JSON.parse(readFileSync(join(root, 'demo/demo-account.json'), 'utf8')) as { resources: Array<{ type: string; id: string; props: Record<string, unknown> }> };
    const problems: string[] = [];
    for (const r of demo.resources) {
      const t = resourceType(r.type);
      if (!t) continue; // local:* types live in src/local
      for (const [name, value] of Object.entries(r.props)) {
        const spec = t.properties[name];
        if (!spec) problems.push(`${r.type} ${r.id}: ${name} is not declared`);
        else if (value !== undefined && value !== null && !fitsType(spec.type, value)) problems.push(`${r.type} ${r.id}: ${name} = ${JSON.stringify(value)} is not a ${spec.type}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

function fitsType(type: PropertyType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'tags':
    case 'object':
      return typeof value === 'object';
  }
}
