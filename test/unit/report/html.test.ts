import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../src/report/index.js';
import { scriptJson } from '../../../src/report/html.js';
import { expectGolden, fixtureReport } from './helpers.js';

const opts = { lang: 'en' as const, color: false };

describe('html format', () => {
  it('matches the golden files (en, ko)', () => {
    expectGolden('report.html', renderReport('html', fixtureReport(), opts));
    expectGolden('report.ko.html', renderReport('html', fixtureReport(), { ...opts, lang: 'ko' }));
  });

  it('is one self-contained file: no external scripts, styles, fonts or URLs to fetch', () => {
    const html = renderReport('html', fixtureReport(), opts);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|@font-face|url\(/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    // The only absolute URL is the SVG namespace, which is an identifier, not a fetch.
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<)]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });

  it('embeds the report data as JSON that cannot break out of its script tag', () => {
    const r = fixtureReport();
    r.findings[0].message = '</script><script>alert(1)</script> \u2028';
    const html = renderReport('html', r, opts);
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(scriptJson({ a: '</script>&\u2028' })).toBe('{"a":"\\u003c/script\\u003e\\u0026\\u2028"}');
    const data = /<script type="application\/json" id="costguard-data">([^<]*)<\/script>/.exec(html)?.[1] ?? '';
    expect((JSON.parse(data) as { findings: Array<{ message: string }> }).findings.some((f) => f.message.startsWith('</script>'))).toBe(true);
  });

  it('escapes resource names in the table and the charts', () => {
    const html = renderReport('html', fixtureReport(), opts);
    expect(html).toContain('/aws/lambda/web-&lt;prod&gt;&amp;&quot;test&quot;');
    expect(html).not.toMatch(/web-<prod>/);
  });

  it('uses Korean chrome with lang ko', () => {
    const html = renderReport('html', fixtureReport(), { ...opts, lang: 'ko' });
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain('<h1>costguard 보고서</h1>');
    expect(html).toContain('계정별 예상 월 비용($)');
    expect(html).toContain('예상 월 낭비 비용');
  });
});
