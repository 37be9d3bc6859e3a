// What templates see for one resource.
import type { Resource } from '../model.js';
import type { TemplateScope } from '../template.js';

/**
 * Props by name first (`{{publicIp}}`), then the resource's own fields, `props`, `tags` and
 * whatever the caller adds (params, prices, aggregate values...).
 */
export function resourceScope(resource: Resource, extras: TemplateScope = {}): TemplateScope {
  return {
    ...resource.props,
    id: resource.id,
    arn: resource.arn,
    name: resource.name,
    type: resource.type,
    accountId: resource.accountId,
    region: resource.region,
    createdAt: resource.createdAt,
    tags: resource.tags ?? {},
    props: resource.props ?? {},
    ...extras,
  };
}
