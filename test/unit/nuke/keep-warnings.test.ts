import { describe, expect, it } from 'vitest';
import { parseCondition } from '../../../src/core/conditions/parse.js';
import { planNuke } from '../../../src/core/nuke/plan.js';
import { planToJson, renderPlanTable } from '../../../src/core/nuke/render.js';
import { config, planInput, res } from './helpers.js';

const keep = (label: string, raw: unknown) => ({ label, condition: parseCondition(raw, 'nuke.yml').condition });

describe('keep entries that match nothing', () => {
  it('become a warning in the plan, while entries that match stay silent', () => {
    const c = { ...config({ source: 'nuke.yml' }), keep: [keep('keep[0]', { name: { glob: 'shared-*' } }), keep('keep[1]', { name: { glob: 'sahred-*' } })] };
    const plan = planNuke(planInput([res('s3:bucket', 'shared-logs', { name: 'shared-logs' }), res('s3:bucket', 'scratch', { name: 'scratch' })], { config: c }));
    expect(plan.deletions.map((d) => d.id)).toEqual(['scratch']);
    expect(plan.warnings).toEqual(['keep[1] matched no resource in this run: it keeps nothing (check its fields and values)']);
    expect(planToJson(plan, { dryRun: true }).warnings).toEqual(plan.warnings);
    expect(renderPlanTable(plan, { dryRun: true })).toContain('Warnings (1):\n  keep[1] matched no resource in this run');
  });

  it('leaves the plan without warnings when every keep entry matched something', () => {
    const c = { ...config({ source: 'nuke.yml' }), keep: [keep('keep[0]', { name: 'scratch' })] };
    const plan = planNuke(planInput([res('s3:bucket', 'scratch', { name: 'scratch' })], { config: c }));
    expect(plan.warnings).toBeUndefined();
  });
});
