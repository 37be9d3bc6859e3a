import { EC2Client, GetDefaultCreditSpecificationCommand, type GetDefaultCreditSpecificationCommandOutput } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import type { ResourceType } from './resource-type.js';
import { BURSTABLE_FAMILIES } from './ec2-instance.js';

export const ec2DefaultCreditSpecification: ResourceType = {
  type: 'ec2:default-credit-specification',
  description: 'Per-region default CPU credit option of each burstable family (t2, t3, t3a, t4g); a pseudo-resource',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['ec2:GetDefaultCreditSpecification'],
  },
  properties: {
    instanceFamily: { type: 'string', description: 't2 | t3 | t3a | t4g' },
    cpuCredits: { type: 'string', description: 'standard | unlimited: the option new instances of the family launch with' },
  },
  // GetDefaultCreditSpecification takes one family: exactly 4 calls per region, whatever the account holds.
  async list(ctx) {
    const ec2 = ctx.client(EC2Client);
    // allSettled: every call finishes (and is counted) before the first failure is reported.
    const settled = await Promise.allSettled(
      BURSTABLE_FAMILIES.map((family) => ec2.send(new GetDefaultCreditSpecificationCommand({ InstanceFamily: family }))),
    );
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const answers = settled.map((s) => (s as PromiseFulfilledResult<GetDefaultCreditSpecificationCommandOutput>).value);
    return answers.map((out, n): Resource => {
      const family = out.InstanceFamilyCreditSpecification?.InstanceFamily ?? BURSTABLE_FAMILIES[n];
      return {
        type: 'ec2:default-credit-specification',
        id: family,
        name: family,
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        tags: {},
        props: {
          instanceFamily: family,
          cpuCredits: out.InstanceFamilyCreditSpecification?.CpuCredits,
        },
      };
    });
  },
};
