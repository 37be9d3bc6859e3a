import { DeleteSecretCommand, SecretsManagerClient, paginateListSecrets } from '@aws-sdk/client-secrets-manager';
import type { Resource } from '../core/model.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** ListSecrets accepts 1..100 items per page. */
const PAGE_SIZE = 100;

export const secretsmanagerSecret: ResourceType = {
  type: 'secretsmanager:secret',
  description: 'Secrets Manager secrets, including those scheduled for deletion (billed per secret per month)',
  scope: 'region',
  permissions: {
    list: ['secretsmanager:ListSecrets'],
    remove: ['secretsmanager:DeleteSecret'],
  },
  properties: {
    lastAccessedDate: { type: 'date', description: 'last day the secret value was read (ISO); absent if never' },
    lastChangedDate: { type: 'date', description: 'last time the secret was changed (ISO)' },
    owningService: { type: 'string', description: 'the AWS service that created and manages the secret, if any' },
    rotationEnabled: { type: 'boolean', description: 'true when automatic rotation is on' },
    deletedDate: { type: 'date', description: 'when the secret was scheduled for deletion (ISO); absent otherwise' },
  },
  // 1 ListSecrets call per 100 secrets; tags come in the same answer.
  async list(ctx) {
    const out: Resource[] = [];
    const pages = paginateListSecrets(
      { client: ctx.client(SecretsManagerClient), stopOnSameToken: true },
      { MaxResults: PAGE_SIZE, IncludePlannedDeletion: true },
    );
    for await (const page of pages) {
      for (const s of page.SecretList ?? []) {
        const id = s.Name ?? s.ARN;
        if (!id) continue;
        const tags = tagsOf(s.Tags);
        out.push({
          type: 'secretsmanager:secret',
          id,
          arn: s.ARN,
          name: tags.Name ?? s.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(s.CreatedDate),
          tags,
          props: {
            lastAccessedDate: iso(s.LastAccessedDate),
            lastChangedDate: iso(s.LastChangedDate),
            owningService: s.OwningService,
            rotationEnabled: s.RotationEnabled === true,
            deletedDate: iso(s.DeletedDate),
          },
        });
      }
    }
    return out;
  },
  async remove(ctx, resource) {
    await ctx.client(SecretsManagerClient).send(new DeleteSecretCommand({ SecretId: resource.arn ?? resource.id, RecoveryWindowInDays: 7 }));
  },
  dependsOn: [],
  protect(resource) {
    if (resource.props.owningService) return `managed by ${String(resource.props.owningService)}`;
    if (resource.props.deletedDate) return 'already scheduled for deletion';
    return undefined;
  },
};
