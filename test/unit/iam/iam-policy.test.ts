import { afterEach, describe, expect, it } from 'vitest';
import { iamPolicy } from '../../../src/resources/iam-policy.js';
import { testGlobalCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { adminManaged, detailsReply, fakeIam } from './iam-fake.js';

describe('iam:policy', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('lists customer-managed policies only, analysing the default version', async () => {
    t = testGlobalCollectContext();
    fakeIam({
      GetAccountAuthorizationDetails: () =>
        detailsReply({
          users: [{ name: 'u', attached: [{ name: 'AdministratorAccess', arn: adminManaged().arn }] }],
          policies: [
            adminManaged(1),
            { name: 'writer', arn: 'arn:aws:iam::111111111111:policy/writer', attachments: 0, versions: [{ id: 'v4', isDefault: true, doc: { Statement: [{ Effect: 'Allow', Action: ['s3:Put*', 'ec2:Describe*'], Resource: '*' }] } }] },
            { name: 'reader', arn: 'arn:aws:iam::111111111111:policy/reader', versions: [{ id: 'v1', isDefault: true, doc: { Statement: [{ Effect: 'Allow', Action: ['ec2:Describe*', 's3:GetObject'], Resource: '*' }] } }] },
          ],
        }),
    });
    const [writer, reader] = await iamPolicy.list(t.ctx);
    expect(writer).toMatchObject({ type: 'iam:policy', id: 'writer', arn: 'arn:aws:iam::111111111111:policy/writer' });
    expect(writer.props).toMatchObject({ attached: false, attachmentCount: 0, defaultVersionId: 'v4', versionCount: 1, adminAccess: false, writeWildcards: 's3:Put*', readable: true });
    expect(reader.props).toMatchObject({ attached: true, writeWildcards: undefined, serviceWildcards: undefined });
  });
});
