import { BackupClient, DeleteBackupVaultCommand, ListTagsCommand, paginateListBackupVaults } from '@aws-sdk/client-backup';
import type { Resource } from '../core/model.js';
import { iso, type ResourceType } from './resource-type.js';

/** ListBackupVaults accepts 1..1000 results a page. */
const PAGE_SIZE = 1000;

/**
 * Vaults AWS makes and manages itself: the "Default" vault AWS Backup creates, and "aws/..." vaults such
 * as the EFS automatic-backup vault "aws/efs/automatic-backup-vault". Their recovery points may go;
 * the vaults themselves cost nothing and are never deleted.
 */
export function awsManagedVault(name: string): boolean {
  return name === 'Default' || name.startsWith('aws/');
}

export const backupVault: ResourceType = {
  type: 'backup:vault',
  description: 'AWS Backup vaults (free themselves; the recovery points they hold bill storage per GB-month)',
  scope: 'region',
  permissions: {
    list: ['backup:ListBackupVaults'],
    remove: ['backup:ListTags', 'backup:DeleteBackupVault'],
  },
  properties: {
    numberOfRecoveryPoints: { type: 'number', description: 'recovery points the vault holds (each bills its stored GB every month)' },
    vaultType: { type: 'string', description: 'BACKUP_VAULT | LOGICALLY_AIR_GAPPED_BACKUP_VAULT | RESTORE_ACCESS_BACKUP_VAULT' },
    vaultState: { type: 'string', description: 'CREATING | AVAILABLE | FAILED (logically air-gapped vaults); absent for standard vaults' },
    locked: { type: 'boolean', description: 'true when Vault Lock protects the vault: its recovery points cannot be deleted before their retention ends' },
    minRetentionDays: { type: 'number', description: 'the Vault Lock minimum retention in days; absent without a lock' },
    awsManaged: { type: 'boolean', description: 'true for the vaults AWS makes itself ("Default", "aws/..." such as the EFS automatic-backup vault)' },
  },
  // 1 ListBackupVaults call per 1000 vaults. Tags need ListTags per vault: nuke reads them (readTags), audit does not.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateListBackupVaults({ client: ctx.client(BackupClient), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const v of page.BackupVaultList ?? []) {
        if (!v.BackupVaultName) continue;
        out.push({
          type: 'backup:vault',
          id: v.BackupVaultName,
          arn: v.BackupVaultArn,
          name: v.BackupVaultName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(v.CreationDate),
          tags: {},
          props: {
            numberOfRecoveryPoints: v.NumberOfRecoveryPoints ?? 0,
            vaultType: v.VaultType,
            vaultState: v.VaultState,
            locked: v.Locked ?? false,
            minRetentionDays: v.MinRetentionDays,
            awsManaged: awsManagedVault(v.BackupVaultName),
          },
        });
      }
    }
    return out;
  },
  async readTags(ctx, resources) {
    const client = ctx.client(BackupClient);
    const out = new Map<string, Record<string, string>>();
    await Promise.all(resources.map(async (r) => r.arn && out.set(r.id, (await client.send(new ListTagsCommand({ ResourceArn: r.arn }))).Tags ?? {})));
    return out;
  },
  // AWS deletes a vault only when it is empty: its recovery points go first (dependsOn), and the
  // recovery-point type waits until each is gone.
  async remove(ctx, resource) {
    await ctx.client(BackupClient).send(new DeleteBackupVaultCommand({ BackupVaultName: resource.id }));
  },
  dependsOn: ['backup:recovery-point'],
  guard(resource) {
    return resource.props.awsManaged === true ? 'an AWS-managed vault (Default or aws/...): AWS Backup makes and uses it' : undefined;
  },
  protect(resource) {
    return resource.props.locked === true ? 'Vault Lock is on: AWS refuses to delete the vault or its recovery points before their retention ends' : undefined;
  },
};
