// The parts of the cost report (and of the bill reconciliation) that resource types fill: each type
// says which part it is (ResourceType.costRole), and the report asks for a part, never a type name.

export const COST_ROLES = ['month', 'usage-types', 'service-spend', 'free-tier-plan', 'free-tier-offers', 'budgets', 'billing-alarms'] as const;
export type CostRole = (typeof COST_ROLES)[number];

/** Each part of the cost report → the resource type that holds it. */
export type CostRoleTypes = Readonly<Record<CostRole, string>>;

/** The type of each part, from the types' costRole. Throws when a part has no type or two. */
export function costRoleTypes(types: Iterable<{ type: string; costRole?: CostRole }>): CostRoleTypes {
  const out: Partial<Record<CostRole, string>> = {};
  for (const t of types) {
    if (!t.costRole) continue;
    const taken = out[t.costRole];
    if (taken) throw new Error(`cost role ${t.costRole} is claimed by both ${taken} and ${t.type}`);
    out[t.costRole] = t.type;
  }
  const missing = COST_ROLES.filter((role) => out[role] === undefined);
  if (missing.length > 0) throw new Error(`no resource type holds the cost role(s) ${missing.join(', ')}`);
  return out as CostRoleTypes;
}
