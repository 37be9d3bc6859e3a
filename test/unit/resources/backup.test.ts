// AWS Backup (restJson1): vaults and the recovery points they hold.
import { afterEach, describe, expect, it } from 'vitest';
import { operationOf } from '../../../src/aws/client-factory.js';
import { classifyFailure } from '../../../src/aws/nuke/failures.js';
import { backupRecoveryPoint, MAX_PAGES_PER_VAULT } from '../../../src/resources/backup-recovery-point.js';
import { backupVault } from '../../../src/resources/backup-vault.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases, param } from './collector-cases.js';
import { fakeAws, jsonError, jsonReply, type FakeReply, type FakeRequest, fastPolls } from './fake-aws.js';

const ORIGIN = 'https://backup.us-east-1.amazonaws.com';
const JSON_CT = 'application/json';
const reply = (body: unknown) => jsonReply(body, JSON_CT);
const error = (type: string, message: string, status = 400) => jsonError(type, message, status, JSON_CT);

/** The REST routes of the calls the two types make. */
function route(req: Omit<FakeRequest, 'op'>): string | undefined {
  const p = decodeURIComponent(req.path);
  if (req.method === 'GET' && /^\/backup-vaults\/?$/.test(req.path)) return 'ListBackupVaults';
  if (req.method === 'GET' && /^\/backup-vaults\/[^/]+\/recovery-points\/?$/.test(req.path)) return 'ListRecoveryPointsByBackupVault';
  if (req.method === 'GET' && p.includes('/recovery-points/')) return 'DescribeRecoveryPoint';
  if (req.method === 'DELETE' && p.includes('/recovery-points/')) return 'DeleteRecoveryPoint';
  if (req.method === 'DELETE' && /^\/backup-vaults\/[^/]+$/.test(req.path)) return 'DeleteBackupVault';
  if (req.method === 'GET' && req.path.startsWith('/tags/')) return 'ListTags';
  return undefined;
}

const vaultArn = (name: string) => `arn:aws:backup:us-east-1:111111111111:backup-vault:${name}`;
/** A BackupVaultListMember as ListBackupVaults returns it (restJson: timestamps in epoch seconds). */
const vault = (name: string, extra: Record<string, unknown> = {}) => ({
  BackupVaultName: name,
  BackupVaultArn: vaultArn(name),
  VaultType: 'BACKUP_VAULT',
  CreationDate: 1_735_689_600, // 2025-01-01T00:00:00Z
  EncryptionKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/abcd',
  CreatorRequestId: 'req-1',
  NumberOfRecoveryPoints: 0,
  Locked: false,
  ...extra,
});
const vaultPage = (items: unknown[], next?: string): FakeReply => reply({ BackupVaultList: items, ...(next ? { NextToken: next } : {}) });

const pointArn = (id: string) => `arn:aws:ec2:us-east-1::snapshot/snap-${id}`;
/** A RecoveryPointByBackupVault as ListRecoveryPointsByBackupVault returns it. */
const point = (id: string, vaultName: string, extra: Record<string, unknown> = {}) => ({
  RecoveryPointArn: pointArn(id),
  BackupVaultName: vaultName,
  BackupVaultArn: vaultArn(vaultName),
  ResourceArn: 'arn:aws:ec2:us-east-1:111111111111:volume/vol-0abc',
  ResourceType: 'EBS',
  CreatedBy: { BackupPlanId: 'plan-1', BackupPlanArn: 'arn:aws:backup:us-east-1:111111111111:backup-plan:plan-1', BackupPlanVersion: 'v1', BackupRuleId: 'rule-1' },
  IamRoleArn: 'arn:aws:iam::111111111111:role/service-role/AWSBackupDefaultServiceRole',
  Status: 'COMPLETED',
  CreationDate: 1_762_000_000,
  CompletionDate: 1_762_000_600,
  BackupSizeInBytes: 8 * 1024 ** 3,
  CalculatedLifecycle: { DeleteAt: 1_765_000_000 },
  Lifecycle: { DeleteAfterDays: 35 },
  IsEncrypted: false,
  IsParent: false,
  ResourceName: 'lab-root',
  VaultType: 'BACKUP_VAULT',
  ...extra,
});
const pointPage = (items: unknown[], next?: string): FakeReply => reply({ RecoveryPoints: items, ...(next ? { NextToken: next } : {}) });

let t: TestCollectContext;
fastPolls();
afterEach(() => t?.dispose());

describe('backup:vault', () => {
  it('maps a vault with its recovery-point count and lock, and marks the AWS-managed ones (the guard)', async () => {
    t = testCollectContext();
    fakeAws(ORIGIN, { ListBackupVaults: () => vaultPage([vault('lab', { NumberOfRecoveryPoints: 12, Locked: true, MinRetentionDays: 7 }), vault('Default'), vault('aws/efs/automatic-backup-vault', { NumberOfRecoveryPoints: 3 })]) }, { route });
    const [lab, def, efs] = await backupVault.list(t.ctx);

    expect(lab).toEqual({
      type: 'backup:vault',
      id: 'lab',
      arn: vaultArn('lab'),
      name: 'lab',
      accountId: '111111111111',
      region: 'us-east-1',
      createdAt: '2025-01-01T00:00:00.000Z',
      tags: {},
      props: { numberOfRecoveryPoints: 12, vaultType: 'BACKUP_VAULT', vaultState: undefined, locked: true, minRetentionDays: 7, awsManaged: false },
    });
    const ctx = { includeDefaultVpc: false } as never;
    expect(backupVault.guard!(lab, ctx)).toBeUndefined();
    expect(backupVault.protect!(lab)).toMatch(/Vault Lock/);
    for (const managed of [def, efs]) {
      expect(managed.props.awsManaged).toBe(true);
      expect(backupVault.guard!(managed, ctx)).toMatch(/AWS-managed/);
    }
  });

  it('deletes a vault by name, after its recovery points (dependsOn)', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGIN, { ListBackupVaults: () => vaultPage([vault('lab')]), DeleteBackupVault: () => reply({}) }, { route });
    const [lab] = await backupVault.list(t.ctx);
    await backupVault.remove!(t.ctx, lab);
    expect(server.calls('DeleteBackupVault')[0].path).toBe('/backup-vaults/lab');
    expect(backupVault.dependsOn).toEqual(['backup:recovery-point']);
  });

  it('reads vault tags with ListTags (nuke only)', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGIN, { ListBackupVaults: () => vaultPage([vault('lab')]), ListTags: () => reply({ Tags: { 'costguard:keep': 'true' } }) }, { route });
    const resources = await backupVault.list(t.ctx);
    expect((await backupVault.readTags!(t.ctx, resources)).get('lab')).toEqual({ 'costguard:keep': 'true' });
    expect(decodeURIComponent(server.calls('ListTags')[0].path)).toBe(`/tags/${vaultArn('lab')}`);
  });

  pagedCollectorCases({
    type: backupVault,
    origin: ORIGIN,
    service: 'backup',
    op: 'ListBackupVaults',
    pageSize: { name: 'maxResults', max: 1000 },
    tokenParam: 'nextToken',
    page: (ids, next) => vaultPage(ids.map((id) => vault(id)), next),
    throttle: error('ThrottlingException', 'Rate exceeded'),
    denied: error('AccessDeniedException', 'not authorized', 403),
    deniedCode: 'AccessDeniedException',
    route,
  });
});

describe('backup:recovery-point', () => {
  it('lists the points of every vault that holds any, one paginated call per vault, and skips empty vaults', async () => {
    t = testCollectContext();
    const server = fakeAws(
      ORIGIN,
      {
        ListBackupVaults: () => vaultPage([vault('lab', { NumberOfRecoveryPoints: 3 }), vault('empty'), vault('locked', { NumberOfRecoveryPoints: 1, Locked: true })]),
        ListRecoveryPointsByBackupVault: (req) =>
          req.path.includes('/lab/')
            ? param(req, 'nextToken') === undefined
              ? pointPage([point('1', 'lab'), point('2', 'lab', { BackupSizeInBytes: 1_610_612_736, ResourceType: 'RDS', Status: 'DELETING', CalculatedLifecycle: {} })], 'lab-2')
              : pointPage([point('3', 'lab', { BackupSizeInBytes: undefined, IsParent: true })])
            : pointPage([point('4', 'locked')]),
      },
      { route },
    );
    const points = await backupRecoveryPoint.list(t.ctx);
    const byId = new Map(points.map((p) => [p.id, p]));

    expect(byId.get(pointArn('1'))).toEqual({
      type: 'backup:recovery-point',
      id: pointArn('1'),
      arn: pointArn('1'),
      name: 'lab-root',
      accountId: '111111111111',
      region: 'us-east-1',
      createdAt: '2025-11-01T12:26:40.000Z',
      tags: {},
      props: {
        backupVaultName: 'lab',
        resourceType: 'EBS',
        resourceArn: 'arn:aws:ec2:us-east-1:111111111111:volume/vol-0abc',
        status: 'COMPLETED',
        sizeBytes: 8 * 1024 ** 3,
        sizeGiB: 8,
        deleteAt: '2025-12-06T05:46:40.000Z',
        isParent: false,
        vaultLocked: false,
      },
    });
    expect(byId.get(pointArn('2'))?.props).toMatchObject({ resourceType: 'RDS', sizeGiB: 1.5, status: 'DELETING', deleteAt: undefined });
    expect(byId.get(pointArn('3'))?.props).toMatchObject({ sizeBytes: undefined, sizeGiB: undefined, isParent: true });
    expect(byId.get(pointArn('4'))?.props).toMatchObject({ backupVaultName: 'locked', vaultLocked: true });
    expect(points).toHaveLength(4);

    const calls = server.calls('ListRecoveryPointsByBackupVault');
    expect(calls.map((c) => `${c.path} maxResults=${param(c, 'maxResults')} nextToken=${param(c, 'nextToken')}`).sort()).toEqual([
      '/backup-vaults/lab/recovery-points maxResults=1000 nextToken=lab-2',
      '/backup-vaults/lab/recovery-points maxResults=1000 nextToken=undefined',
      '/backup-vaults/locked/recovery-points maxResults=1000 nextToken=undefined',
    ]);
    expect(param(server.calls('ListBackupVaults')[0], 'maxResults')).toBe('1000');
  });

  it('makes one call and lists nothing when no vault holds a recovery point', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGIN, { ListBackupVaults: () => vaultPage([vault('empty')]) }, { route });
    expect(await backupRecoveryPoint.list(t.ctx)).toEqual([]);
    expect(server.requests.map((r) => r.op)).toEqual(['ListBackupVaults']);
  });

  it(`rejects, naming the vault, rather than report part of a vault holding more than ${MAX_PAGES_PER_VAULT} pages`, async () => {
    t = testCollectContext();
    const server = fakeAws(
      ORIGIN,
      { ListBackupVaults: () => vaultPage([vault('huge', { NumberOfRecoveryPoints: 60_000 })]), ListRecoveryPointsByBackupVault: (_req, nth) => pointPage([point(String(nth), 'huge')], `next-${nth}`) },
      { route },
    );
    await expect(backupRecoveryPoint.list(t.ctx)).rejects.toThrow(/backup vault huge holds more than 50000 recovery points/);
    expect(server.calls('ListRecoveryPointsByBackupVault')).toHaveLength(MAX_PAGES_PER_VAULT + 1);
  });

  it('rejects with AccessDeniedException when a vault cannot be read, naming the operation', async () => {
    t = testCollectContext();
    fakeAws(ORIGIN, { ListBackupVaults: () => vaultPage([vault('lab', { NumberOfRecoveryPoints: 1 })]), ListRecoveryPointsByBackupVault: () => error('AccessDeniedException', 'not authorized', 403) }, { route });
    const e = await backupRecoveryPoint.list(t.ctx).then(() => undefined, (x: unknown) => x);
    expect(e).toMatchObject({ name: 'AccessDeniedException' });
    expect(operationOf(e)).toBe('backup:ListRecoveryPointsByBackupVault');
  });

  it('protects the points of a locked vault and those already being deleted', () => {
    const base = { type: 'backup:recovery-point', id: pointArn('1'), accountId: '111111111111', region: 'us-east-1', tags: {} };
    expect(backupRecoveryPoint.protect!({ ...base, props: { backupVaultName: 'locked', vaultLocked: true, status: 'COMPLETED' } })).toMatch(/locked has Vault Lock/);
    expect(backupRecoveryPoint.protect!({ ...base, props: { backupVaultName: 'lab', vaultLocked: false, status: 'DELETING' } })).toBe('already being deleted');
    expect(backupRecoveryPoint.protect!({ ...base, props: { backupVaultName: 'lab', vaultLocked: false, status: 'COMPLETED' } })).toBeUndefined();
  });

  it('deletes a recovery point and waits until it is gone', async () => {
    t = testCollectContext();
    const server = fakeAws(
      ORIGIN,
      {
        ListBackupVaults: () => vaultPage([vault('lab', { NumberOfRecoveryPoints: 1 })]),
        ListRecoveryPointsByBackupVault: () => pointPage([point('1', 'lab')]),
        DeleteRecoveryPoint: () => reply({}),
        DescribeRecoveryPoint: [() => reply({ ...point('1', 'lab'), Status: 'DELETING' }), () => error('ResourceNotFoundException', 'Recovery point not found', 404)],
      },
      { route },
    );
    const [p] = await backupRecoveryPoint.list(t.ctx);
    await backupRecoveryPoint.remove!(t.ctx, p);
    expect(decodeURIComponent(server.calls('DeleteRecoveryPoint')[0].path)).toBe(`/backup-vaults/lab/recovery-points/${pointArn('1')}`);
    expect(server.calls('DescribeRecoveryPoint')).toHaveLength(2);
  });

  it('fails the delete when the point turns EXPIRED instead of going (the caller may not delete its snapshot)', async () => {
    t = testCollectContext();
    fakeAws(ORIGIN, { DeleteRecoveryPoint: () => reply({}), DescribeRecoveryPoint: () => reply({ ...point('1', 'lab'), Status: 'EXPIRED' }) }, { route });
    const p = { type: 'backup:recovery-point', id: pointArn('1'), accountId: '111111111111', region: 'us-east-1', tags: {}, props: { backupVaultName: 'lab' } };
    await expect(backupRecoveryPoint.remove!(t.ctx, p)).rejects.toThrow(/went EXPIRED/);
  });

  it('reports a point already gone as gone', async () => {
    t = testCollectContext();
    fakeAws(ORIGIN, { DeleteRecoveryPoint: () => error('ResourceNotFoundException', 'Recovery point not found', 404) }, { route });
    const p = { type: 'backup:recovery-point', id: pointArn('1'), accountId: '111111111111', region: 'us-east-1', tags: {}, props: { backupVaultName: 'lab' } };
    const e = await backupRecoveryPoint.remove!(t.ctx, p).then(() => undefined, (x: unknown) => x);
    expect(classifyFailure(e).kind).toBe('gone');
  });
});
