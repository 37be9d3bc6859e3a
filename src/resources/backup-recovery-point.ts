import { BackupClient, DeleteRecoveryPointCommand, DescribeRecoveryPointCommand, ListTagsCommand, paginateListBackupVaults, paginateListRecoveryPointsByBackupVault } from '@aws-sdk/client-backup';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType } from './resource-type.js';

/** ListBackupVaults and ListRecoveryPointsByBackupVault accept 1..1000 results a page. */
const PAGE_SIZE = 1000;
/**
 * AWS has no call listing the recovery points of several vaults (nor of a whole region): one paginated
 * ListRecoveryPointsByBackupVault per vault that holds any. The bound: at most this many pages (50,000
 * points) per vault; a bigger vault rejects the listing, named, rather than report part of it as all.
 */
export const MAX_PAGES_PER_VAULT = 50;
const GIB = 1024 ** 3;

/** What AWS Backup names the backed-up resource types (ResourceType), to the costguard types they come from. */
const SOURCE_TYPES = ['ec2:volume', 'ec2:instance', 'efs:file-system', 'rds:db-instance', 'rds:db-cluster', 'dynamodb:table', 'fsx:file-system', 's3:bucket'];

export class TooManyRecoveryPointsError extends Error {
  constructor(vault: string) {
    super(`backup vault ${vault} holds more than ${MAX_PAGES_PER_VAULT * PAGE_SIZE} recovery points: costguard lists at most that many per vault`);
    this.name = 'TooManyRecoveryPoints';
  }
}

export const backupRecoveryPoint: ResourceType = {
  type: 'backup:recovery-point',
  description: 'AWS Backup recovery points (storage billed per GB-month, priced by the type of resource backed up)',
  scope: 'region',
  permissions: {
    list: ['backup:ListBackupVaults', 'backup:ListRecoveryPointsByBackupVault'],
    remove: ['backup:ListTags', 'backup:DeleteRecoveryPoint', 'backup:DescribeRecoveryPoint'],
  },
  properties: {
    backupVaultName: { type: 'string', description: 'the vault holding the recovery point', ref: { to: 'backup:vault', kind: 'uses' } },
    resourceType: { type: 'string', description: 'what was backed up, as AWS Backup names it: EBS | EC2 | EFS | RDS | Aurora | DynamoDB | FSx | S3 | ...' },
    resourceArn: { type: 'string', description: 'the ARN of the backed-up resource (it may be gone)', ref: { to: SOURCE_TYPES, kind: 'none' } },
    status: { type: 'string', description: 'COMPLETED | PARTIAL | DELETING | EXPIRED | AVAILABLE | STOPPED | CREATING' },
    sizeBytes: { type: 'number', description: 'BackupSizeInBytes: the stored size AWS reports (absent for some resource types)' },
    sizeGiB: { type: 'number', description: 'the stored size in GiB (2 decimals): what storage bills per GB-month' },
    deleteAt: { type: 'date', description: 'when its lifecycle deletes it; absent when it is kept until deleted' },
    isParent: { type: 'boolean', description: 'true for a composite recovery point (its members are recovery points too)' },
    vaultLocked: { type: 'boolean', description: 'true when its vault has Vault Lock: it cannot be deleted before its retention ends' },
  },
  // 1 ListBackupVaults call per 1000 vaults, then, per vault holding recovery points (NumberOfRecoveryPoints
  // > 0), 1 ListRecoveryPointsByBackupVault call per 1000 points, at most MAX_PAGES_PER_VAULT. Vaults are
  // listed in parallel (the client factory keeps 8 calls of a service in flight).
  async list(ctx) {
    const client = ctx.client(BackupClient);
    const vaults: Array<{ name: string; locked: boolean }> = [];
    for await (const page of paginateListBackupVaults({ client, stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const v of page.BackupVaultList ?? []) if (v.BackupVaultName && (v.NumberOfRecoveryPoints ?? 0) > 0) vaults.push({ name: v.BackupVaultName, locked: v.Locked ?? false });
    }
    const perVault = await Promise.all(
      vaults.map(async (vault) => {
        const out: Resource[] = [];
        let pages = 0;
        for await (const page of paginateListRecoveryPointsByBackupVault({ client, stopOnSameToken: true }, { BackupVaultName: vault.name, MaxResults: PAGE_SIZE })) {
          if (++pages > MAX_PAGES_PER_VAULT) throw new TooManyRecoveryPointsError(vault.name);
          for (const p of page.RecoveryPoints ?? []) {
            if (!p.RecoveryPointArn) continue;
            const bytes = p.BackupSizeInBytes;
            out.push({
              type: 'backup:recovery-point',
              id: p.RecoveryPointArn,
              arn: p.RecoveryPointArn,
              name: p.ResourceName || p.RecoveryPointArn,
              accountId: ctx.accountId,
              region: ctx.resourceRegion,
              createdAt: iso(p.CreationDate),
              tags: {},
              props: {
                backupVaultName: vault.name,
                resourceType: p.ResourceType,
                resourceArn: p.ResourceArn,
                status: p.Status,
                sizeBytes: bytes,
                sizeGiB: bytes === undefined ? undefined : Math.round((bytes / GIB) * 100) / 100,
                deleteAt: iso(p.CalculatedLifecycle?.DeleteAt),
                isParent: p.IsParent ?? false,
                vaultLocked: vault.locked,
              },
            });
          }
        }
        return out;
      }),
    );
    return perVault.flat();
  },
  // 1 ListTags per recovery point (nuke only, so keep tags hold).
  async readTags(ctx, resources) {
    const client = ctx.client(BackupClient);
    const out = new Map<string, Record<string, string>>();
    await Promise.all(resources.map(async (r) => out.set(r.id, (await client.send(new ListTagsCommand({ ResourceArn: r.id }))).Tags ?? {})));
    return out;
  },
  // Deleting is asynchronous (the point goes DELETING): wait until it is gone, so its vault can go next.
  // A point that turns EXPIRED instead was not deleted (AWS does that when the caller may not delete the
  // underlying snapshot): that fails the delete rather than waiting for it.
  async remove(ctx, resource) {
    const client = ctx.client(BackupClient);
    const BackupVaultName = String(resource.props.backupVaultName);
    const RecoveryPointArn = resource.id;
    await client.send(new DeleteRecoveryPointCommand({ BackupVaultName, RecoveryPointArn }));
    await waitUntilGone(async () => {
      let status: string | undefined;
      const gone = await isNotFound(async () => (status = (await client.send(new DescribeRecoveryPointCommand({ BackupVaultName, RecoveryPointArn }))).Status), /ResourceNotFound/);
      if (!gone && status === 'EXPIRED') throw new Error(`recovery point ${RecoveryPointArn} went EXPIRED instead of being deleted: the caller may not delete what backs it (e.g. ec2:DeleteSnapshot)`);
      return gone;
    }, ctx.signal);
  },
  dependsOn: [],
  protect(resource) {
    if (resource.props.vaultLocked === true) return `its vault ${String(resource.props.backupVaultName)} has Vault Lock: AWS refuses to delete it before its retention ends`;
    if (resource.props.status === 'DELETING') return 'already being deleted';
    return undefined;
  },
};
