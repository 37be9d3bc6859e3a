import { afterEach, describe, expect, it } from 'vitest';
import { operationOf } from '../../../src/aws/client-factory.js';
import { ec2DefaultCreditSpecification } from '../../../src/resources/ec2-default-credit-specification.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { ec2Error, ec2Reply, fakeAws, ORIGINS, type FakeReply, type FakeRequest } from './fake-aws.js';

const defaults: Record<string, string> = { t2: 'unlimited', t3: 'unlimited', t3a: 'standard', t4g: 'unlimited' };
const answer = (req: FakeRequest): FakeReply => {
  const family = req.form.get('InstanceFamily') as string;
  return ec2Reply(
    'GetDefaultCreditSpecification',
    `<instanceFamilyCreditSpecification><instanceFamily>${family}</instanceFamily><cpuCredits>${defaults[family]}</cpuCredits></instanceFamilyCreditSpecification>`,
  );
};

describe('ec2:default-credit-specification', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('reports one pseudo-resource per burstable family, including a t2 default changed to unlimited, in exactly 4 calls', async () => {
    t = testCollectContext({ region: 'eu-west-1' });
    const server = fakeAws('https://ec2.eu-west-1.amazonaws.com', { GetDefaultCreditSpecification: answer });
    const resources = await ec2DefaultCreditSpecification.list(t.ctx);

    expect(resources).toEqual(
      ['t2', 't3', 't3a', 't4g'].map((family) => ({
        type: 'ec2:default-credit-specification',
        id: family,
        name: family,
        accountId: '111111111111',
        region: 'eu-west-1',
        tags: {},
        props: { instanceFamily: family, cpuCredits: defaults[family] },
      })),
    );
    expect(resources[0].arn).toBeUndefined();
    expect(server.calls('GetDefaultCreditSpecification').map((c) => c.form.get('InstanceFamily')).sort()).toEqual(['t2', 't3', 't3a', 't4g']);
    expect(t.op('ec2', 'GetDefaultCreditSpecification').calls).toBe(4);
  });

  it('retries a throttled family and records the retry and the throttle', async () => {
    t = testCollectContext();
    let throttled = false;
    fakeAws(ORIGINS.ec2, {
      GetDefaultCreditSpecification: (req) => {
        if (!throttled && req.form.get('InstanceFamily') === 't3') {
          throttled = true;
          return ec2Error('RequestLimitExceeded', 'Request limit exceeded.');
        }
        return answer(req);
      },
    });
    const resources = await ec2DefaultCreditSpecification.list(t.ctx);
    expect(resources.map((r) => r.props.cpuCredits)).toEqual(['unlimited', 'unlimited', 'standard', 'unlimited']);
    expect(t.op('ec2', 'GetDefaultCreditSpecification')).toMatchObject({ calls: 4, retries: 1, throttles: 1, errors: 0 });
  });

  it('rejects when the call is refused, naming the operation', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, { GetDefaultCreditSpecification: () => ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403) });
    const error = await ec2DefaultCreditSpecification.list(t.ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UnauthorizedOperation' });
    expect(operationOf(error)).toBe('ec2:GetDefaultCreditSpecification');
  });
});
