// The long tail's minimum list (issue 13) as the shipped packs judge it: Global Accelerator, AWS Backup
// vaults and recovery points, and the EBS volumes of instances stopped for days.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../src/core/evaluate.js';
import { loadBuiltinPacks } from '../../../../src/core/policy/load.js';
import type { Resource } from '../../../../src/core/model.js';
import { inventory, NOW, resource } from '../fixtures.js';

function run(only: string, resources: Resource[], extra: { params?: Record<string, string>; lang?: string } = {}) {
  return evaluate({ inventory: inventory(resources), packs: loadBuiltinPacks(), only: [only], now: NOW, ...extra });
}

describe('global-accelerator-exists', () => {
  const ga = (id: string, props: Record<string, unknown>) =>
    resource({ type: 'globalaccelerator:accelerator', id: `arn:aws:globalaccelerator::111122223333:accelerator/${id}`, name: id, region: 'global', props: { staticIpCount: 2, status: 'DEPLOYED', apiRegion: 'us-west-2', ...props } });

  it('flags every accelerator, disabled too, at $18.25 a month for a standard one and an unknown price for custom routing', () => {
    const { findings } = run('global-accelerator-exists', [ga('std', { kind: 'standard', enabled: false }), ga('custom', { kind: 'custom-routing', enabled: true })]);
    const [std, custom] = findings;
    expect(std).toMatchObject({ resourceId: expect.stringContaining('/std'), region: 'global', severity: 'high', monthlyCostUsd: 18.25, message: 'standard accelerator std (status DEPLOYED, enabled: false) holds 2 static IPs.' });
    expect(std.remediation).toContain('aws globalaccelerator delete-accelerator --accelerator-arn arn:aws:globalaccelerator::111122223333:accelerator/std --region us-west-2');
    expect(std.remediation).toContain('update-accelerator --accelerator-arn arn:aws:globalaccelerator::111122223333:accelerator/std --no-enabled --region us-west-2');
    expect(custom.monthlyCostUsd).toBeNull();
    expect(findings).toHaveLength(2);
  });

  it('speaks Korean', () => {
    const [f] = run('global-accelerator-exists', [ga('std', { kind: 'standard', enabled: true })], { lang: 'ko' }).findings;
    expect(f.title).toBe('Global Accelerator 액셀러레이터 존재');
    expect(f.message).toContain('정적 IP 2개');
  });
});

describe('backup-vault-recovery-points-over-max', () => {
  const vault = (name: string, n: number) => resource({ type: 'backup:vault', id: name, name, props: { numberOfRecoveryPoints: n, locked: false, awsManaged: false } });

  it('flags a vault over backupRecoveryPointsMax (35 by default), and honours --param', () => {
    const vaults = [vault('small', 35), vault('big', 36)];
    expect(run('backup-vault-recovery-points-over-max', vaults).findings.map((f) => [f.resourceId, f.severity, f.message])).toEqual([
      ['big', 'low', 'Vault big holds 36 recovery points, more than the 35 allowed.'],
    ]);
    expect(run('backup-vault-recovery-points-over-max', vaults, { params: { backupRecoveryPointsMax: '10' } }).findings.map((f) => f.resourceId).sort()).toEqual(['big', 'small']);
  });
});

describe('backup-storage-over-max', () => {
  const point = (id: string, region: string, sizeGiB: number | undefined, status = 'COMPLETED') =>
    resource({ type: 'backup:recovery-point', id, region, props: { backupVaultName: 'lab', resourceType: 'EBS', status, sizeGiB } });

  it('sums the stored GiB per region against backupStorageGbMax (50 by default), leaving out points being deleted', () => {
    const { findings } = run('backup-storage-over-max', [
      point('a', 'us-east-1', 40),
      point('b', 'us-east-1', 20.5),
      point('c', 'us-east-1', 100, 'DELETING'),
      point('d', 'eu-west-1', 49),
    ]);
    expect(findings.map((f) => [f.region, f.severity, f.message])).toEqual([['us-east-1', 'medium', 'Recovery points in us-east-1 store 60.5 GiB (count: 2), 10.5 GiB over the 50 GiB allowed.']]);
    expect(findings[0].monthlyCostUsd).toBeNull();
  });
});

describe('ebs-volume-of-stopped-instance', () => {
  const volume = (id: string, props: Record<string, unknown>) =>
    resource({ type: 'ec2:volume', id, name: id, props: { sizeGiB: 20, volumeType: 'gp3', state: 'in-use', attached: true, attachedInstanceIds: ['i-1'], ...props } });

  it('flags the volumes of instances stopped longer than stoppedInstanceVolumeDays (7 by default), priced from size and type', () => {
    const { findings } = run('ebs-volume-of-stopped-instance', [
      volume('vol-old', { instanceState: 'stopped', stoppedInstanceId: 'i-1', instanceStoppedAt: '2026-05-20T10:00:00.000Z' }), // 11.6 days before NOW
      volume('vol-recent', { instanceState: 'stopped', stoppedInstanceId: 'i-2', instanceStoppedAt: '2026-05-28T00:00:00.000Z' }), // 4 days
      volume('vol-unknown-time', { instanceState: 'stopped', stoppedInstanceId: 'i-3' }),
      volume('vol-running', {}),
    ]);
    expect(findings.map((f) => [f.resourceId, f.severity, f.monthlyCostUsd])).toEqual([['vol-old', 'medium', 1.6]]);
    expect(findings[0].message).toBe('20 GiB gp3 volume vol-old (vol-old) is attached to instance i-1, stopped since 2026-05-20.');
    expect(findings[0].remediation).toContain('aws ec2 create-snapshot --volume-id vol-old');
    const [unnamed] = run('ebs-volume-of-stopped-instance', [resource({ ...volume('vol-x', { instanceState: 'stopped', stoppedInstanceId: 'i-1', instanceStoppedAt: '2026-05-01T00:00:00.000Z' }), name: undefined })]).findings;
    expect(unnamed.message).toBe('20 GiB gp3 volume vol-x (no name) is attached to instance i-1, stopped since 2026-05-01.');
    expect(findings[0].remediation).toContain('aws ec2 delete-volume --volume-id vol-old --region us-east-1');
    expect(findings[0].remediation).toContain('aws ec2 terminate-instances --instance-ids i-1 --region us-east-1');
  });

  it('uses the configured number of days', () => {
    const v = volume('vol-recent', { instanceState: 'stopped', stoppedInstanceId: 'i-2', instanceStoppedAt: '2026-05-28T00:00:00.000Z' });
    expect(run('ebs-volume-of-stopped-instance', [v], { params: { stoppedInstanceVolumeDays: '3' } }).findings).toHaveLength(1);
  });
});
