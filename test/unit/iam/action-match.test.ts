import { describe, expect, it } from 'vitest';
import { actionMatches, isAllResources, isBroadResource, isReadOnlyActionPattern, isWriteWildcard, serviceWildcardOf } from '../../../src/core/iam/action-match.js';

describe('IAM action patterns', () => {
  it('match case-insensitively with * and ?', () => {
    expect(actionMatches('iam:Put*', 'iam:PutUserPolicy')).toBe(true);
    expect(actionMatches('IAM:put*', 'iam:PutRolePolicy')).toBe(true);
    expect(actionMatches('iam:Put*', 'iam:AttachUserPolicy')).toBe(false);
    expect(actionMatches('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(actionMatches('*', 'anything:AtAll')).toBe(true);
    expect(actionMatches('iam:*Policy', 'iam:CreatePolicy')).toBe(true);
    expect(actionMatches('iam:CreatePolicy', 'iam:CreatePolicyVersion')).toBe(false);
  });

  it('tell read-only wildcards from ones that can match a write', () => {
    expect(isReadOnlyActionPattern('ec2:Describe*')).toBe(true);
    expect(isReadOnlyActionPattern('s3:Get*')).toBe(true);
    expect(isReadOnlyActionPattern('iam:List*')).toBe(true);
    expect(isWriteWildcard('ec2:De*')).toBe(true);
    expect(isWriteWildcard('s3:*')).toBe(true);
    expect(isWriteWildcard('*')).toBe(true);
    expect(isWriteWildcard('iam:Put*')).toBe(true);
    expect(isWriteWildcard('ec2:Describe*')).toBe(false);
    expect(isWriteWildcard('ec2:DescribeVolumes')).toBe(false);
  });

  it('find whole-service wildcards', () => {
    expect(serviceWildcardOf('S3:*')).toBe('s3');
    expect(serviceWildcardOf('s3:Get*')).toBeUndefined();
    expect(serviceWildcardOf('*')).toBeUndefined();
  });

  it('tell every resource, every resource of a kind and a named one apart', () => {
    expect(isAllResources('*')).toBe(true);
    expect(isAllResources('arn:aws:*:*:*:*')).toBe(true);
    expect(isAllResources('arn:aws:iam::*:role/*')).toBe(false);
    expect(isBroadResource('arn:aws:iam::*:role/*')).toBe(true);
    expect(isBroadResource('arn:aws:iam::123456789012:policy/*')).toBe(true);
    expect(isBroadResource('arn:aws:s3:::*')).toBe(true);
    expect(isBroadResource('arn:aws:iam::*:user/${aws:username}')).toBe(false);
    expect(isBroadResource('arn:aws:iam::123456789012:role/deploy')).toBe(false);
    expect(isBroadResource('arn:aws:iam::123456789012:role/dev-*')).toBe(false);
  });
});
