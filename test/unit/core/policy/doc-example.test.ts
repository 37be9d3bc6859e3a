import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../../src/core/package-root.js';
import { parsePack } from '../../../../src/core/policy/load.js';

describe('docs/policy-language.md', () => {
  it('shows an example pack that loads without problems', () => {
    const doc = readFileSync(join(packageRoot(), 'docs', 'policy-language.md'), 'utf8');
    const example = /## A pack\s+```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const { pack, problems } = parsePack(example as string, 'policy-language.md');
    expect(problems).toEqual([]);
    expect(pack?.rules.map((r) => r.id)).toEqual(['ec2-eip-unattached', 'ebs-free-tier-storage-exceeded']);
  });
});
