// Rules, nuke configs and suppressions are checked against the resource types: every typo is a
// located problem with a suggestion, never a silent match.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTypeCatalog } from '../../../../src/app/type-catalog.js';
import { exitCodeFor, InputFileError } from '../../../../src/core/errors.js';
import { parseNukeConfig, loadNukeConfig } from '../../../../src/core/nuke/load.js';
import { builtinPackFiles, loadBuiltinPacks, loadPackFiles, parsePack, validatePackFiles } from '../../../../src/core/policy/load.js';
import { parseSuppressions } from '../../../../src/core/suppressions.js';
import type { TypeCatalog } from '../../../../src/core/type-catalog.js';
import { parseCondition } from '../../../../src/core/conditions/parse.js';

const CATALOG: TypeCatalog = {
  types: {
    'ec2:elastic-ip': {
      scope: 'region',
      deletable: true,
      properties: {
        associationId: { type: 'string' },
        publicIp: { type: 'string' },
        domain: { type: 'unknown' },
      },
    },
    'ec2:volume': {
      scope: 'region',
      deletable: true,
      properties: {
        sizeGiB: { type: 'number' },
        state: { type: 'string' },
        encrypted: { type: 'boolean' },
        attachments: { type: 'object' },
      },
    },
    's3:bucket': { scope: 'global', deletable: true, properties: { versioning: { type: 'string' } } },
  },
};

function pack(when: string, resource = 'ec2:elastic-ip'): string {
  return `pack: lab
rules:
  - id: lab-rule
    resource: ${resource}
    severity: high
    title: A rule
    when:
${when}
`;
}

const problemsOf = (text: string) => parsePack(text, 'p.yml', { catalog: CATALOG }).problems;

describe('policy packs against the resource types', () => {
  it('refuses an unknown resource type with a suggestion', () => {
    expect(problemsOf(pack('      - publicIp: { present: true }', 'ec2:elastik-ip'))).toEqual([
      { file: 'p.yml', line: 4, column: 15, path: 'rules[0].resource', message: 'unknown resource type "ec2:elastik-ip"', suggestion: 'ec2:elastic-ip' },
    ]);
  });

  it('refuses an unknown property of the rule\'s type (it would match every resource)', () => {
    expect(problemsOf(pack('      - assocationId: { absent: true }'))).toEqual([
      { file: 'p.yml', line: 8, column: 9, path: 'rules[0].when[0].assocationId', message: 'unknown field "assocationId" of ec2:elastic-ip', suggestion: 'associationId' },
    ]);
  });

  it('allows tags.KEY, the built-in fields and dotted paths under untyped properties', () => {
    const when = ['      - tags.Owner: { absent: true }', '      - region: us-east-1', '      - createdAt: { olderThan: 90d }', '      - domain.kind: vpc', '      - props.publicIp: { present: true }'].join('\n');
    expect(problemsOf(pack(when))).toEqual([]);
  });

  it('refuses an operator that does not fit the property\'s type', () => {
    expect(problemsOf(pack('      - publicIp: { gt: 3 }'))).toEqual([
      {
        file: 'p.yml',
        line: 8,
        column: 21,
        path: 'rules[0].when[0].publicIp.gt',
        message: 'operator "gt" does not fit field "publicIp" (a string); use one of: eq, ne, in, notIn, contains, glob, regex, absent, present',
      },
    ]);
    expect(problemsOf(pack('      - encrypted: { glob: "t*" }', 'ec2:volume'))[0].message).toBe(
      'operator "glob" does not fit field "encrypted" (a boolean); use one of: eq, ne, absent, present',
    );
  });

  it('lets a property of type unknown take every operator', () => {
    expect(problemsOf(pack('      - domain: { gt: 3 }'))).toEqual([]);
  });

  it('checks the field an aggregate sums', () => {
    const text = `pack: lab
rules:
  - id: too-much
    resource: ec2:volume
    severity: low
    title: Too much
    aggregate: { sum: sizeGb, per: account, gt: 30 }
`;
    expect(problemsOf(text)).toEqual([
      { file: 'p.yml', line: 7, column: 23, path: 'rules[0].aggregate.sum', message: 'unknown field "sizeGb" of ec2:volume', suggestion: 'sizeGiB' },
    ]);
  });

  it('refuses an invalid glob and a regex the linear-time engine cannot run', () => {
    expect(problemsOf(pack('      - publicIp: { glob: "[z-a]*" }\n      - associationId: { regex: "(a)\\\\1" }'))).toEqual([
      { file: 'p.yml', line: 8, column: 27, path: 'rules[0].when[0].publicIp.glob', message: 'glob "[z-a]*" is not a valid glob: range out of order in character class' },
      {
        file: 'p.yml',
        line: 9,
        column: 33,
        path: 'rules[0].when[1].associationId.regex',
        message: 'regex "(a)\\1" uses a backreference or lookaround, which the linear-time regex engine refuses (invalid escape sequence: `\\1`)',
      },
    ]);
  });

  it('reports nesting beyond the limit, with its path, instead of overflowing the stack', () => {
    const deep = (levels: number) => `${'{ not: '.repeat(levels)}{ publicIp: { present: true } }${' }'.repeat(levels)}`;
    const problems = problemsOf(pack(`      - ${deep(100)}`));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'p.yml', line: 8, message: 'nested deeper than 64 levels' });
    expect(problems[0].path).toBe(`rules[0].when[0]${'.not'.repeat(60)}`);
    // 3,000 levels overflow the YAML parser's own stack: still the same located problem, exit 2.
    const deeper = problemsOf(pack(`      - ${deep(3000)}`));
    expect(deeper).toHaveLength(1);
    expect(deeper[0]).toMatchObject({ file: 'p.yml', line: 8, message: 'nested deeper than 64 levels' });
  });

  it('stops compiling a condition built in code beyond 64 levels of all/any/not', () => {
    let raw: unknown = { publicIp: { present: true } };
    for (let i = 0; i < 3000; i++) raw = { not: raw };
    const { problems } = parseCondition(raw, 'code', ['select']);
    expect(problems).toEqual([{ file: 'code', path: `select${'.not'.repeat(65)}`, message: 'conditions are nested deeper than 64 levels of all/any/not' }]);
  });

  it('reports a YAML alias bomb as too many aliases, located at the file', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`), 'pack: lab', 'rules: []'].join('\n');
    expect(problemsOf(bomb)).toEqual([{ file: 'p.yml', line: 1, column: 1, message: 'too many aliases: the file expands more than 100 YAML aliases (an alias bomb?)' }]);
  });

  it('refuses a rule id that a built-in pack already has, and reports every problem of the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'costguard-types-'));
    const file = join(dir, 'mine.yml');
    writeFileSync(file, pack('      - assocationId: { absent: true }').replace('id: lab-rule', 'id: ec2-eip-unattached').replace('resource: ec2:elastic-ip', 'resource: ec2:elastik-ip'));
    const builtin = loadBuiltinPacks();
    const problems = validatePackFiles([file], { catalog: loadTypeCatalog(), alongside: builtin });
    expect(problems.map((p) => [p.path, p.message.replace(/defined in .*$/, 'defined in <builtin>')])).toEqual([
      ['rules[0].resource', 'unknown resource type "ec2:elastik-ip"'],
      ['rules[0].id', 'duplicate rule id "ec2-eip-unattached": also defined in <builtin>'],
    ]);
    try {
      loadPackFiles([file], { catalog: loadTypeCatalog(), alongside: builtin });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputFileError);
      expect(exitCodeFor(error)).toBe(2);
    }
  });
});

describe('the shipped files against the shipped catalog', () => {
  it('every shipped pack validates with zero problems', () => {
    const files = builtinPackFiles();
    expect(files.length).toBeGreaterThan(3);
    expect(validatePackFiles(files, { catalog: loadTypeCatalog() })).toEqual([]);
  });

  it('the shipped nuke config validates with zero problems', () => {
    const catalog = loadTypeCatalog();
    const removable = Object.keys(catalog.types).filter((t) => catalog.types[t].deletable);
    expect(loadNukeConfig('lab-cleanup', removable, catalog).keep.length).toBeGreaterThan(0);
  });
});

describe('nuke configs against the resource types', () => {
  const known = Object.keys(CATALOG.types);
  const problemsOfConfig = (text: string) => parseNukeConfig(text, 'nuke.yml', known, CATALOG).problems;

  it('refuses a typo in keep (nmae:) before any AWS call', () => {
    expect(problemsOfConfig('keep:\n  - { nmae: { glob: "lab-*" } }\n')).toEqual([
      { file: 'nuke.yml', line: 2, column: 7, path: 'keep[0].nmae', message: 'unknown field "nmae" of any of ec2:elastic-ip, ec2:volume, s3:bucket', suggestion: 'name' },
    ]);
  });

  it('checks keep fields against the type the entry names', () => {
    expect(problemsOfConfig('keep:\n  - { type: s3:bucket, publicIp: { present: true } }\n')).toEqual([
      { file: 'nuke.yml', line: 2, column: 24, path: 'keep[0].publicIp', message: 'unknown field "publicIp" of s3:bucket' },
    ]);
    expect(problemsOfConfig('keep:\n  - { type: s3:buckt }\n')).toEqual([
      { file: 'nuke.yml', line: 2, column: 13, path: 'keep[0].type', message: 'unknown resource type "s3:buckt"', suggestion: 's3:bucket' },
    ]);
  });

  it('refuses an invalid glob in select, keep and types.include', () => {
    const problems = problemsOfConfig('types:\n  include: ["ec2:[z-a]*"]\nselect:\n  name: { glob: "[z-a]*" }\nkeep:\n  - { name: { regex: "(?<=a)b" } }\n');
    expect(problems.map((p) => [p.line, p.column, p.path, p.message])).toEqual([
      [2, 13, 'types.include[0]', '"ec2:[z-a]*" is not a valid glob: range out of order in character class'],
      [4, 17, 'select.name.glob', 'glob "[z-a]*" is not a valid glob: range out of order in character class'],
      [6, 22, 'keep[0].name.regex', 'regex "(?<=a)b" uses a backreference or lookaround, which the linear-time regex engine refuses (invalid named capture: `(?<=a)b`)'],
    ]);
  });

  it('reports an alias bomb in a nuke config', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(problemsOfConfig(bomb)).toEqual([{ file: 'nuke.yml', line: 1, column: 1, message: 'too many aliases: the file expands more than 100 YAML aliases (an alias bomb?)' }]);
  });
});

describe('suppressions against the loaded rules', () => {
  const ids = ['ec2-eip-unattached', 'vpc-nat-gateway'];
  const problemsOfSuppressions = (text: string): string[] => {
    try {
      parseSuppressions(text, '.costguard.yml', { ruleIds: ids });
      return [];
    } catch (error) {
      expect(exitCodeFor(error)).toBe(2);
      return (error as InputFileError).problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}${p.suggestion ? ` / ${p.suggestion}` : ''}`);
    }
  };

  it('refuses a rule that matches no loaded rule, with a suggestion', () => {
    expect(problemsOfSuppressions('suppressions:\n  - rule: ec2-eip-unatached\n    reason: x\n')).toEqual(['2:11 suppressions[0].rule: no loaded rule matches "ec2-eip-unatached" / ec2-eip-unattached']);
  });

  it('refuses an invalid glob in any matched field', () => {
    expect(problemsOfSuppressions('suppressions:\n  - rule: "ec2-*"\n    resource: "[z-a]*"\n    reason: x\n')).toEqual([
      '3:15 suppressions[0].resource: "[z-a]*" is not a valid glob: range out of order in character class',
    ]);
  });

  it('reports an alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(problemsOfSuppressions(bomb)).toEqual(['1:1 undefined: too many aliases: the file expands more than 100 YAML aliases (an alias bomb?)']);
  });
});
