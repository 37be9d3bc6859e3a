import { describe, expect, it } from 'vitest';
import { lookupPath, renderTemplate, resolveValue, templateSyntaxProblem, templateVariables, unknownTemplateReferences } from '../../../src/core/template.js';
import { didYouMean } from '../../../src/core/policy/did-you-mean.js';

const scope = {
  id: 'vol-1',
  params: { ebsFreeGiB: 30, days: '90', regions: ['us-east-1', 'eu-west-1'] },
  prices: { ec2: { 't3.small': 15.18 } },
  tags: { Name: 'lab', 'aws:cloudformation:stack-name': 'stack' },
  sizeGiB: 12.5,
};

describe('renderTemplate', () => {
  it('replaces variables, with or without spaces inside the braces', () => {
    expect(renderTemplate('volume {{id}} is {{ sizeGiB }} GiB', scope)).toBe('volume vol-1 is 12.5 GiB');
  });
  it('follows dotted paths into params, prices and tags, including keys with dots and colons', () => {
    expect(renderTemplate('{{params.ebsFreeGiB}} {{prices.ec2.t3.small}} {{tags.aws:cloudformation:stack-name}}', scope)).toBe('30 15.18 stack');
  });
  it('renders an unknown variable as an empty string', () => {
    expect(renderTemplate('[{{nope}}] [{{params.nope}}]', scope)).toBe('[] []');
  });
  it('joins lists with commas', () => {
    expect(renderTemplate('{{params.regions}}', scope)).toBe('us-east-1, eu-west-1');
  });
  it('leaves text without templates untouched', () => {
    expect(renderTemplate('plain {text}', scope)).toBe('plain {text}');
  });
  it('hides floating-point noise in numbers', () => {
    expect(renderTemplate('{{x}}', { x: 0.1 + 0.2 })).toBe('0.3');
  });
});

describe('resolveValue', () => {
  it('turns a template that renders to a whole number into a number', () => {
    expect(resolveValue('{{params.ebsFreeGiB}}', scope)).toBe(30);
    expect(resolveValue('{{params.days}}', scope)).toBe(90);
    expect(resolveValue('1{{params.ebsFreeGiB}}', scope)).toBe(130);
  });
  it('keeps text that is not a number as text', () => {
    expect(resolveValue('{{params.days}}d', scope)).toBe('90d');
  });
  it('yields the value itself for a lone variable (so a list param can feed "in")', () => {
    expect(resolveValue('{{params.regions}}', scope)).toEqual(['us-east-1', 'eu-west-1']);
  });
  it('resolves list items one by one and leaves non-templates alone', () => {
    expect(resolveValue(['{{id}}', 'x', 3], scope)).toEqual(['vol-1', 'x', 3]);
    expect(resolveValue('30', scope)).toBe('30');
    expect(resolveValue(7, scope)).toBe(7);
  });
});

describe('template helpers', () => {
  it('lists the variables a template reads', () => {
    expect(templateVariables('{{a}} and {{ b.c }}')).toEqual(['a', 'b.c']);
  });
  it('reports an unclosed template', () => {
    expect(templateSyntaxProblem('{{id}')).toBe('template "{{id}" has an unbalanced "{{" or "}}"');
    expect(templateSyntaxProblem('{{id}}')).toBeUndefined();
  });
  it('finds params and prices that do not exist, with a suggestion', () => {
    const problems = unknownTemplateReferences('{{params.ebsFreeGib}} {{prices.ec2.t3.small}} {{anything}}', { params: scope.params, prices: scope.prices }, didYouMean);
    expect(problems).toEqual([{ variable: 'params.ebsFreeGib', message: 'unknown template variable "params.ebsFreeGib"', suggestion: 'params.ebsFreeGiB' }]);
  });
  it('looks up the longest key first', () => {
    expect(lookupPath({ 'a.b': 1, a: { b: 2 } }, 'a.b')).toBe(1);
    expect(lookupPath({ a: { b: 2 } }, 'a.b')).toBe(2);
  });
});

describe('template filters', () => {
  it('date shows an ISO time as its UTC day and leaves other text alone', async () => {
    const { renderTemplate, templateSyntaxProblem } = await import('../../../src/core/template.js');
    expect(renderTemplate('created {{createdAt | date}}', { createdAt: '2026-05-06T02:13:44.664Z' })).toBe('created 2026-05-06');
    expect(renderTemplate('used {{last | date}}', { last: 'never' })).toBe('used never');
    expect(renderTemplate('used {{last | date ?? never}}', {})).toBe('used never');
    expect(templateSyntaxProblem('{{createdAt | dte}}')).toBe('template "{{createdAt | dte}}" uses an unknown filter "dte" (known: date)');
    expect(templateSyntaxProblem('{{createdAt | date}}')).toBeUndefined();
  });
});
