// What a field name in a condition reads from a resource.
import type { Resource } from '../model.js';
import { lookupPath } from '../template.js';

/** Fields that address the resource itself rather than its props. */
export const RESOURCE_FIELDS = ['id', 'arn', 'name', 'type', 'accountId', 'region', 'createdAt'] as const;

const RESOURCE_FIELD_SET = new Set<string>(RESOURCE_FIELDS);

/**
 * The value of a field: `id`, `arn`, `name`, `type`, `accountId`, `region`, `createdAt` from the
 * resource; `tags.<Key>` or `tag:<Key>` a tag (the key may contain dots and colons); `props.<path>`
 * or any other dotted path a property.
 */
export function fieldValue(resource: Resource, path: string): unknown {
  if (RESOURCE_FIELD_SET.has(path)) return resource[path as (typeof RESOURCE_FIELDS)[number]];
  if (path.startsWith('tags.')) return resource.tags?.[path.slice('tags.'.length)];
  if (path.startsWith('tag:')) return resource.tags?.[path.slice('tag:'.length)];
  if (path === 'tags') return resource.tags;
  if (path.startsWith('props.') && !Object.prototype.hasOwnProperty.call(resource.props ?? {}, 'props')) {
    return lookupPath(resource.props, path.slice('props.'.length));
  }
  return lookupPath(resource.props, path);
}

const hasOwn = (value: object, key: string) => Object.prototype.hasOwnProperty.call(value, key);

/** lookupPath(root, path) with the path split once; a name without dots is one own-property read. */
function pathReader(path: string): (root: unknown) => unknown {
  if (path.includes('.')) return (root) => lookupPath(root, path);
  return (root) => (typeof root === 'object' && root !== null && hasOwn(root, path) ? (root as Record<string, unknown>)[path] : undefined);
}

/** fieldValue(resource, path) as a function of the resource, for a path read many times. */
export function fieldReader(path: string): (resource: Resource) => unknown {
  if (RESOURCE_FIELD_SET.has(path)) {
    const key = path as (typeof RESOURCE_FIELDS)[number];
    return (resource) => resource[key];
  }
  if (path.startsWith('tags.')) {
    const key = path.slice('tags.'.length);
    return (resource) => resource.tags?.[key];
  }
  if (path.startsWith('tag:')) {
    const key = path.slice('tag:'.length);
    return (resource) => resource.tags?.[key];
  }
  if (path === 'tags') return (resource) => resource.tags;
  const whole = pathReader(path);
  if (path.startsWith('props.')) {
    const rest = pathReader(path.slice('props.'.length));
    return (resource) => (!hasOwn(resource.props ?? {}, 'props') ? rest(resource.props) : whole(resource.props));
  }
  return (resource) => whole(resource.props);
}
