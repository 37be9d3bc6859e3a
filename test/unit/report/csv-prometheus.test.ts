import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../src/report/index.js';
import { csvField } from '../../../src/report/csv.js';
import { escapeLabelValue } from '../../../src/report/prometheus.js';
import { expectGolden, fixtureReport } from './helpers.js';

const opts = { lang: 'en' as const, color: false };

/** A small RFC 4180 parser, to prove the output round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('csv format', () => {
  it('matches the golden file', () => {
    expectGolden('report.csv', renderReport('csv', fixtureReport(), opts));
  });

  it('starts with a UTF-8 byte order mark so Excel reads Korean text', () => {
    const text = renderReport('csv', fixtureReport(), { ...opts, lang: 'ko' });
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes per RFC 4180 and round-trips every field', () => {
    const text = renderReport('csv', fixtureReport(), opts).replace(/^\uFEFF/, '');
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0][0]).toBe('severity');
    expect(rows).toHaveLength(1 + fixtureReport().findings.length);
    expect(rows.every((r) => r.length === rows[0].length)).toBe(true);
    const vol = rows.find((r) => r[7] === 'vol-0123456789abcdef0')!;
    expect(vol[9]).toBe('scratch, old');
    expect(vol[11]).toBe('Volume "scratch, old" (100 GiB gp2) is not attached to any instance.');
    expect(text).toContain('"Volume ""scratch, old"" (100 GiB gp2) is not attached to any instance."');
    const suppressed = rows.find((r) => r[14] === 'true')!;
    expect(suppressed[15]).toBe('Reserved for the workshop DNS record');
  });

  it('quotes line breaks and neutralises spreadsheet formulas', () => {
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('-1', false)).toBe('-1');
    expect(csvField(null)).toBe('');
  });
});

describe('prometheus format', () => {
  it('matches the golden file', () => {
    expectGolden('report.prom', renderReport('prometheus', fixtureReport(), opts));
  });

  it('exposes findings by account, rule and severity and $/month by account as gauges with HELP and TYPE', () => {
    const text = renderReport('prometheus', fixtureReport(), opts);
    expect(text).toContain('# HELP costguard_findings ');
    expect(text).toContain('# TYPE costguard_findings gauge');
    expect(text).toContain('costguard_findings{account="111111111111",rule="ec2-eip-unattached",severity="high"} 1');
    expect(text).not.toContain('rule="ec2-eip-unattached",severity="high"} 2'); // the suppressed one does not count
    expect(text).toContain('# TYPE costguard_monthly_cost_usd gauge');
    expect(text).toContain('costguard_monthly_cost_usd{account="111111111111"} 13.72');
    expect(text).toContain('costguard_monthly_cost_usd{account="222222222222"} 36.5');
    expect(text).toContain('costguard_rules_not_evaluated 1');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('every sample line is valid exposition syntax', () => {
    const line = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? -?[0-9.eE+-]+$/;
    for (const l of renderReport('prometheus', fixtureReport(), opts).trimEnd().split('\n')) {
      if (!l.startsWith('#')) expect(l).toMatch(line);
    }
  });

  it('escapes label values', () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    const r = fixtureReport();
    r.findings[0].ruleId = 'weird"rule\\x\ny';
    expect(renderReport('prometheus', r, opts)).toContain('rule="weird\\"rule\\\\x\\ny"');
  });
});
