import { describe, expect, it } from 'vitest';
import { costRoles } from '../../../src/app/type-catalog.js';
import { COST_ROLES, costRoleTypes } from '../../../src/core/cost-roles.js';
import { allResourceTypes } from '../../../src/resources/registry.js';

describe('cost roles', () => {
  it('each part of the cost report is held by exactly one registered type, and the catalog agrees', () => {
    const fromRegistry = costRoleTypes(allResourceTypes());
    expect(Object.keys(fromRegistry).sort()).toEqual([...COST_ROLES].sort());
    expect(costRoles()).toEqual(fromRegistry);
    expect(fromRegistry['service-spend']).toBe('cost:service-spend');
    expect(fromRegistry.month).toBe('cost:month');
  });

  it('refuses a part with no type, and a part claimed twice', () => {
    expect(() => costRoleTypes([{ type: 'a:b', costRole: 'month' }])).toThrow(/no resource type holds the cost role\(s\) usage-types/);
    const all = COST_ROLES.map((role, i) => ({ type: `t:${i}`, costRole: role }));
    expect(() => costRoleTypes([...all, { type: 't:x', costRole: 'budgets' }])).toThrow(/budgets is claimed by both t:5 and t:x/);
  });
});
