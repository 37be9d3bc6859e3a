// What validation knows about resource types, without loading the AWS SDK: each type's scope and
// typed properties. Built from policies/resource-types.json (generated from the registry) by
// src/app/type-catalog.ts; tests build catalogs in code. Core code takes it as a parameter.
import type { CostRole } from './cost-roles.js';

/** A property's kind; "unknown" (a property not yet typed) allows every operator. */
export type CatalogPropertyType = 'string' | 'number' | 'boolean' | 'date' | 'strings' | 'tags' | 'object' | 'unknown';

export interface CatalogProperty {
  type: CatalogPropertyType;
  description?: string;
}

export interface CatalogType {
  description?: string;
  scope?: 'region' | 'global';
  createdAt?: boolean;
  deletable?: boolean;
  /** The part of the cost report the type holds. */
  costRole?: CostRole;
  properties: Record<string, CatalogProperty>;
}

export interface TypeCatalog {
  types: Record<string, CatalogType>;
}

/** Fields every resource has, whatever its type (see core/conditions/field.ts). */
export const BUILTIN_FIELDS: Readonly<Record<string, CatalogPropertyType>> = {
  id: 'string',
  name: 'string',
  arn: 'string',
  region: 'string',
  accountId: 'string',
  type: 'string',
  createdAt: 'date',
  tags: 'tags',
};

const PRESENCE = ['absent', 'present'];

/**
 * Operators that fit each kind of value (the table of PropertyType in src/resources/resource-type.ts).
 * present/absent fit every kind; "unknown" allows every operator.
 */
export const OPERATORS_BY_TYPE: Readonly<Record<Exclude<CatalogPropertyType, 'unknown'>, readonly string[]>> = {
  string: ['eq', 'ne', 'in', 'notIn', 'contains', 'glob', 'regex', ...PRESENCE],
  number: ['eq', 'ne', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', ...PRESENCE],
  boolean: ['eq', 'ne', ...PRESENCE],
  date: ['olderThan', 'newerThan', 'eq', 'ne', 'gt', 'gte', 'lt', 'lte', ...PRESENCE],
  strings: ['contains', 'eq', 'ne', 'in', 'notIn', ...PRESENCE],
  tags: [...PRESENCE],
  object: [...PRESENCE],
};

export function operatorFits(type: CatalogPropertyType, operator: string): boolean {
  return type === 'unknown' || OPERATORS_BY_TYPE[type].includes(operator);
}

export function typeNames(catalog: TypeCatalog): string[] {
  return Object.keys(catalog.types).sort();
}

export function hasType(catalog: TypeCatalog, type: string): boolean {
  return Object.prototype.hasOwnProperty.call(catalog.types, type);
}

/** The names a field of this type may use (built-in fields and the type's properties). */
export function fieldNames(entry: CatalogType | undefined): string[] {
  return [...Object.keys(BUILTIN_FIELDS), ...Object.keys(entry?.properties ?? {})];
}

/**
 * The kind of a field of one resource type, or undefined when the type has no such field.
 * `tags.KEY` and `tag:KEY` are free-form strings; `props.X` is property X; a dotted path below an
 * object (or untyped) property is untyped.
 */
export function fieldType(entry: CatalogType, field: string): CatalogPropertyType | undefined {
  if (field.startsWith('tags.') || field.startsWith('tag:')) return 'string';
  if (Object.prototype.hasOwnProperty.call(BUILTIN_FIELDS, field)) return BUILTIN_FIELDS[field];
  const path = field.startsWith('props.') && !Object.prototype.hasOwnProperty.call(entry.properties, 'props') ? field.slice('props.'.length) : field;
  if (Object.prototype.hasOwnProperty.call(entry.properties, path)) return entry.properties[path].type;
  const root = path.split('.')[0];
  if (root !== path && Object.prototype.hasOwnProperty.call(entry.properties, root)) {
    const rootType = entry.properties[root].type;
    return rootType === 'object' || rootType === 'unknown' ? 'unknown' : undefined;
  }
  return undefined;
}
