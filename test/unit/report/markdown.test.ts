import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/model.js';
import { renderReport } from '../../../src/report/index.js';
import { cellText, codeSpan } from '../../../src/report/markdown.js';
import { expectGolden, fixtureReport } from './helpers.js';

const opts = { lang: 'en' as const, color: false };

describe('markdown format', () => {
  it('matches the golden files (en, ko)', () => {
    expectGolden('report.md', renderReport('markdown', fixtureReport(), opts));
    expectGolden('report.ko.md', renderReport('markdown', fixtureReport(), { ...opts, lang: 'ko' }));
  });

  it('has a headline with the count and $/month, the totals, accounts, findings and what was not evaluated', () => {
    const md = renderReport('markdown', fixtureReport(), opts);
    expect(md.split('\n')[0]).toBe('## 🚨 costguard: 8 findings · Estimated monthly waste $50.22');
    expect(md).toContain('| 1 | 3 | 2 | 1 | 1 | **8** | **$50.22** |');
    expect(md).toContain('### By account');
    expect(md).toContain('| 222222222222 | Sandbox | 0 | 2 | 1 | 0 | 1 | $36.50 |');
    expect(md).toContain('### Top findings');
    expect(md).toContain('- `vpc-nat-gateway` in 111111111111 us-east-1 — ec2:DescribeNatGateways AccessDenied');
    expect(md).toContain('### Collection errors');
  });

  it('limits the findings table to 50 rows and says how many more', () => {
    const r = fixtureReport();
    const base = r.findings[1];
    r.findings = Array.from({ length: 60 }, (_, i): Finding => ({ ...base, resourceId: `eipalloc-${String(i).padStart(3, '0')}` }));
    const md = renderReport('markdown', r, opts);
    expect(md.split('\n').filter((l) => l.startsWith('| ') && l.includes('eipalloc-0'))).toHaveLength(50);
    expect(md).toContain('…and 10 more');
  });

  it('shows new/resolved counts and marks new findings when a baseline was used', () => {
    const r = fixtureReport();
    r.findings[2].change = 'new';
    r.baseline = { generatedAt: '2025-01-14T09:30:00.000Z', new: 1, unchanged: 7, resolved: 3 };
    const md = renderReport('markdown', r, opts);
    expect(md).toContain('New: **1** · Unchanged: 7 · Resolved: 3');
    expect(md).toMatch(/\| \*\*New\*\* \| `vpc-nat-gateway`/);
  });

  it('a clean run says so', () => {
    const r = { ...fixtureReport(), findings: [], errors: [], notEvaluated: [] };
    r.summary = { ...r.summary, findings: 0, monthlyCostUsd: 0, suppressed: 0, bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 } };
    expect(renderReport('markdown', r, opts).split('\n')[0]).toBe('## ✅ costguard: No findings. Nothing to fix.');
  });

  it('escapes table cells and code spans', () => {
    expect(cellText('a|b <script> *x*\nnext')).toBe('a\\|b &lt;script&gt; \\*x\\* next');
    expect(codeSpan('echo `x` | y')).toBe('``echo `x` \\| y``');
    const md = renderReport('markdown', fixtureReport(), opts);
    expect(md).toContain('Log group /aws/lambda/web-&lt;prod&gt;&amp;"test" has no retention');
    expect(md).toContain("   aws logs put-retention-policy --log-group-name '/aws/lambda/web-<prod>&\"test\"'"); // literal inside a fenced block
  });

  it('keeps the findings table narrow: $/month is its last column, the fix commands sit under it in a collapsed block', () => {
    const md = renderReport('markdown', fixtureReport(), opts);
    const lines = md.split('\n');
    const head = lines.indexOf('### Top findings') + 2;
    expect(lines[head]).toBe('| Severity | Rule | Account | Region | Resource | $/month |');
    const rows = lines.slice(head + 2, lines.indexOf('', head));
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(row).toMatch(/\| (\$[\d,.]+|—) \|$/);
      expect(row).not.toContain('aws ');
    }
    const details = lines.indexOf('<details>');
    expect(details).toBeGreaterThan(head);
    expect(lines[details + 1]).toBe('<summary>Fix commands (8)</summary>');
    expect(lines).toContain('   aws s3api put-bucket-lifecycle-configuration --bucket lab-artifacts-222222222222 --lifecycle-configuration file://lifecycle.json');
    expect(lines.indexOf('</details>')).toBeGreaterThan(details);
  });
});

describe('accounts in Markdown and HTML', () => {
  it('does not count the local machine ("local") as an account', async () => {
    const { fixtureReport } = await import('./helpers.js');
    const { renderReport } = await import('../../../src/report/index.js');
    const r = fixtureReport();
    r.targets = r.targets.filter((t) => t.accountId === '111111111111');
    r.findings = r.findings.filter((f) => f.accountId === '111111111111');
    r.findings.push({ ...r.findings[0], accountId: 'local', accountName: undefined, region: 'local', ruleId: 'local-key-file-permissions', resourceId: '~/.ssh/k.pem' });
    expect(renderReport('markdown', r, { lang: 'en', color: false })).toContain('Accounts: 1');
    expect(renderReport('html', r, { lang: 'en', color: false })).not.toMatch(/Accounts<\/[^>]+>\s*<[^>]+>2</);
  });
});
