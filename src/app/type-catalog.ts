// The resource types as validation sees them, read from policies/resource-types.json (generated
// from the registry), so checking packs and configs never loads the AWS SDK.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/package-root.js';
import { costRoleTypes, type CostRoleTypes } from '../core/cost-roles.js';
import type { TypeCatalog } from '../core/type-catalog.js';

let cached: TypeCatalog | undefined;

/** The shipped catalog (policies/resource-types.json next to the shipped packs), read once. */
export function loadTypeCatalog(file?: string): TypeCatalog {
  if (file === undefined && cached) return cached;
  const path = file ?? join(packageRoot(), 'policies', 'resource-types.json');
  const catalog = JSON.parse(readFileSync(path, 'utf8')) as TypeCatalog;
  if (typeof catalog !== 'object' || catalog === null || typeof catalog.types !== 'object') throw new Error(`${path}: not a resource type catalog (expected { "types": { ... } })`);
  if (file === undefined) cached = catalog;
  return catalog;
}

/** Each part of the cost report → the type that holds it (the catalog's costRole). */
export function costRoles(catalog: TypeCatalog = loadTypeCatalog()): CostRoleTypes {
  return costRoleTypes(Object.entries(catalog.types).map(([type, t]) => ({ type, ...(t.costRole ? { costRole: t.costRole } : {}) })));
}
