import { latest, type CredentialReportRow } from '../core/iam/index.js';
import type { Resource } from '../core/model.js';
import { IAM_PERMISSIONS, iamAccountData } from './iam-account-data.js';
import type { ResourceType } from './resource-type.js';

/** The root user's last use: the latest of its password and its two access keys. */
function lastUse(row: CredentialReportRow | undefined): { at?: string; by?: string } {
  if (!row) return {};
  const uses: Array<[string | undefined, string]> = [
    [row.passwordLastUsed, 'password'],
    ...row.accessKeys.map((k): [string | undefined, string] => [k.lastUsedDate, `access key ${k.slot}`]),
  ];
  const at = latest(...uses.map(([t]) => t));
  return at ? { at, by: uses.find(([t]) => t === at)?.[1] } : {};
}

/**
 * iam:root-account — one resource per account: the root user's MFA, access keys and last use, from
 * GetAccountSummary and the credential report's <root_account> row (shared with the other IAM types).
 */
export const iamRootAccount: ResourceType = {
  type: 'iam:root-account',
  description: "The account's root user: MFA, access keys and when it was last used (one resource per account)",
  scope: 'global',
  createdAt: false,
  permissions: { list: [...IAM_PERMISSIONS.summary, ...IAM_PERMISSIONS.credentialReport] },
  properties: {
    mfaEnabled: { type: 'boolean', description: 'the root user has MFA (credential report mfa_active, else GetAccountSummary AccountMFAEnabled)' },
    accessKeysPresent: { type: 'boolean', description: 'the root user has access keys (AccountAccessKeysPresent or an active key in the report)' },
    activeAccessKeys: { type: 'number', description: 'number of active root access keys' },
    passwordLastUsed: { type: 'date', description: 'when the root password was last used (ISO)' },
    accessKey1LastUsed: { type: 'date', description: 'when root access key 1 was last used (ISO)' },
    accessKey2LastUsed: { type: 'date', description: 'when root access key 2 was last used (ISO)' },
    lastUsed: { type: 'date', description: 'the latest use of the root password or keys (ISO)' },
    lastUsedBy: { type: 'string', description: '"password", "access key 1" or "access key 2"' },
    inCredentialReport: { type: 'boolean', description: 'the credential report has a <root_account> row (emulators leave it out)' },
    mfaDevices: { type: 'number', description: 'MFA devices in the account (GetAccountSummary MFADevices)' },
  },
  async list(ctx) {
    const data = iamAccountData(ctx);
    const [summary, report] = await Promise.all([data.summary(), data.credentialReport()]);
    const root = report.find((r) => r.isRoot);
    const activeKeys = root ? root.accessKeys.filter((k) => k.active).length : (summary.AccountAccessKeysPresent ?? 0);
    const use = lastUse(root);
    const key = (slot: 1 | 2) => root?.accessKeys.find((k) => k.slot === slot)?.lastUsedDate;
    const resource: Resource = {
      type: 'iam:root-account',
      id: 'root',
      arn: root?.arn || `arn:aws:iam::${ctx.accountId}:root`,
      name: 'root user',
      accountId: ctx.accountId,
      region: ctx.resourceRegion,
      tags: {},
      props: {
        mfaEnabled: root ? root.mfaActive : (summary.AccountMFAEnabled ?? 0) > 0,
        accessKeysPresent: activeKeys > 0 || (summary.AccountAccessKeysPresent ?? 0) > 0,
        activeAccessKeys: activeKeys,
        passwordLastUsed: root?.passwordLastUsed,
        accessKey1LastUsed: key(1),
        accessKey2LastUsed: key(2),
        lastUsed: use.at,
        lastUsedBy: use.by,
        inCredentialReport: root !== undefined,
        mfaDevices: summary.MFADevices,
      },
    };
    return [resource];
  },
};
