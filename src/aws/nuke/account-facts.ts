// What the account gates need to know about each target: its alias and whether it is the
// Organizations management account (organizations:DescribeOrganization).
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import type { AccountFacts } from '../../core/nuke/types.js';
import { describeAwsError } from '../aws-errors.js';
import type { ClientFactory } from '../client-factory.js';
import { accountAlias } from '../targets/identify.js';
import type { ResolvedTarget } from '../targets/types.js';

/** true when the account is the management account of its organization, false when not (or in none); undefined when unknown. */
export async function isManagementAccount(factory: ClientFactory, accountId: string, region: string): Promise<{ management?: boolean; error?: string }> {
  try {
    const out = await factory.client(OrganizationsClient, region).send(new DescribeOrganizationCommand({}));
    const master = out.Organization?.MasterAccountId;
    if (!master) return { error: 'DescribeOrganization returned no management account id' };
    return { management: master === accountId };
  } catch (error) {
    const { code, message } = describeAwsError(error);
    if (code === 'AWSOrganizationsNotInUseException') return { management: false };
    return { error: `${code}: ${message}` };
  }
}

/** Alias and management-account facts for one target (two API calls). */
export async function accountFacts(resolved: ResolvedTarget, factory: ClientFactory): Promise<AccountFacts> {
  const region = resolved.homeRegion?.startsWith('cn-') ? 'cn-north-1' : resolved.homeRegion?.startsWith('us-gov-') ? 'us-gov-west-1' : 'us-east-1';
  const { accountId } = resolved.target;
  const [alias, management] = await Promise.all([
    resolved.target.alias ? Promise.resolve(resolved.target.alias) : accountAlias(factory, region),
    isManagementAccount(factory, accountId, region),
  ]);
  return {
    accountId,
    ...(alias ? { alias } : {}),
    ...(resolved.target.name ? { name: resolved.target.name } : {}),
    source: resolved.target.source,
    ...(resolved.callerArn ? { callerArn: resolved.callerArn } : {}),
    ...(management.management !== undefined ? { managementAccount: management.management } : {}),
    ...(management.error ? { managementCheckError: management.error } : {}),
  };
}
