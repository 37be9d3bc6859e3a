import { UsageError } from '../core/errors.js';
import type { ClientFactory } from './client-factory.js';

const REGION_NAME = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/** The partition a region belongs to, from its name. */
export function partitionOf(region: string): 'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-iso' {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (/^[a-z]{2}-iso/.test(region)) return 'aws-iso';
  return 'aws';
}

/** The region global services (IAM, Route 53, Organizations) are called in, per partition. */
export function globalApiRegion(partition: string): string {
  if (partition === 'aws-cn') return 'cn-north-1';
  if (partition === 'aws-us-gov') return 'us-gov-west-1';
  return 'us-east-1';
}

export function validateRegionNames(regions: string[]): string[] {
  const bad = regions.filter((r) => !REGION_NAME.test(r));
  if (bad.length > 0) {
    throw new UsageError(`--region: "${bad[0]}" is not an AWS region name`, 'Use names such as us-east-1 or eu-west-2; repeat --region for several.');
  }
  return [...new Set(regions)];
}

/**
 * Every region enabled for the account in the caller's partition: DescribeRegions (one call), keeping
 * regions that need no opt-in or are opted in. The filter is applied again on the answer because not
 * every endpoint honours it.
 */
export async function enabledRegions(factory: ClientFactory, apiRegion = 'us-east-1'): Promise<string[]> {
  const partition = partitionOf(apiRegion);
  // Imported here, not at the top: the run's first calls (resolving the targets) need the region
  // helpers above, and should not wait for the EC2 client to load.
  const { DescribeRegionsCommand, EC2Client } = await import('./regions-ec2.js');
  const out = await factory.client(EC2Client, apiRegion).send(
    new DescribeRegionsCommand({
      AllRegions: false,
      Filters: [{ Name: 'opt-in-status', Values: ['opt-in-not-required', 'opted-in'] }],
    }),
  );
  return (out.Regions ?? [])
    .filter((r) => r.RegionName && (r.OptInStatus === undefined || r.OptInStatus !== 'not-opted-in'))
    .map((r) => r.RegionName as string)
    .filter((name) => partitionOf(name) === partition)
    .sort();
}
