import type { Resource } from '../core/model.js';
import { IAM_PERMISSIONS, iamAccountData } from './iam-account-data.js';
import type { ResourceType } from './resource-type.js';

/**
 * iam:access-key — each IAM user's access key slots (1 and 2) from the credential report. The report
 * has no key ids (ListAccessKeys would cost one call per user), so a key is "alice/access-key-1";
 * the root user's keys are on iam:root-account.
 */
export const iamAccessKey: ResourceType = {
  type: 'iam:access-key',
  description: "IAM users' access keys (credential report): active, last rotated, last used",
  scope: 'global',
  permissions: { list: [...IAM_PERMISSIONS.credentialReport] },
  properties: {
    userName: { type: 'string', description: 'the user the key belongs to', ref: { to: 'iam:user', kind: 'uses', byName: true } },
    userArn: { type: 'string', description: 'ARN of that user', ref: { to: 'iam:user', kind: 'uses' } },
    slot: { type: 'number', description: '1 or 2 (the credential report has no key ids)' },
    active: { type: 'boolean', description: 'the key is active' },
    lastRotated: { type: 'date', description: 'when the key was created or last rotated (ISO)' },
    lastUsedDate: { type: 'date', description: 'when the key was last used (ISO); absent when never used' },
    lastUsedRegion: { type: 'string', description: 'region of the last use' },
    lastUsedService: { type: 'string', description: 'service of the last use' },
    neverUsed: { type: 'boolean', description: 'the key has never been used' },
    lastUsedText: { type: 'string', description: 'the last use date, or "never", for messages' },
  },
  async list(ctx) {
    const report = await iamAccountData(ctx).credentialReport();
    return report
      .filter((row) => !row.isRoot)
      .flatMap((row) =>
        row.accessKeys.map(
          (k): Resource => ({
            type: 'iam:access-key',
            id: `${row.user}/access-key-${k.slot}`,
            name: `${row.user} access key ${k.slot}`,
            accountId: ctx.accountId,
            region: ctx.resourceRegion,
            createdAt: k.lastRotated,
            tags: {},
            props: {
              userName: row.user,
              userArn: row.arn,
              slot: k.slot,
              active: k.active,
              lastRotated: k.lastRotated,
              lastUsedDate: k.lastUsedDate,
              lastUsedRegion: k.lastUsedRegion,
              lastUsedService: k.lastUsedService,
              neverUsed: k.lastUsedDate === undefined,
              lastUsedText: k.lastUsedDate ?? 'never',
            },
          }),
        ),
      );
  },
};
