// costguard's own IAM policies: the shipped files match what the registry declares, `policies iam`
// prints them, and the iam pack finds nothing wrong with them.
// Regenerate the files after adding a resource type: UPDATE_IAM_POLICIES=1 npx vitest run --project unit test/unit/iam/shipped-policies.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate.js';
import { analyseAuthorizationDetails, principalProps } from '../../../src/core/iam/authorization-details.js';
import { actionForOperation, BASE_AUDIT_ACTIONS, buildCostguardPolicy, formatPolicyJson, type CostguardPolicyKind } from '../../../src/core/iam/costguard-policy.js';
import { hasWildcard, isReadOnlyActionPattern } from '../../../src/core/iam/action-match.js';
import { analysePolicyDocument } from '../../../src/core/iam/policy-analysis.js';
import { normalisePolicyDocument } from '../../../src/core/iam/policy-document.js';
import type { Inventory, Resource } from '../../../src/core/model.js';
import { loadPackFile } from '../../../src/core/policy/load.js';
import { allResourceTypes } from '../../../src/resources/registry.js';

const declarations = allResourceTypes().map((t) => ({ type: t.type, list: t.permissions.list, remove: t.permissions.remove }));
const file = (kind: CostguardPolicyKind) => `policies/iam/costguard-${kind}.json`;

describe('shipped costguard IAM policies', () => {
  it.each(['audit', 'nuke'] as const)('policies/iam/costguard-%s.json matches the registry', (kind) => {
    const expected = formatPolicyJson(buildCostguardPolicy(kind, declarations));
    if (process.env.UPDATE_IAM_POLICIES === '1') writeFileSync(file(kind), expected);
    expect(readFileSync(file(kind), 'utf8'), `regenerate with UPDATE_IAM_POLICIES=1 npx vitest run --project unit test/unit/iam/shipped-policies.test.ts`).toBe(expected);
  });

  it('grants every list permission of every resource type and the base calls, read-only, with no wildcards', () => {
    const audit = buildCostguardPolicy('audit', declarations);
    const actions = audit.Statement[0].Action;
    for (const d of declarations) for (const a of d.list) expect(actions).toContain(a);
    for (const b of BASE_AUDIT_ACTIONS) expect(actions).toContain(b.action);
    for (const a of audit.Statement.flatMap((s) => s.Action)) expect(hasWildcard(a), a).toBe(false);
    const writes = actions.filter((a) => !isReadOnlyActionPattern(a));
    // The audit policy is read-only: a list action that does not start with a read verb must be a read all the same (add it here on purpose).
    const READS_WITHOUT_A_READ_VERB = ['budgets:ViewBudget'];
    expect(writes.filter((a) => !READS_WITHOUT_A_READ_VERB.includes(a)), 'a list permission looks like a write').toEqual([]);
  });

  it('maps the operations whose IAM action has another name', () => {
    expect(actionForOperation('budgets:DescribeBudgets')).toBe('budgets:ViewBudget');
    expect(actionForOperation('s3:ListBuckets')).toBe('s3:ListAllMyBuckets');
    expect(actionForOperation('ec2:DescribeVolumes')).toBe('ec2:DescribeVolumes');
    expect(actionForOperation('apigateway:GetRestApis')).toBe('apigateway:GET');
    expect(actionForOperation('apigateway:DeleteApi')).toBe('apigateway:DELETE');
  });

  it('adds exactly the declared delete actions for nuke', () => {
    const nuke = buildCostguardPolicy('nuke', declarations);
    const removes = [...new Set(declarations.flatMap((d) => d.remove ?? []))];
    const all = nuke.Statement.flatMap((s) => s.Action);
    for (const a of removes) expect(all).toContain(a);
    for (const a of all) expect(hasWildcard(a), a).toBe(false);
  });

  it.each(['audit', 'nuke'] as const)('the iam pack finds nothing wrong with costguard-%s.json attached to a role', (kind) => {
    const json = JSON.parse(readFileSync(file(kind), 'utf8')) as unknown;
    const document = normalisePolicyDocument(json);
    const policyArn = `arn:aws:iam::111111111111:policy/costguard-${kind}`;
    const analysis = analyseAuthorizationDetails({
      users: [],
      groups: [],
      roles: [{ name: 'costguard', arn: 'arn:aws:iam::111111111111:role/costguard', inlinePolicies: [], attachedPolicies: [{ arn: policyArn, name: `costguard-${kind}` }] }],
      policies: [{ arn: policyArn, name: `costguard-${kind}`, awsManaged: false, document }],
    });
    const role = analysis.roles.get('costguard');
    expect(role).toBeDefined();
    const policyProps = analysePolicyDocument(document);
    const resources: Resource[] = [
      { type: 'iam:principal', id: 'role/costguard', accountId: '111111111111', region: 'global', tags: {}, props: principalProps(role as NonNullable<typeof role>) },
      {
        type: 'iam:policy',
        id: `costguard-${kind}`,
        accountId: '111111111111',
        region: 'global',
        tags: {},
        props: { attached: true, adminAccess: policyProps.adminAccess, writeWildcards: policyProps.writeWildcards.length > 0 ? policyProps.writeWildcards.join(', ') : undefined },
      },
    ];
    const inventory: Inventory = {
      tool: 'costguard',
      kind: 'inventory',
      schemaVersion: 1,
      version: 'test',
      generatedAt: new Date().toISOString(),
      targets: [{ accountId: '111111111111', source: 'test', regions: [] }],
      collectedTypes: ['iam:principal', 'iam:policy', 'iam:access-key', 'iam:password-policy', 'iam:role', 'iam:root-account', 'iam:user'],
      resources,
      errors: [],
    };
    const { findings } = evaluate({ inventory, packs: [loadPackFile('policies/iam.yml')], packsSelected: ['iam'] });
    expect(findings).toEqual([]);
    expect(role?.escalations).toEqual([]);
  });
});
