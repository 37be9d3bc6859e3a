import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/app/audit.js';

const PACKS = ['free-tier', 'iam', 'paid-services'];

describe('the demo\'s rendered messages', () => {
  for (const lang of ['en', 'ko']) {
    it(`show days, not raw ISO timestamps, and no count before a plural noun (${lang})`, async () => {
      const { report } = await runAudit({ source: { kind: 'demo' }, local: false, lang, packs: PACKS });
      const messages = report.findings.map((f) => `${f.ruleId}: ${f.message}`);
      expect(messages.length).toBeGreaterThan(40);
      expect(messages.filter((m) => /\d{4}-\d{2}-\d{2}T\d{2}:/.test(m))).toEqual([]);
      for (const slip of ['(1 members)', '1 policies', '1 times', '1 snapshots', '1 days']) {
        expect(messages.filter((m) => m.includes(slip))).toEqual([]);
      }
    }, 60_000);
  }

  it('says when a key or role was created as a day', async () => {
    const { report } = await runAudit({ source: { kind: 'demo' }, local: false, packs: PACKS });
    const role = report.findings.find((f) => f.ruleId === 'iam-role-unused');
    expect(role?.message).toMatch(/created \d{4}-\d{2}-\d{2}\)\.$/);
    expect(report.findings.find((f) => f.ruleId === 'iam-admin-access' && f.message.includes('group admins'))?.message).toContain('IAM group admins (1 member) ');
  }, 60_000);
});
