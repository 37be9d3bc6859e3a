import { describe, expect, it } from 'vitest';
import { analyseAuthorizationDetails, type AuthorizationDetails } from '../../../src/core/iam/authorization-details.js';
import { EffectivePermissions, type PolicySource } from '../../../src/core/iam/effective-permissions.js';
import { normalisePolicyDocument } from '../../../src/core/iam/policy-document.js';

const inline = (name: string, statements: unknown[], via?: string): PolicySource => ({
  name,
  kind: 'inline',
  document: normalisePolicyDocument({ Version: '2012-10-17', Statement: statements }),
  ...(via ? { via } : {}),
});
const allow = (Action: string | string[], Resource: string | string[] = '*', extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action: string | string[], Resource: string | string[] = '*', extra: Record<string, unknown> = {}) => ({ Effect: 'Deny', Action, Resource, ...extra });

describe('EffectivePermissions', () => {
  it('lets an explicit Deny win over any Allow', () => {
    const p = new EffectivePermissions([inline('admin', [allow('*')]), inline('guard', [deny('iam:*')])]);
    expect(p.decide('iam:CreateAccessKey')).toMatchObject({ allowed: false, deniedBy: ['inline policy "guard"'] });
    expect(p.decide('s3:GetObject').allowed).toBe(true);
  });

  it('does not let a Deny on one named resource take back a grant on every resource', () => {
    const p = new EffectivePermissions([inline('a', [allow('iam:PassRole'), deny('iam:PassRole', 'arn:aws:iam::1:role/admin')])]);
    expect(p.decide('iam:PassRole').allowed).toBe(true);
  });

  it('treats a Deny with a Condition as making the grant conditional, not removing it', () => {
    const p = new EffectivePermissions([inline('a', [allow('iam:*'), deny('iam:*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })])]);
    expect(p.decide('iam:CreateUser')).toMatchObject({ allowed: true, conditional: true });
  });

  it('honours NotAction: everything except the listed actions', () => {
    const p = new EffectivePermissions([inline('power', [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }])]);
    expect(p.decide('ec2:RunInstances').allowed).toBe(true);
    expect(p.decide('iam:PassRole').allowed).toBe(false);
    expect(p.adminAccess()).toBeUndefined();
    expect(p.serviceWildcards().map((w) => w.pattern)).toEqual(['* except iam:*, organizations:*']);
  });

  it('honours a Deny with NotAction (deny everything except)', () => {
    const p = new EffectivePermissions([inline('a', [allow('*'), { Effect: 'Deny', NotAction: ['s3:*'], Resource: '*' }])]);
    expect(p.decide('s3:PutObject').allowed).toBe(true);
    expect(p.decide('iam:PutUserPolicy').allowed).toBe(false);
  });

  it('matches wildcards in action names (iam:Put*, iam:*, case-insensitive)', () => {
    const p = new EffectivePermissions([inline('a', [allow(['iam:Put*', 'EC2:describe*'])])]);
    expect(p.decide('iam:PutUserPolicy').allowed).toBe(true);
    expect(p.decide('iam:PutRolePolicy').allowed).toBe(true);
    expect(p.decide('iam:AttachUserPolicy').allowed).toBe(false);
    expect(p.decide('ec2:DescribeInstances').allowed).toBe(true);
  });

  it('reports an Allow with a Condition as conditional, and an unconditional one as not', () => {
    const p = new EffectivePermissions([inline('c', [allow('iam:CreateAccessKey', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } })])]);
    expect(p.decide('iam:CreateAccessKey')).toMatchObject({ allowed: true, conditional: true, grantedBy: ['inline policy "c" (conditional)'] });
    const q = new EffectivePermissions([...p.sources, inline('plain', [allow('iam:CreateAccessKey')])]);
    expect(q.decide('iam:CreateAccessKey').conditional).toBe(false);
  });

  it('counts only grants on broad resources for the broad scope', () => {
    const self = new EffectivePermissions([inline('self', [allow('iam:CreateAccessKey', 'arn:aws:iam::*:user/${aws:username}')])]);
    expect(self.decide('iam:CreateAccessKey', 'broad').allowed).toBe(false);
    expect(self.decide('iam:CreateAccessKey', 'any').allowed).toBe(true);
    const roles = new EffectivePermissions([inline('roles', [allow('iam:PassRole', 'arn:aws:iam::*:role/*')])]);
    expect(roles.decide('iam:PassRole', 'broad').allowed).toBe(true);
    expect(roles.decide('iam:PassRole', 'all').allowed).toBe(false);
  });

  it('finds admin access, and none when an unconditional Deny of * takes it back', () => {
    expect(new EffectivePermissions([inline('a', [allow('*')])]).adminAccess()).toMatchObject({ grantedBy: ['inline policy "a"'], conditional: false });
    expect(new EffectivePermissions([inline('a', [allow('*:*')])]).adminAccess()).toBeDefined();
    expect(new EffectivePermissions([inline('a', [allow('*', 'arn:aws:s3:::bucket/*')])]).adminAccess()).toBeUndefined();
    expect(new EffectivePermissions([inline('a', [allow('*')]), inline('b', [deny('*')])]).adminAccess()).toBeUndefined();
  });

  it('keeps a permissions boundary: only what both allow', () => {
    const boundary = new EffectivePermissions([inline('boundary', [allow(['s3:*', 'ec2:Describe*'])])]);
    const p = new EffectivePermissions([inline('a', [allow('*')])], boundary);
    expect(p.adminAccess()).toBeUndefined();
    expect(p.decide('s3:PutObject').allowed).toBe(true);
    expect(p.decide('iam:CreatePolicyVersion')).toMatchObject({ allowed: false, deniedBy: ['permissions boundary'] });
  });
});

const doc = (statements: unknown[]) => normalisePolicyDocument({ Version: '2012-10-17', Statement: statements });

describe('analyseAuthorizationDetails', () => {
  const details: AuthorizationDetails = {
    users: [
      { name: 'alice', arn: 'arn:aws:iam::1:user/alice', groups: ['admins'], inlinePolicies: [], attachedPolicies: [] },
      { name: 'bob', arn: 'arn:aws:iam::1:user/bob', groups: ['devs'], inlinePolicies: [], attachedPolicies: [{ arn: 'arn:aws:iam::1:policy/versioned', name: 'versioned' }] },
      { name: 'carol', arn: 'arn:aws:iam::1:user/carol', groups: [], inlinePolicies: [], attachedPolicies: [{ arn: 'arn:aws:iam::aws:policy/AdministratorAccess', name: 'AdministratorAccess' }] },
    ],
    groups: [
      { name: 'admins', arn: 'arn:aws:iam::1:group/admins', inlinePolicies: [], attachedPolicies: [{ arn: 'arn:aws:iam::aws:policy/AdministratorAccess', name: 'AdministratorAccess' }] },
      { name: 'devs', arn: 'arn:aws:iam::1:group/devs', inlinePolicies: [{ name: 'pass', document: doc([allow(['iam:PassRole', 'ec2:RunInstances'])]) }], attachedPolicies: [] },
    ],
    roles: [],
    policies: [
      // The details carry the default version's document: v2 (narrow), not v1 (admin).
      { arn: 'arn:aws:iam::1:policy/versioned', name: 'versioned', awsManaged: false, defaultVersionId: 'v2', document: doc([allow('s3:GetObject')]) },
    ],
  };
  const analysis = analyseAuthorizationDetails(details);

  it('gives a user the policies of its groups (admin via group)', () => {
    expect(analysis.users.get('alice')?.admin).toMatchObject({ grantedBy: ['AdministratorAccess (AWS managed) via group admins'] });
    expect(analysis.groups.get('admins')?.members).toEqual(['alice']);
  });

  it('recognises AdministratorAccess by ARN even when its document was not returned', () => {
    expect(analysis.users.get('carol')?.admin).toBeDefined();
    expect(analysis.users.get('carol')?.unreadablePolicies).toEqual([]);
  });

  it('combines the default version of an attached policy with group policies, and finds escalation across them', () => {
    const bob = analysis.users.get('bob');
    expect(bob?.admin).toBeUndefined();
    expect(bob?.policies).toEqual(['versioned', 'inline policy "pass" via group devs']);
    expect(bob?.escalations.map((e) => e.method.id)).toEqual(['pass-role-ec2']);
  });
});
