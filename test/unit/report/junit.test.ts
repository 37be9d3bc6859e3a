import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../src/report/index.js';
import { escapeXml } from '../../../src/report/xml.js';
import { expectGolden, fixtureReport } from './helpers.js';

const opts = { lang: 'en' as const, color: false };

function suite(xml: string, name: string): string {
  const start = xml.indexOf(`<testsuite name="${name}"`);
  expect(start, `suite ${name}`).toBeGreaterThanOrEqual(0);
  return xml.slice(start, xml.indexOf('</testsuite>', start));
}

describe('junit format', () => {
  it('matches the golden file (failOn high)', () => {
    expectGolden('report.junit.xml', renderReport('junit', fixtureReport(), { ...opts, failOn: 'high' }));
  });

  it('has one suite per account and region', () => {
    const xml = renderReport('junit', fixtureReport(), opts);
    const names = [...xml.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual([
      '111111111111 global',
      '111111111111 ap-northeast-2',
      '111111111111 eu-west-1',
      '111111111111 us-east-1',
      '222222222222 global',
      '222222222222 us-east-1',
      '222222222222 us-west-2',
    ]);
  });

  it('fails the findings at or above --fail-on, passes the others, skips suppressed ones', () => {
    const xml = renderReport('junit', fixtureReport(), { ...opts, failOn: 'high' });
    expect(xml).toMatch(/<testsuites name="costguard" tests="\d+" failures="4" errors="1" time=/);
    expect(xml).toMatch(/<testsuite name="111111111111 eu-west-1" [^>]*skipped="1"/);
    const euWest = suite(xml, '111111111111 eu-west-1');
    expect(euWest).toContain('<skipped message="suppressed: Reserved for the workshop DNS record (until 2099-12-31)"/>');
    expect(euWest).toMatch(/<testcase classname="costguard.free-tier.logs-no-retention" name="[^"]+" time="0"\/>/); // low: passes
    expect(suite(xml, '222222222222 us-west-2')).toContain('<failure message="NAT gateway nat-0f1e2d3c4b5a69788 has been running for 41 days." type="high">');
  });

  it('fails every unsuppressed finding without a threshold', () => {
    expect(renderReport('junit', fixtureReport(), opts)).toMatch(/failures="8" errors="1" time=/);
  });

  it('puts no skipped attribute on <testsuites> (the common JUnit XSD allows it only on <testsuite>)', () => {
    const root = /<testsuites[^>]*>/.exec(renderReport('junit', fixtureReport(), opts))?.[0] ?? '';
    expect(root).toMatch(/^<testsuites /);
    expect(root).not.toContain('skipped=');
  });

  it('reports a rule that was not evaluated as an error, never a pass', () => {
    const xml = suite(renderReport('junit', fixtureReport(), opts), '111111111111 us-east-1');
    expect(xml).toContain('<error message="not evaluated: ec2:DescribeNatGateways AccessDenied" type="NotEvaluated"/>');
  });

  it('escapes XML in names, attributes and text', () => {
    const xml = renderReport('junit', fixtureReport(), opts);
    expect(xml).toContain('name="logs-no-retention /aws/lambda/web-&lt;prod&gt;&amp;&quot;test&quot;"');
    expect(xml).not.toContain('<prod>');
    expect(escapeXml('a\u0001b & <c>')).toBe('a\uFFFDb &amp; &lt;c&gt;');
  });
});
