import { describe, expect, it } from 'vitest';
import { CallStats } from '../../../src/aws/call-stats.js';
import { ClientFactory } from '../../../src/aws/client-factory.js';
import { stsCallerIdentity } from '../../../src/local/caller-identity.js';
import { fakeAws, queryReply } from '../resources/fake-aws.js';

describe('stsCallerIdentity', () => {
  it("asks STS with the profile's own keys and counts the call", async () => {
    const fake = fakeAws('https://sts.us-east-1.amazonaws.com', {
      GetCallerIdentity: () =>
        queryReply('GetCallerIdentity', '<Arn>arn:aws:iam::111111111111:root</Arn><UserId>111111111111</UserId><Account>111111111111</Account>', 'https://sts.amazonaws.com/doc/2011-06-15/'),
    });
    const stats = new CallStats();
    const check = stsCallerIdentity({ stats, limiter: ClientFactory.newLimiter(), region: 'us-east-1' });
    await expect(check('default', async () => ({ accessKeyId: 'AKIAROOTEXAMPLE00001', secretAccessKey: 'secret' }))).resolves.toEqual({ account: '111111111111', arn: 'arn:aws:iam::111111111111:root' });
    expect(fake.requests[0].headers.authorization).toContain('Credential=AKIAROOTEXAMPLE00001/');
    expect(stats.count('sts')).toBe(1);
  });
});
