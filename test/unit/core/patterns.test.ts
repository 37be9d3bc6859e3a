import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { globMatches, globProblem, globToRegExp, isGlob, PatternError, regexMatches, regexProblem } from '../../../src/core/patterns.js';
import { selectRules } from '../../../src/core/policy/select.js';
import type { Pack, Rule } from '../../../src/core/policy/types.js';
import { applySuppressions, parseSuppressions } from '../../../src/core/suppressions.js';
import type { Finding } from '../../../src/core/model.js';

describe('globs (one library for rules, suppressions, type globs and glob:)', () => {
  it.each([
    ['ec2-*', 'ec2-eip-unattached', true],
    ['arn:aws:logs:*:log-group:/aws/lambda/*', 'arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/x', true],
    ['us-east-?', 'us-east-1', true],
    ['us-east-?', 'us-east-10', false],
    ['a.b', 'axb', false],
    ['gp[23]', 'gp3', true],
    ['gp[!3]', 'gp3', false],
    ['gp[!3]', 'gp2', true],
    ['*:log-group', 'logs:log-group', true],
    ['ec2-eip-[u]nattached', 'ec2-eip-unattached', true],
  ])('%s against %s is %s', (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected);
  });

  it('refuses an invalid glob up front with a message, never a raw SyntaxError', () => {
    expect(globProblem('[z-a]*')).toBe('"[z-a]*" is not a valid glob: range out of order in character class');
    expect(() => globToRegExp('[z-a]*')).toThrow(PatternError);
    expect(() => globToRegExp('[z-a]*')).toThrow(UsageError);
    expect(globProblem('ec2-*')).toBeUndefined();
  });

  it('tells globs from literal names', () => {
    expect(isGlob('ec2:*')).toBe(true);
    expect(isGlob('ec2:instance')).toBe(false);
  });
});

describe('regexes run on a linear-time engine', () => {
  it('answers ^(a+)+$ on a 40-character input at once', () => {
    // With JavaScript's backtracking RegExp this pattern takes exponential time on "aaa…ab"
    // (2^40 ways to split the a's): the run would hang. RE2 runs it in time linear in the input.
    expect(regexMatches('^(a+)+$', `${'a'.repeat(40)}b`)).toBe(false);
    expect(regexMatches('^(a+)+$', 'a'.repeat(40))).toBe(true);
  });

  it('matches anywhere in the text, like RegExp.test', () => {
    expect(regexMatches('(cloudtrail|config-bucket|aws-logs)', 'my-aws-logs-bucket')).toBe(true);
    expect(regexMatches('^lab-', 'prod-lab-1')).toBe(false);
  });

  it('refuses backreferences and lookaround with a reason', () => {
    expect(regexProblem('(a)\\1')).toBe('"(a)\\1" uses a backreference or lookaround, which the linear-time regex engine refuses (invalid escape sequence: `\\1`)');
    expect(regexProblem('foo(?=bar)')).toMatch(/^"foo\(\?=bar\)" uses a backreference or lookaround/);
    expect(regexProblem('[a-')).toBe('"[a-" is not a valid regular expression: missing closing ]: `[a-`');
    expect(() => regexMatches('(a)\\1', 'aa')).toThrow(PatternError);
  });
});

const rule = (id: string): Rule => ({ id, pack: 'p', resource: 'ec2:elastic-ip', severity: 'high', title: id, requires: ['ec2:elastic-ip'], source: { file: 'p.yml' } });
const pack: Pack = { name: 'p', default: true, file: 'p.yml', params: {}, prices: {}, rules: [rule('ec2-eip-unattached'), rule('ec2-public-ipv4')] };
const finding = (ruleId: string): Finding =>
  ({ ruleId, pack: 'p', severity: 'high', accountId: '111111111111', region: 'us-east-1', resourceType: 'ec2:elastic-ip', resourceId: 'eipalloc-1', title: 't', message: 'm', suppressed: null }) as unknown as Finding;

describe('--rule and .costguard.yml read a glob the same way', () => {
  it('ec2-eip-[u]nattached picks the same rule in both', () => {
    expect(selectRules([pack], { only: ['ec2-eip-[u]nattached'] }).map((r) => r.id)).toEqual(['ec2-eip-unattached']);
    const entries = parseSuppressions('suppressions:\n  - rule: ec2-eip-[u]nattached\n    reason: workshop\n', '.costguard.yml');
    const result = applySuppressions([finding('ec2-eip-unattached'), finding('ec2-public-ipv4')], entries, new Date('2026-01-01T00:00:00Z'));
    expect(result.findings.map((f) => [f.ruleId, f.suppressed?.reason ?? null])).toEqual([
      ['ec2-eip-unattached', 'workshop'],
      ['ec2-public-ipv4', null],
    ]);
  });

  it('--rule and --skip-rule with an invalid glob are usage errors naming the flag', () => {
    expect(() => selectRules([pack], { only: ['[z-a]*'] })).toThrow('--rule "[z-a]*" is not a valid glob: range out of order in character class');
    expect(() => selectRules([pack], { skip: ['[z-a]*'] })).toThrow(UsageError);
    expect(() => selectRules([pack], { skip: ['ec2-eip-unatached'] })).toThrow('--skip-rule unknown rule id "ec2-eip-unatached" (did you mean "ec2-eip-unattached"?)');
  });
});

describe('did-you-mean', () => {
  it('counts a swap of neighbouring letters as one edit', async () => {
    const { didYouMean } = await import('../../../src/core/policy/did-you-mean.js');
    expect(didYouMean('contian', ['contains', 'eq', 'glob'])).toBe('contains');
    expect(didYouMean('hgih', ['high', 'low'])).toBe('high');
    expect(didYouMean('nmae', ['name', 'arn', 'id'])).toBe('name');
    expect(didYouMean('zzzzzz', ['name', 'arn'])).toBeUndefined();
  });
});
