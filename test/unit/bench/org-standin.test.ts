// Smoke test of the benchmark's stand-in endpoint (bench/org-standin.js): the SDK clients the CLI uses
// can list a small Organization through it, assume a role into a member and collect EC2 data. No timing.
import { DescribeAddressesCommand, DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListAccountsCommand, ListAccountsForParentCommand, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript benchmark module without types
import { inventoryOf, MANAGEMENT_ACCOUNT, startOrgStandIn } from '../../../bench/org-standin.js';

type StandIn = { endpoint: string; calls: Map<string, number>; close: () => Promise<void> };
let standIn: StandIn;
const keys = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const config = (credentials = keys, region = 'us-east-1') => ({ region, endpoint: standIn.endpoint, credentials, maxAttempts: 1 });

beforeAll(async () => {
  standIn = (await startOrgStandIn({ accounts: 45, regions: ['us-east-1', 'eu-west-1'], latencyMs: 0 })) as StandIn;
});
afterAll(async () => {
  await standIn.close();
});

describe('bench/org-standin.js', () => {
  it('pages ListAccounts 20 at a time with NextToken, management account first', async () => {
    const org = new OrganizationsClient(config());
    const ids: string[] = [];
    let pages = 0;
    let NextToken: string | undefined;
    do {
      const page = await org.send(new ListAccountsCommand({ NextToken }));
      pages++;
      expect((page.Accounts ?? []).length).toBeLessThanOrEqual(20);
      ids.push(...(page.Accounts ?? []).map((a) => a.Id as string));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(45);
    expect(ids[0]).toBe(MANAGEMENT_ACCOUNT);
    org.destroy();
  });

  it('spreads the accounts under the root and its OUs, each listed once', async () => {
    const org = new OrganizationsClient(config());
    const roots = await org.send(new ListRootsCommand({}));
    const rootId = roots.Roots?.[0]?.Id as string;
    const underRoot = await org.send(new ListAccountsForParentCommand({ ParentId: rootId }));
    expect(underRoot.Accounts?.map((a) => a.Id)).toEqual([MANAGEMENT_ACCOUNT]);
    org.destroy();
  });

  it('assumes a role into a member, whose keys then act in that account and see its generated inventory', async () => {
    const sts = new STSClient(config());
    const member = '100000000007';
    const role = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`, RoleSessionName: 't' }));
    const c = role.Credentials;
    const creds = { accessKeyId: c?.AccessKeyId as string, secretAccessKey: c?.SecretAccessKey as string, sessionToken: c?.SessionToken };
    const who = await new STSClient(config(creds)).send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe(member);

    const ec2 = new EC2Client(config(creds, 'eu-west-1'));
    const expected = inventoryOf(member, 'eu-west-1') as { volumes: Array<{ id: string; attachedTo?: string }>; addresses: unknown[] };
    const volumes = await ec2.send(new DescribeVolumesCommand({}));
    expect(volumes.Volumes?.map((v) => v.VolumeId)).toEqual(expected.volumes.map((v) => v.id));
    expect(volumes.Volumes?.map((v) => v.State)).toEqual(expected.volumes.map((v) => (v.attachedTo ? 'in-use' : 'available')));
    const addresses = await ec2.send(new DescribeAddressesCommand({}));
    expect(addresses.Addresses?.length).toBe(expected.addresses.length);
    expect(standIn.calls.get('ec2:DescribeVolumes')).toBe(1);
    ec2.destroy();
    sts.destroy();
  });

  it('refuses AssumeRole into an account outside the Organization', async () => {
    const sts = new STSClient(config());
    await expect(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::999999999999:role/OrganizationAccountAccessRole', RoleSessionName: 't' }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    sts.destroy();
  });
});
