// Files generated from the resource type registry: costguard's least-privilege IAM policies, the
// catalog of types and properties (read where the AWS SDK must not load: offline validation), the
// property reference in docs/, and the per-type loaders (a run imports only the types it collects). `npm run build` writes them (scripts/generate-registry.mjs); a unit
// test (test/unit/resources/generated-files.test.ts) fails when a committed file is stale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CostRole } from '../core/cost-roles.js';
import { packageRoot } from '../core/package-root.js';
import { buildCostguardPolicy, formatPolicyJson } from '../core/iam/costguard-policy.js';
import { LOCAL_RESOURCE_TYPES } from '../local/types.js';
import { allResourceTypes } from '../resources/registry.js';
import type { PropertyReference, PropertyType, ResourceType } from '../resources/resource-type.js';

export interface GeneratedFile {
  /** Path from the package root. */
  path: string;
  content: string;
}

/** What the catalog says about one property: its type ("unknown" for the local types' plain descriptions). */
export interface CatalogProperty {
  type: PropertyType | 'unknown';
  description: string;
  ref?: PropertyReference;
}

export interface CatalogType {
  description: string;
  scope: 'region' | 'global';
  createdAt: boolean;
  deletable: boolean;
  /** The part of the cost report the type holds (ResourceType.costRole). */
  costRole?: CostRole;
  properties: Record<string, CatalogProperty>;
}

/** policies/resource-types.json: every type costguard collects, AWS and local, with its properties. */
export interface ResourceCatalog {
  types: Record<string, CatalogType>;
}

export const CATALOG_PATH = 'policies/resource-types.json';
export const REFERENCE_DOC_PATH = 'docs/resource-types-reference.md';
export const LOADERS_PATH = 'src/resources/registry-loaders.ts';
export const REGENERATE_COMMAND = 'npm run build (or, after a build: node scripts/generate-registry.mjs)';

export function resourceCatalog(types: readonly ResourceType[] = allResourceTypes()): ResourceCatalog {
  const out: Record<string, CatalogType> = {};
  for (const t of [...types].sort((a, b) => a.type.localeCompare(b.type))) {
    const properties: Record<string, CatalogProperty> = {};
    for (const [name, spec] of Object.entries(t.properties)) {
      properties[name] = { type: spec.type, description: spec.description, ...(spec.ref ? { ref: spec.ref } : {}) };
    }
    out[t.type] = { description: t.description, scope: t.scope, createdAt: t.createdAt ?? true, deletable: typeof t.remove === 'function', ...(t.costRole ? { costRole: t.costRole } : {}), properties };
  }
  for (const t of LOCAL_RESOURCE_TYPES) {
    const properties: Record<string, CatalogProperty> = {};
    for (const [name, description] of Object.entries(t.properties)) properties[name] = { type: 'unknown', description };
    out[t.type] = { description: t.description, scope: 'global', createdAt: false, deletable: false, properties };
  }
  return { types: out };
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function refText(ref: PropertyReference): string {
  const to = (typeof ref.to === 'string' ? [ref.to] : ref.to).map((t) => `\`${t}\``).join(', ');
  return `${to} (${ref.kind}${ref.byName ? ', by name' : ''})`;
}

/** docs/resource-types-reference.md: one section per type, one row per property. */
export function referenceMarkdown(catalog: ResourceCatalog): string {
  const lines = [
    '# Resource types and their properties',
    '',
    '<!-- Generated from src/resources (the registry) by `npm run build`. Do not edit: change the type file. -->',
    '',
    'Rules (`when:`), nuke configs (`select:`, `keep:`) and suppressions read these properties; `tags.KEY` reads a tag.',
    'Property types decide the operators that fit (see docs/resource-types.md). A reference names other resources:',
    '`uses` (what stays keeps what it uses), `attached` (it stays with what it hangs on), `both`, or `none` (provenance only).',
    '',
    '| type | scope | creation time | nuke deletes it |',
    '| --- | --- | --- | --- |',
    ...Object.entries(catalog.types).map(([name, t]) => `| [\`${name}\`](#${name.replace(/[^a-z0-9-]/g, '')}) | ${t.scope} | ${t.createdAt ? 'yes' : 'no'} | ${t.deletable ? 'yes' : 'no'} |`),
    '',
  ];
  for (const [name, t] of Object.entries(catalog.types)) {
    lines.push(`## ${name}`, '', cell(t.description), '', '| property | type | description | references |', '| --- | --- | --- | --- |');
    for (const [prop, p] of Object.entries(t.properties)) lines.push(`| \`${prop}\` | ${p.type} | ${cell(p.description)} | ${p.ref ? refText(p.ref) : ''} |`);
    lines.push('');
  }
  return lines.join('\n');
}

const REGISTRY_PATH = 'src/resources/registry.ts';

/**
 * src/resources/registry-loaders.ts: one dynamic import() per registered type, in registry order, so
 * a run imports the files (and SDK clients) of the types it collects and no others. Read off the
 * registry's own import lines and list: the i-th name of RESOURCE_TYPES is types[i].
 */
export function registryLoaders(types: readonly ResourceType[], registrySource: string): string {
  const fileOf = new Map<string, string>();
  for (const m of registrySource.matchAll(/^import \{ (\w+) \} from '\.\/([\w-]+)\.js';$/gm)) fileOf.set(m[1], m[2]);
  const list = /RESOURCE_TYPES: readonly ResourceType\[\] = \[([^\]]*)\];/.exec(registrySource)?.[1];
  if (list === undefined) throw new Error(`${REGISTRY_PATH}: RESOURCE_TYPES not found`);
  const names = list
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, '').trim().replace(/,$/, ''))
    .filter(Boolean);
  if (names.length !== types.length) throw new Error(`${REGISTRY_PATH}: ${names.length} names in RESOURCE_TYPES, ${types.length} types registered`);
  const lines = names.map((name, i) => {
    const file = fileOf.get(name);
    if (!file) throw new Error(`${REGISTRY_PATH}: ${name} is not imported from a file of its own`);
    return `  ['${types[i].type}', () => import('./${file}.js').then((m) => m.${name})],`;
  });
  return `// Generated from ${REGISTRY_PATH} by \`npm run build\` (scripts/generate-registry.mjs). Do not edit.
// One import() per resource type, so a run loads the files and SDK clients of the types it collects
// and no others (the bundle gives each its own chunk). test/unit/resources/registry-loaders.test.ts
// checks each loader gives the registered type of its name.
import type { ResourceType } from './resource-type.js';

export const RESOURCE_TYPE_LOADERS: ReadonlyArray<readonly [string, () => Promise<ResourceType>]> = [
${lines.join('\n')}
];

/** The registered types of these names (every one when none are given), in registry order; other names are not registered types (local:*) and are left out. */
export async function loadResourceTypes(names?: Iterable<string>): Promise<ResourceType[]> {
  const wanted = names === undefined ? undefined : new Set(names);
  return Promise.all(RESOURCE_TYPE_LOADERS.filter(([type]) => !wanted || wanted.has(type)).map(([, load]) => load()));
}
`;
}

/** Every generated file, with the content the registry gives it now. */
export function generatedFiles(types: readonly ResourceType[] = allResourceTypes()): GeneratedFile[] {
  const declarations = types.map((t) => ({ type: t.type, list: t.permissions.list, remove: t.permissions.remove }));
  const catalog = resourceCatalog(types);
  return [
    { path: 'policies/iam/costguard-audit.json', content: formatPolicyJson(buildCostguardPolicy('audit', declarations)) },
    { path: 'policies/iam/costguard-nuke.json', content: formatPolicyJson(buildCostguardPolicy('nuke', declarations)) },
    { path: CATALOG_PATH, content: `${JSON.stringify(catalog, null, 2)}\n` },
    { path: REFERENCE_DOC_PATH, content: referenceMarkdown(catalog) },
    { path: LOADERS_PATH, content: registryLoaders(types, readFileSync(join(packageRoot(), REGISTRY_PATH), 'utf8')) },
  ];
}
