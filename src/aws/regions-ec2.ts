// The EC2 client and command enabledRegions (regions.ts) sends, behind a dynamic import there: the
// region helpers are needed before a run's first API call, the EC2 client only once collection starts.
export { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
