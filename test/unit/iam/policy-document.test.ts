import { describe, expect, it } from 'vitest';
import { analysePolicyDocument } from '../../../src/core/iam/policy-analysis.js';
import { normalisePolicyDocument, PolicyDocumentError, tryNormalisePolicyDocument } from '../../../src/core/iam/policy-document.js';

describe('normalisePolicyDocument', () => {
  it('reads URL-encoded JSON as GetAccountAuthorizationDetails returns it, single statements and string lists', () => {
    const encoded = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' } }));
    expect(normalisePolicyDocument(encoded)).toEqual({ version: '2012-10-17', statements: [{ effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }] });
  });

  it('keeps NotAction, NotResource, principals and conditions as lists', () => {
    const d = normalisePolicyDocument({
      Statement: [{ Sid: 'x', Effect: 'Deny', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::b', Principal: { AWS: 'arn:aws:iam::1:root' }, Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } }],
    });
    expect(d.statements[0]).toEqual({
      sid: 'x',
      effect: 'Deny',
      notActions: ['iam:*'],
      notResources: ['arn:aws:s3:::b'],
      principal: { AWS: ['arn:aws:iam::1:root'] },
      condition: { StringEquals: { 'aws:SourceVpc': ['vpc-1'] } },
    });
  });

  it('reports a bad document instead of guessing', () => {
    expect(() => normalisePolicyDocument({ Statement: [{ Effect: 'Maybe', Action: '*' }] })).toThrow(PolicyDocumentError);
    expect(tryNormalisePolicyDocument('not json')).toMatchObject({ document: { statements: [] }, problem: expect.stringMatching(/neither JSON/) });
  });
});

describe('analysePolicyDocument', () => {
  it('lists wildcard write actions and leaves read-only wildcards alone', () => {
    const a = analysePolicyDocument(normalisePolicyDocument({ Statement: [{ Effect: 'Allow', Action: ['ec2:Describe*', 's3:Put*', 'iam:GetRole'], Resource: '*' }] }));
    expect(a).toMatchObject({ adminAccess: false, writeWildcards: ['s3:Put*'], serviceWildcards: [] });
  });

  it('sees admin and service wildcards, and NotAction as a write wildcard', () => {
    const a = analysePolicyDocument(normalisePolicyDocument({ Statement: [{ Effect: 'Allow', Action: ['*', 's3:*'], Resource: '*' }, { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }));
    expect(a).toMatchObject({ adminAccess: true, serviceWildcards: ['s3:*'], writeWildcards: ['*', 'NotAction iam:*', 's3:*'] });
  });
});
