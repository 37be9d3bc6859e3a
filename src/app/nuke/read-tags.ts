// Nuke only: tags of the types whose list() cannot carry them (ResourceType.readTags), read after
// collection and before planning, so `costguard:keep`, keep rules and tag selections hold for them too.
// A type whose tags could not be read becomes a collection error: the planner then skips its resources
// there as unverified instead of deleting what might be marked to keep.
import type { CollectionError, Inventory, Resource } from '../../core/model.js';
import { resourceType } from '../../resources/registry.js';
import type { CollectContext, ResourceType } from '../../resources/resource-type.js';
import { describeAwsError } from '../../aws/aws-errors.js';
import type { CallStats } from '../../aws/call-stats.js';
import type { ClientFactory } from '../../aws/client-factory.js';
import { AccountClients } from '../../aws/session.js';
import type { ResolvedTarget } from '../../aws/targets/types.js';

export interface ReadTagsOptions {
  inventory: Inventory;
  /** The allowed targets the inventory was collected from (their credentials). */
  targets: readonly ResolvedTarget[];
  /** Resource types by name; the registry unless given. */
  resourceType?: (type: string) => ResourceType | undefined;
  stats: CallStats;
  limiter: ReturnType<typeof ClientFactory.newLimiter>;
  maxAttempts?: number;
  now: Date;
}

type ReadTags = NonNullable<ResourceType['readTags']>;

interface Group {
  type: string;
  readTags: ReadTags;
  accountId: string;
  region: string;
  resources: Resource[];
}

function groupsOf(options: ReadTagsOptions): Group[] {
  const groups = new Map<string, Group>();
  for (const r of options.inventory.resources) {
    const type = (options.resourceType ?? resourceType)(r.type);
    const readTags = type?.readTags?.bind(type);
    if (!readTags) continue;
    const key = `${r.accountId}|${r.region}|${r.type}`;
    const group = groups.get(key) ?? { type: r.type, readTags, accountId: r.accountId, region: r.region, resources: [] };
    group.resources.push(r);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function failure(group: Group, error: unknown): CollectionError {
  const { code, message, operation } = describeAwsError(error);
  return { accountId: group.accountId, region: group.region, operation: operation ?? `${group.type.split(':')[0]}:readTags`, code, message, resourceTypes: [group.type] };
}

/**
 * Read the tags of every inventory resource whose type has readTags, per (account, region, type), and
 * merge them into the resources. Failures are appended to inventory.errors. Mutates the inventory.
 */
export async function readNukeTags(options: ReadTagsOptions): Promise<void> {
  const groups = groupsOf(options);
  if (groups.length === 0) return;
  const factories = new Map<string, AccountClients>();
  const entryFor = (accountId: string) => {
    let entry = factories.get(accountId);
    if (!entry) {
      const target = options.targets.find((t) => t.target.accountId === accountId);
      if (!target) return undefined;
      entry = new AccountClients(target, options);
      factories.set(accountId, entry);
    }
    return entry;
  };
  try {
    const errors = await Promise.all(
      groups.map(async (group): Promise<CollectionError | undefined> => {
        try {
          const entry = entryFor(group.accountId);
          if (!entry) throw new Error(`no credentials for account ${group.accountId}`);
          const ctx: CollectContext = entry.context(entry.apiRegion(group.region), group.region, options.now);
          const tags = await group.readTags(ctx, group.resources);
          for (const r of group.resources) {
            const read = tags.get(r.id);
            if (read) r.tags = { ...r.tags, ...read };
          }
          return undefined;
        } catch (error) {
          return failure(group, error);
        }
      }),
    );
    for (const e of errors) if (e) options.inventory.errors.push(e);
  } finally {
    for (const entry of factories.values()) entry.destroy();
  }
}
