import { afterEach, describe, expect, it } from 'vitest';
import { iamPrincipal } from '../../../src/resources/iam-principal.js';
import { testGlobalCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { ADMIN_ARN, adminManaged, detailsReply, ec2Trust, fakeIam } from './iam-fake.js';

describe('iam:principal', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('gives users, groups and roles their effective permissions: admin via group, escalation, wildcards, policy versions', async () => {
    t = testGlobalCollectContext();
    const cpv = 'arn:aws:iam::111111111111:policy/policy-editor';
    fakeIam({
      GetAccountAuthorizationDetails: () =>
        detailsReply({
          users: [{ name: 'alice', groups: ['admins'] }, { name: 'dev', attached: [{ name: 'policy-editor', arn: cpv }] }],
          groups: [{ name: 'admins', attached: [{ name: 'AdministratorAccess', arn: ADMIN_ARN }] }],
          roles: [{ name: 'app', trust: ec2Trust, inline: [{ name: 's3', doc: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] } }] }],
          policies: [
            adminManaged(1),
            // v1 (not default) allowed everything; the default v2 allows one escalation action.
            {
              name: 'policy-editor',
              arn: cpv,
              versions: [
                { id: 'v1', isDefault: false, doc: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
                { id: 'v2', isDefault: true, doc: { Statement: [{ Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: '*' }] } },
              ],
            },
          ],
        }),
    });
    const found = await iamPrincipal.list(t.ctx);
    expect(found.map((p) => p.id)).toEqual(['user/alice', 'user/dev', 'group/admins', 'role/app']);
    const [alice, dev, admins, app] = found;
    expect(alice.props).toMatchObject({ principalType: 'user', principalLabel: 'IAM user alice', adminAccess: true, adminGrantedBy: 'AdministratorAccess (AWS managed) via group admins', conditional: false, conditionNote: '' });
    expect(alice.props.escalationMethods).toBeUndefined();
    expect(dev.props).toMatchObject({
      adminAccess: false,
      escalationMethods: ['create-policy-version'],
      escalationSummary: 'CreatePolicyVersion (iam:CreatePolicyVersion via policy-editor)',
    });
    expect(admins.props).toMatchObject({ principalType: 'group', adminAccess: true, members: ['alice'], memberCount: 1, principalLabel: 'IAM group admins (1 member)' });
    expect(app.props).toMatchObject({
      principalType: 'role',
      origin: 'customer',
      serviceWildcards: ['s3:*'],
      serviceWildcardSummary: 's3:* (inline policy "s3" (conditional))',
      serviceWildcardsConditional: true,
      conditional: true,
    });
    expect(String(app.props.conditionNote)).toMatch(/Condition that narrows/);
  });
});
