import { describe, expect, it } from 'vitest';
import { CredentialReportError, latest, parseCredentialReport, parseCsv } from '../../../src/core/iam/credential-report.js';

// Shaped like a real report: the root row first, N/A, no_information and not_supported values, CRLF endings.
const REPORT = [
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
  '<root_account>,arn:aws:iam::123456789012:root,2019-03-01T09:22:00+00:00,not_supported,2026-10-30T08:00:00+00:00,not_supported,not_supported,true,true,2019-03-02T00:00:00+00:00,2026-11-01T10:00:00+00:00,us-east-1,ec2,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  'alice,arn:aws:iam::123456789012:user/alice,2020-01-05T10:00:00+00:00,true,2026-11-01T12:00:00+00:00,2020-01-05T10:05:00+00:00,N/A,false,true,2021-06-01T00:00:00+00:00,2026-11-20T09:00:00+00:00,us-east-1,s3,true,2026-10-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A',
  'bob,arn:aws:iam::123456789012:user/bob,2014-01-01T00:00:00+00:00,true,no_information,2014-01-01T00:00:00+00:00,N/A,true,false,2015-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,true,2016-01-01T00:00:00+00:00,false,N/A',
  'ci-bot,arn:aws:iam::123456789012:user/automation/ci-bot,2025-05-05T05:05:05+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
].join('\r\n');

describe('parseCredentialReport', () => {
  const rows = parseCredentialReport(REPORT);

  it('reads the <root_account> row: not_supported password flag, MFA, its access key', () => {
    const root = rows[0];
    expect(root).toMatchObject({ user: '<root_account>', isRoot: true, mfaActive: true, passwordLastUsed: '2026-10-30T08:00:00.000Z', passwordLastUsedUnknown: false });
    expect(root.passwordEnabled).toBeUndefined();
    expect(root.passwordNextRotation).toBeUndefined();
    expect(root.accessKeys).toEqual([
      { slot: 1, active: true, lastRotated: '2019-03-02T00:00:00.000Z', lastUsedDate: '2026-11-01T10:00:00.000Z', lastUsedRegion: 'us-east-1', lastUsedService: 'ec2' },
    ]);
  });

  it('reads a console user with two keys, one never used (N/A)', () => {
    const alice = rows[1];
    expect(alice).toMatchObject({ user: 'alice', isRoot: false, passwordEnabled: true, mfaActive: false, userCreationTime: '2020-01-05T10:00:00.000Z' });
    expect(alice.accessKeys).toEqual([
      { slot: 1, active: true, lastRotated: '2021-06-01T00:00:00.000Z', lastUsedDate: '2026-11-20T09:00:00.000Z', lastUsedRegion: 'us-east-1', lastUsedService: 's3' },
      { slot: 2, active: true, lastRotated: '2026-10-01T00:00:00.000Z' },
    ]);
  });

  it('keeps an inactive key that exists, reads no_information as "unknown" rather than a date, and certificates', () => {
    const bob = rows[2];
    expect(bob.passwordLastUsed).toBeUndefined();
    expect(bob.passwordLastUsedUnknown).toBe(true);
    expect(bob.accessKeys).toEqual([{ slot: 1, active: false, lastRotated: '2015-01-01T00:00:00.000Z' }]);
    expect(bob.certs).toEqual([{ slot: 1, active: true, lastRotated: '2016-01-01T00:00:00.000Z' }]);
  });

  it('gives a user without password or keys no keys and passwordEnabled false', () => {
    expect(rows[3]).toMatchObject({ user: 'ci-bot', passwordEnabled: false, accessKeys: [], certs: [] });
  });

  it('reads the report without a root row (as emulators produce it)', () => {
    const noRoot = REPORT.split('\r\n').filter((l) => !l.startsWith('<root_account>')).join('\n');
    expect(parseCredentialReport(noRoot).some((r) => r.isRoot)).toBe(false);
  });

  it('rejects a report without the expected columns', () => {
    expect(() => parseCredentialReport('')).toThrow(CredentialReportError);
    expect(() => parseCredentialReport('name,value\nx,1')).toThrow(/no user, arn, password_enabled/);
  });
});

describe('parseCsv', () => {
  it('handles quoted fields with commas, doubled quotes and newlines', () => {
    expect(parseCsv('a,"b,c","say ""hi""","line\nbreak"\n1,2,3,4\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'line\nbreak'],
      ['1', '2', '3', '4'],
    ]);
  });
});

describe('latest', () => {
  it('picks the latest ISO timestamp and ignores missing ones', () => {
    expect(latest(undefined, '2026-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')).toBe('2026-01-01T00:00:00.000Z');
    expect(latest(undefined)).toBeUndefined();
  });
});
