import { afterEach, describe, expect, it } from 'vitest';
import { operationOf } from '../../../src/aws/client-factory.js';
import { ec2ElasticIp } from '../../../src/resources/ec2-elastic-ip.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { ec2Error, ec2Reply, ec2Tags, fakeAws, ORIGINS } from './fake-aws.js';

const addresses = (items: string[]) => ec2Reply('DescribeAddresses', `<addressesSet>${items.join('')}</addressesSet>`);

describe('ec2:elastic-ip', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('maps an idle and an attached address from one unpaginated call', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.ec2, {
      DescribeAddresses: () =>
        addresses([
          `<item><publicIp>3.3.3.3</publicIp><allocationId>eipalloc-idle</allocationId><domain>vpc</domain>${ec2Tags({ Name: 'spare' })}</item>`,
          `<item><publicIp>4.4.4.4</publicIp><allocationId>eipalloc-used</allocationId><domain>vpc</domain><instanceId>i-1</instanceId><associationId>eipassoc-1</associationId><networkInterfaceId>eni-1</networkInterfaceId></item>`,
        ]),
    });
    const [idle, used] = await ec2ElasticIp.list(t.ctx);
    expect(idle).toEqual({
      type: 'ec2:elastic-ip',
      id: 'eipalloc-idle',
      arn: 'arn:aws:ec2:us-east-1:111111111111:elastic-ip/eipalloc-idle',
      name: 'spare',
      accountId: '111111111111',
      region: 'us-east-1',
      tags: { Name: 'spare' },
      props: { publicIp: '3.3.3.3', allocationId: 'eipalloc-idle', associationId: undefined, instanceId: undefined, networkInterfaceId: undefined, domain: 'vpc' },
    });
    expect(used.props).toMatchObject({ associationId: 'eipassoc-1', instanceId: 'i-1', networkInterfaceId: 'eni-1' });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a throttled call and records the retry and the throttle', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, { DescribeAddresses: [() => ec2Error('RequestLimitExceeded'), () => addresses([])] });
    expect(await ec2ElasticIp.list(t.ctx)).toEqual([]);
    expect(t.op('ec2', 'DescribeAddresses')).toMatchObject({ calls: 1, retries: 1, throttles: 1 });
  });

  it('rejects when refused, naming the operation', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.ec2, { DescribeAddresses: () => ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403) });
    const error = await ec2ElasticIp.list(t.ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UnauthorizedOperation' });
    expect(operationOf(error)).toBe('ec2:DescribeAddresses');
  });
});
