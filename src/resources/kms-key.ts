import { DescribeKeyCommand, KMSClient, ScheduleKeyDeletionCommand, paginateListAliases, paginateListKeys, paginateListResourceTags } from '@aws-sdk/client-kms';
import type { Resource } from '../core/model.js';
import { iso, tagsOf, type CollectContext, type ResourceType } from './resource-type.js';

/** ListKeys accepts 1..1000 items per page. */
const KEYS_PAGE_SIZE = 1000;
/** ListAliases accepts 1..100 items per page. */
const ALIASES_PAGE_SIZE = 100;
/** ListResourceTags accepts 1..50 items per page. */
const TAGS_PAGE_SIZE = 50;

async function aliasesByKey(ctx: CollectContext): Promise<Map<string, string[]>> {
  const byKey = new Map<string, string[]>();
  for await (const page of paginateListAliases({ client: ctx.client(KMSClient), stopOnSameToken: true }, { Limit: ALIASES_PAGE_SIZE })) {
    for (const a of page.Aliases ?? []) {
      if (!a.TargetKeyId || !a.AliasName) continue;
      const list = byKey.get(a.TargetKeyId) ?? [];
      list.push(a.AliasName);
      byKey.set(a.TargetKeyId, list);
    }
  }
  return byKey;
}

/**
 * A key whose DescribeKey is refused while others of the region answer: its key policy shuts this
 * caller out, which only a customer managed key can do (AWS managed key policies let every principal
 * of the account describe them). It is recorded as a customer key of unknown state rather than
 * failing the whole region. When every key is refused (or for any other error) the error stands:
 * then costguard lacks kms:DescribeKey, and the rules that need keys are not evaluated there.
 */
function deniedByKeyPolicy(
  reason: unknown,
  all: ReadonlyArray<PromiseSettledResult<unknown>>,
  keyAliases: readonly string[],
): { KeyMetadata?: undefined; denied: true } {
  const name = (reason as { name?: string })?.name ?? '';
  const someAnswered = all.some((r) => r.status === 'fulfilled');
  if (!/AccessDenied/.test(name) || !someAnswered || keyAliases.some((a) => a.startsWith('alias/aws/'))) throw reason;
  return { denied: true };
}

export const kmsKey: ResourceType = {
  type: 'kms:key',
  description: 'KMS keys (customer managed keys are billed per month, also while pending deletion; AWS managed keys are free)',
  scope: 'region',
  permissions: {
    list: ['kms:ListKeys', 'kms:ListAliases', 'kms:DescribeKey'],
    remove: ['kms:ListResourceTags', 'kms:ScheduleKeyDeletion'],
  },
  properties: {
    keyManager: { type: 'string', description: 'CUSTOMER | AWS' },
    keyState: { type: 'string', description: 'Enabled | Disabled | PendingDeletion | PendingImport | Unavailable | ...' },
    keySpec: { type: 'string', description: 'e.g. SYMMETRIC_DEFAULT, RSA_2048' },
    description: { type: 'string', description: 'the description given at creation' },
    aliases: { type: 'strings', description: 'alias names pointing at the key, e.g. ["alias/app"]' },
    describeDenied: { type: 'boolean', description: 'true when the key policy refuses DescribeKey to the caller (a customer managed key; state, spec and description unknown)' },
  },
  // 1 ListKeys call per 1000 keys; when there are keys, 1 ListAliases per 100 aliases and 1 DescribeKey per key
  // (ListKeys returns ids only and the API has no batch describe).
  async list(ctx) {
    const kms = ctx.client(KMSClient);
    const listKeys = async () => {
      const keys: Array<{ id: string; arn?: string }> = [];
      for await (const page of paginateListKeys({ client: kms, stopOnSameToken: true }, { Limit: KEYS_PAGE_SIZE })) {
        for (const k of page.Keys ?? []) if (k.KeyId) keys.push({ id: k.KeyId, arn: k.KeyArn });
      }
      return keys;
    };
    const keys = await listKeys();
    if (keys.length === 0) return [];
    const [aliases, settled] = await Promise.all([
      aliasesByKey(ctx),
      Promise.allSettled(keys.map((k) => kms.send(new DescribeKeyCommand({ KeyId: k.arn ?? k.id })))),
    ]);
    const described = settled.map((r, n) =>
      r.status === 'fulfilled' ? { KeyMetadata: r.value.KeyMetadata, denied: false } : deniedByKeyPolicy(r.reason, settled, aliases.get(keys[n].id) ?? []),
    );
    return described.map((d, n): Resource => {
      const m = d.KeyMetadata;
      const id = m?.KeyId ?? keys[n].id;
      const names = [...(aliases.get(id) ?? [])].sort();
      return {
        type: 'kms:key',
        id,
        arn: m?.Arn ?? keys[n].arn,
        name: names[0],
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        createdAt: iso(m?.CreationDate),
        // Key tags need one ListResourceTags call per key: nuke reads them (readTags), audit does not.
        tags: {},
        props: {
          keyManager: d.denied ? 'CUSTOMER' : m?.KeyManager,
          keyState: m?.KeyState,
          keySpec: m?.KeySpec,
          description: m?.Description || undefined,
          aliases: names,
          ...(d.denied ? { describeDenied: true } : {}),
        },
      };
    });
  },
  // Nuke only: 1 ListResourceTags call per customer managed key (50 tags a page; a key carries at most 50).
  // AWS managed keys cannot carry tags and are never deleted; keys pending deletion are never deleted either.
  async readTags(ctx, resources) {
    const kms = ctx.client(KMSClient);
    const keys = resources.filter((r) => r.props.keyManager !== 'AWS' && r.props.keyState !== 'PendingDeletion');
    const read = await Promise.all(
      keys.map(async (r) => {
        const tags: Record<string, string> = {};
        for await (const page of paginateListResourceTags({ client: kms, stopOnSameToken: true }, { KeyId: r.arn ?? r.id, Limit: TAGS_PAGE_SIZE })) {
          Object.assign(tags, tagsOf(page.Tags?.map((t) => ({ Key: t.TagKey, Value: t.TagValue }))));
        }
        return [r.id, tags] as const;
      }),
    );
    return new Map(read);
  },
  async remove(ctx, resource) {
    await ctx.client(KMSClient).send(new ScheduleKeyDeletionCommand({ KeyId: resource.id, PendingWindowInDays: 7 }));
  },
  dependsOn: [],
  protect(resource) {
    if (resource.props.keyManager === 'AWS') return 'AWS managed key';
    if (resource.props.keyState === 'PendingDeletion') return 'already scheduled for deletion';
    return undefined;
  },
};
