import { describe, expect, it } from 'vitest';
import { fieldValue, matchesCondition, parseCondition } from '../../../../src/core/conditions/index.js';
import { NOW, resource } from '../fixtures.js';

const scope = { params: {}, prices: {}, now: NOW };
const eip = resource({
  id: 'eipalloc-1',
  arn: 'arn:aws:ec2:us-east-1:111122223333:elastic-ip/eipalloc-1',
  name: 'lab-ip',
  region: 'us-east-1',
  tags: { Name: 'lab-ip', 'aws:cloudformation:stack-name': 'lab' },
  props: { domain: 'vpc', attachment: { instanceId: 'i-1' }, 'odd.key': 'dotted' },
});

function holds(raw: unknown): boolean {
  const { condition, problems } = parseCondition(raw, 'test.yml');
  expect(problems).toEqual([]);
  return matchesCondition(eip, condition, scope);
}

describe('condition structure', () => {
  it('treats a list as "all must hold"', () => {
    expect(holds([{ domain: 'vpc' }, { region: 'us-east-1' }])).toBe(true);
    expect(holds([{ domain: 'vpc' }, { region: 'eu-west-1' }])).toBe(false);
  });
  it('holds for an empty list (nothing to fail)', () => {
    expect(holds([])).toBe(true);
  });
  it('supports all:, any: and not:', () => {
    expect(holds({ all: [{ domain: 'vpc' }, { name: { glob: 'lab-*' } }] })).toBe(true);
    expect(holds({ any: [{ domain: 'standard' }, { region: 'us-east-1' }] })).toBe(true);
    expect(holds({ any: [{ domain: 'standard' }, { region: 'eu-west-1' }] })).toBe(false);
    expect(holds({ not: { domain: 'vpc' } })).toBe(false);
    expect(holds({ not: [{ domain: 'standard' }] })).toBe(true);
  });
  it('requires every field of one mapping and every operator of one field', () => {
    expect(holds({ domain: 'vpc', region: 'us-east-1' })).toBe(true);
    expect(holds({ domain: 'vpc', region: 'eu-west-1' })).toBe(false);
    expect(holds({ name: { glob: 'lab-*', ne: 'lab-ip' } })).toBe(false);
  });
  it('reads a scalar as eq (shorthand)', () => {
    expect(holds({ domain: 'vpc' })).toBe(true);
    expect(holds({ domain: 'standard' })).toBe(false);
  });
  it('nests combinators', () => {
    expect(holds({ any: [{ not: { domain: 'vpc' } }, { all: [{ 'tags.Name': 'lab-ip' }, { type: 'ec2:elastic-ip' }] }] })).toBe(true);
  });
});

describe('fieldValue', () => {
  it('reads the resource itself for id, arn, name, type, accountId, region, createdAt', () => {
    expect(fieldValue(eip, 'id')).toBe('eipalloc-1');
    expect(fieldValue(eip, 'arn')).toBe(eip.arn);
    expect(fieldValue(eip, 'accountId')).toBe('111122223333');
    expect(fieldValue(eip, 'type')).toBe('ec2:elastic-ip');
  });
  it('reads tags as tags.<Key> or tag:<Key>, keys with colons included', () => {
    expect(fieldValue(eip, 'tags.Name')).toBe('lab-ip');
    expect(fieldValue(eip, 'tag:aws:cloudformation:stack-name')).toBe('lab');
    expect(fieldValue(eip, 'tags.Missing')).toBeUndefined();
  });
  it('reads props by name, with dots for nesting or an explicit props. prefix', () => {
    expect(fieldValue(eip, 'domain')).toBe('vpc');
    expect(fieldValue(eip, 'attachment.instanceId')).toBe('i-1');
    expect(fieldValue(eip, 'props.attachment.instanceId')).toBe('i-1');
    expect(fieldValue(eip, 'odd.key')).toBe('dotted');
  });
});

describe('parseCondition (for nuke select/keep lists too)', () => {
  it('reports an unknown operator with its path and a suggestion', () => {
    const { problems } = parseCondition([{ name: { globb: 'lab-*' } }], 'nuke.yml', 'select');
    expect(problems).toEqual([{ file: 'nuke.yml', path: 'select[0].name.globb', message: 'unknown operator "globb"', suggestion: 'glob' }]);
  });
  it('reports a bad regex, a bad duration and a wrong value type together', () => {
    const { problems } = parseCondition(
      { all: [{ name: { regex: '(' } }, { createdAt: { olderThan: '3 days' } }, { region: { in: 'us-east-1' } }] },
      'nuke.yml',
      ['keep', 0],
    );
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['keep[0].all[0].name.regex', 'regex "(" is not a valid regular expression: missing closing ): `(`'],
      ['keep[0].all[1].createdAt.olderThan', 'olderThan must be a duration such as 90d, 8h, 30m, 2w or 45s, not "3 days"'],
      ['keep[0].all[2].region.in', 'in must be a list of values, e.g. [a, b]'],
    ]);
  });
  it('explains list and null shorthands and suggests all/any for misspelt combinators', () => {
    const { problems } = parseCondition([{ region: ['a', 'b'] }, { name: null }, { anyy: [{ region: 'x' }] }], 'f.yml');
    expect(problems.map((p) => [p.path, p.message, p.suggestion])).toEqual([
      ['[0].region', 'field "region" is a list; use { in: [...] } to match one of several values', undefined],
      ['[1].name', 'field "name" has no value; use { absent: true } to match a missing field', undefined],
      ['[2].anyy', 'unknown key "anyy"', 'any'],
    ]);
  });
  it('rejects a condition that is neither a list nor a mapping, and an empty mapping', () => {
    expect(parseCondition('yes', 'f.yml', 'when').problems[0].message).toBe('a condition must be a list of conditions or a mapping of field tests');
    expect(parseCondition({}, 'f.yml', 'when').problems[0].message).toBe('condition is empty');
    expect(parseCondition({ all: { a: 1 } }, 'f.yml', 'when').problems[0].message).toBe('all must be a list of conditions');
  });
  it('checks params used in values when it is told the params', () => {
    const { problems } = parseCondition({ createdAt: { olderThan: '{{params.staleDay}}d' } }, 'f.yml', 'when', undefined, { params: { staleDays: 90 } });
    expect(problems).toEqual([
      { file: 'f.yml', path: 'when.createdAt.olderThan', message: 'unknown template variable "params.staleDay"', suggestion: 'params.staleDays' },
    ]);
  });
  it('checks a duration built from params once the params are known', () => {
    const { problems } = parseCondition({ createdAt: { olderThan: '{{params.stale}}' } }, 'f.yml', 'when', undefined, { params: { stale: 90 } });
    expect(problems[0].message).toBe('olderThan must be a duration such as 90d, 8h, 30m, 2w or 45s, not "90" (from "{{params.stale}}")');
  });
});

describe('templated values', () => {
  const volumes = Array.from({ length: 50 }, (_, i) => resource({ id: `vol-${i}`, props: { sizeGiB: i, limitGiB: 25 } }));

  it('resolves a value that names only params or prices once per run, not once per resource', () => {
    let reads = 0;
    const params = {
      get freeGiB() {
        reads++;
        return 30;
      },
    };
    const { condition } = parseCondition({ sizeGiB: { gt: '{{params.freeGiB}}' } }, 'test.yml');
    const runScope = { params, prices: {}, now: NOW };
    expect(volumes.filter((v) => matchesCondition(v, condition, runScope)).map((v) => v.id)).toEqual(volumes.slice(31).map((v) => v.id));
    expect(reads).toBe(1);
    // Another run (another scope) resolves it again with its own params.
    const otherRun = { params: { freeGiB: 45 }, prices: {}, now: NOW };
    expect(volumes.filter((v) => matchesCondition(v, condition, otherRun))).toHaveLength(4);
  });

  it('still resolves a value that names the resource for each resource', () => {
    const { condition } = parseCondition({ sizeGiB: { gt: '{{limitGiB}}' } }, 'test.yml');
    const mixed = [resource({ id: 'a', props: { sizeGiB: 10, limitGiB: 5 } }), resource({ id: 'b', props: { sizeGiB: 10, limitGiB: 50 } })];
    expect(mixed.filter((v) => matchesCondition(v, condition, scope)).map((v) => v.id)).toEqual(['a']);
  });
});
