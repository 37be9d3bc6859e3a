import { afterEach, describe, expect, it } from 'vitest';
import { iamPolicy } from '../../../src/resources/iam-policy.js';
import { testGlobalCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { adminManaged, detailsReply, fakeIam, iamReply } from './iam-fake.js';

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
    expect(writer.tags).toEqual({});
  });

  it('reads policy tags (nuke) with one ListPolicyTags per policy, following Marker while IsTruncated', async () => {
    t = testGlobalCollectContext();
    const tagsXml = (tags: Record<string, string>) => `<Tags>${Object.entries(tags).map(([k, v]) => `<member><Key>${k}</Key><Value>${v}</Value></member>`).join('')}</Tags>`;
    const server = fakeIam({
      ListPolicyTags: (req) => {
        const arn = req.form.get('PolicyArn');
        if (arn?.endsWith('/reader')) return iamReply('ListPolicyTags', `${tagsXml({})}<IsTruncated>false</IsTruncated>`);
        if (req.form.get('Marker') === 'm2') return iamReply('ListPolicyTags', `${tagsXml({ lab: 'day1' })}<IsTruncated>false</IsTruncated>`);
        return iamReply('ListPolicyTags', `${tagsXml({ 'costguard:keep': 'yes' })}<IsTruncated>true</IsTruncated><Marker>m2</Marker>`);
      },
    });
    const policy = (name: string) => ({ type: 'iam:policy', id: name, arn: `arn:aws:iam::111111111111:policy/${name}`, accountId: '111111111111', region: 'global', tags: {}, props: {} });
    const tags = await iamPolicy.readTags?.(t.ctx, [policy('writer'), policy('reader')]);
    expect(tags).toEqual(new Map([['writer', { 'costguard:keep': 'yes', lab: 'day1' }], ['reader', {}]]));
    const calls = server.calls('ListPolicyTags').map((c) => [c.form.get('PolicyArn'), c.form.get('Marker')]);
    expect(calls).toHaveLength(3);
    expect(calls).toEqual(
      expect.arrayContaining([
        ['arn:aws:iam::111111111111:policy/writer', null],
        ['arn:aws:iam::111111111111:policy/writer', 'm2'],
        ['arn:aws:iam::111111111111:policy/reader', null],
      ]),
    );
    expect(iamPolicy.permissions.remove).toContain('iam:ListPolicyTags');
  });
});
