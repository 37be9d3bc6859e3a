import { describe, expect, it } from 'vitest';
import { matchesCondition, OPERATORS, parseCondition } from '../../../../src/core/conditions/index.js';
import { NOW, resource } from '../fixtures.js';

const scope = { params: { maxGiB: 100, staleDays: 90, allowed: ['gp3', 'gp2'] }, prices: {}, now: NOW };

/** A volume-like resource whose props the cases read. */
const subject = resource({
  type: 'ec2:volume',
  id: 'vol-1',
  name: 'lab-data',
  createdAt: '2026-05-20T00:00:00Z',
  tags: { Owner: 'ana', 'costguard:keep': 'true' },
  props: {
    sizeGiB: 120,
    sizeText: '120',
    volumeType: 'gp3',
    encrypted: false,
    empty: '',
    nothing: null,
    attachments: ['i-1', 'i-2'],
    lastUsed: '2026-01-01T00:00:00Z',
    launchedAt: '2026-05-31T20:00:00Z',
  },
});

function holds(raw: unknown): boolean {
  const { condition, problems } = parseCondition(raw, 'test.yml', 'when');
  expect(problems).toEqual([]);
  return matchesCondition(subject, condition, scope);
}

interface Case {
  name: string;
  when: unknown;
  expected: boolean;
}

const CASES: Record<string, Case[]> = {
  eq: [
    { name: 'equal strings', when: { volumeType: { eq: 'gp3' } }, expected: true },
    { name: 'different strings', when: { volumeType: { eq: 'gp2' } }, expected: false },
    { name: 'a number against a numeric string prop', when: { sizeText: { eq: 120 } }, expected: true },
    { name: 'a boolean', when: { encrypted: { eq: false } }, expected: true },
    { name: 'a missing field', when: { missing: { eq: 'x' } }, expected: false },
    { name: 'a template value', when: { sizeGiB: { eq: '{{params.maxGiB}}' } }, expected: false },
    { name: 'strings exactly (case matters)', when: { volumeType: { eq: 'GP3' } }, expected: false },
  ],
  ne: [
    { name: 'a different value', when: { volumeType: { ne: 'gp2' } }, expected: true },
    { name: 'the same value', when: { volumeType: { ne: 'gp3' } }, expected: false },
    { name: 'a missing field (true)', when: { missing: { ne: 'x' } }, expected: true },
  ],
  in: [
    { name: 'a listed value', when: { volumeType: { in: ['gp2', 'gp3'] } }, expected: true },
    { name: 'an unlisted value', when: { volumeType: { in: ['io1'] } }, expected: false },
    { name: 'a list param as a template', when: { volumeType: { in: '{{params.allowed}}' } }, expected: true },
    { name: 'a missing field', when: { missing: { in: ['x'] } }, expected: false },
  ],
  notIn: [
    { name: 'an unlisted value', when: { volumeType: { notIn: ['io1', 'io2'] } }, expected: true },
    { name: 'a listed value', when: { volumeType: { notIn: ['gp3'] } }, expected: false },
    { name: 'a missing field (true)', when: { missing: { notIn: ['x'] } }, expected: true },
  ],
  gt: [
    { name: 'a bigger number', when: { sizeGiB: { gt: 100 } }, expected: true },
    { name: 'an equal number', when: { sizeGiB: { gt: 120 } }, expected: false },
    { name: 'a threshold from params', when: { sizeGiB: { gt: '{{params.maxGiB}}' } }, expected: true },
    { name: 'a later ISO date', when: { createdAt: { gt: '2026-05-01' } }, expected: true },
    { name: 'a missing field', when: { missing: { gt: 1 } }, expected: false },
    { name: 'text that is not a number or date', when: { volumeType: { gt: 1 } }, expected: false },
  ],
  gte: [
    { name: 'an equal number', when: { sizeGiB: { gte: 120 } }, expected: true },
    { name: 'a smaller number', when: { sizeGiB: { gte: 121 } }, expected: false },
    { name: 'a missing field', when: { missing: { gte: 0 } }, expected: false },
  ],
  lt: [
    { name: 'a smaller number', when: { sizeGiB: { lt: 200 } }, expected: true },
    { name: 'an equal number', when: { sizeGiB: { lt: 120 } }, expected: false },
    { name: 'an earlier ISO date', when: { lastUsed: { lt: '2026-02-01T00:00:00Z' } }, expected: true },
    { name: 'a missing field', when: { missing: { lt: 1 } }, expected: false },
  ],
  lte: [
    { name: 'an equal number', when: { sizeGiB: { lte: 120 } }, expected: true },
    { name: 'a bigger number', when: { sizeGiB: { lte: 119 } }, expected: false },
    { name: 'a missing field', when: { missing: { lte: 1 } }, expected: false },
  ],
  contains: [
    { name: 'a substring', when: { name: { contains: 'lab' } }, expected: true },
    { name: 'no substring', when: { name: { contains: 'prod' } }, expected: false },
    { name: 'an array element', when: { attachments: { contains: 'i-2' } }, expected: true },
    { name: 'an absent array element', when: { attachments: { contains: 'i-9' } }, expected: false },
    { name: 'a missing field', when: { missing: { contains: 'x' } }, expected: false },
  ],
  glob: [
    { name: 'a star', when: { name: { glob: 'lab-*' } }, expected: true },
    { name: 'a question mark and a class', when: { volumeType: { glob: 'gp[23]' } }, expected: true },
    { name: 'a negated class', when: { volumeType: { glob: 'gp[!3]' } }, expected: false },
    { name: 'no match (anchored)', when: { name: { glob: 'lab' } }, expected: false },
    { name: 'a missing field', when: { missing: { glob: '*' } }, expected: false },
  ],
  regex: [
    { name: 'a match', when: { name: { regex: '^lab-\\w+$' } }, expected: true },
    { name: 'no match', when: { name: { regex: '^prod' } }, expected: false },
    { name: 'a missing field', when: { missing: { regex: '.*' } }, expected: false },
  ],
  absent: [
    { name: 'a missing field', when: { missing: { absent: true } }, expected: true },
    { name: 'a null field', when: { nothing: { absent: true } }, expected: true },
    { name: 'an empty string', when: { empty: { absent: true } }, expected: true },
    { name: 'a present field', when: { volumeType: { absent: true } }, expected: false },
    { name: 'absent: false on a present field', when: { volumeType: { absent: false } }, expected: true },
  ],
  present: [
    { name: 'a present field', when: { volumeType: { present: true } }, expected: true },
    { name: 'false (a boolean value) is present', when: { encrypted: { present: true } }, expected: true },
    { name: 'a missing field', when: { missing: { present: true } }, expected: false },
    { name: 'an empty string', when: { empty: { present: true } }, expected: false },
    { name: 'present: false on a missing field', when: { missing: { present: false } }, expected: true },
  ],
  olderThan: [
    { name: 'an old timestamp', when: { lastUsed: { olderThan: '90d' } }, expected: true },
    { name: 'a recent timestamp', when: { createdAt: { olderThan: '2w' } }, expected: false },
    { name: 'a duration from params', when: { lastUsed: { olderThan: '{{params.staleDays}}d' } }, expected: true },
    { name: 'a missing field', when: { missing: { olderThan: '1d' } }, expected: false },
    { name: 'a field that is not a timestamp', when: { volumeType: { olderThan: '1d' } }, expected: false },
  ],
  newerThan: [
    { name: 'a timestamp within hours', when: { launchedAt: { newerThan: '8h' } }, expected: true },
    { name: 'an old timestamp', when: { lastUsed: { newerThan: '30d' } }, expected: false },
    { name: 'a missing field', when: { missing: { newerThan: '30m' } }, expected: false },
  ],
};

describe('condition operators', () => {
  for (const [operator, cases] of Object.entries(CASES)) {
    describe(operator, () => {
      it.each(cases)('is $expected for $name', ({ when, expected }) => {
        expect(holds(when)).toBe(expected);
      });
    });
  }

  it('has true and false cases for every operator in the registry', () => {
    for (const name of Object.keys(OPERATORS)) {
      expect(CASES[name], `no test cases for operator "${name}"`).toBeDefined();
      expect(CASES[name].some((c) => c.expected)).toBe(true);
      expect(CASES[name].some((c) => !c.expected)).toBe(true);
    }
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(OPERATORS).sort());
  });

  it('gives every operator a description, a value schema and a value hint', () => {
    for (const op of Object.values(OPERATORS)) {
      expect(op.description.length, op.name).toBeGreaterThan(10);
      expect(op.valueSchema.type, op.name).toBeDefined();
      expect(op.valueHint, op.name).toBeTruthy();
    }
  });
});
