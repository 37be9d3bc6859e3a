import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FORMATS, RENDERERS, isFormat, renderReport } from '../../../src/report/index.js';
import { GOLDEN, ROOT, fixtureReport } from './helpers.js';

describe('renderer registry', () => {
  it('has one renderer per format, each declaring its own format and a unique extension', () => {
    expect(Object.keys(RENDERERS).sort()).toEqual([...FORMATS].sort());
    for (const format of FORMATS) expect(RENDERERS[format].format).toBe(format);
    const extensions = FORMATS.map((f) => RENDERERS[f].extension);
    expect(new Set(extensions).size).toBe(extensions.length);
    expect(isFormat('sarif')).toBe(true);
    expect(isFormat('xml')).toBe(false);
  });

  it('every format has a golden file and a test file', () => {
    const goldens = readdirSync(GOLDEN);
    const tests = readdirSync(join(ROOT, 'test/unit/report')).map((f) => readFileSync(join(ROOT, 'test/unit/report', f), 'utf8'));
    for (const format of FORMATS) {
      const golden = format === 'table' ? 'table.txt' : `report.${RENDERERS[format].extension === 'xml' ? 'junit.xml' : RENDERERS[format].extension}`;
      expect(goldens, format).toContain(golden);
      expect(tests.some((t) => t.includes(`renderReport('${format}'`)), format).toBe(true);
    }
  });

  it('every format renders an empty report and the fixture in both languages', () => {
    const empty = { ...fixtureReport(), targets: [], findings: [], errors: [], notEvaluated: [] };
    for (const format of FORMATS) {
      for (const lang of ['en', 'ko'] as const) {
        expect(renderReport(format, fixtureReport(), { lang, color: false }).length, format).toBeGreaterThan(0);
        expect(renderReport(format, empty, { lang, color: false }).endsWith('\n'), format).toBe(true);
      }
    }
  });
});

describe('examples', () => {
  const workflow = readFileSync(join(ROOT, 'examples/github-actions.yml'), 'utf8');
  const cron = readFileSync(join(ROOT, 'examples/cron.sh'), 'utf8');

  it('the workflow is valid YAML that uploads SARIF, writes the job summary and gates on new high findings', () => {
    const doc = parse(workflow) as { on: { schedule: unknown[] }; permissions: Record<string, string>; jobs: { audit: { steps: Array<{ uses?: string; run?: string }> } } };
    expect(doc.on.schedule).toHaveLength(1);
    expect(doc.permissions).toMatchObject({ 'id-token': 'write', 'security-events': 'write' });
    const steps = doc.jobs.audit.steps;
    expect(steps.some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))).toBe(true);
    expect(steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
    const audit = steps.find((s) => s.run?.includes('costguard audit'))?.run ?? '';
    expect(audit).toContain('--fail-on-new --fail-on high');
    expect(audit).toContain('--baseline');
    expect(audit).toContain('$GITHUB_STEP_SUMMARY');
  });

  it('the examples use real formats and the file names --output-dir writes', () => {
    for (const text of [workflow, cron]) {
      for (const m of text.matchAll(/--format (\w+)/g)) expect(isFormat(m[1]), m[1]).toBe(true);
      for (const m of text.matchAll(/costguard-report\.(\w+)/g)) expect(FORMATS.map((f) => RENDERERS[f].extension), m[0]).toContain(m[1]);
    }
    expect(cron).toContain('--notify-webhook');
    // cron runs the script directly: it must be executable.
    expect(statSync(join(ROOT, 'examples/cron.sh')).mode & 0o111).not.toBe(0);
  });
});
