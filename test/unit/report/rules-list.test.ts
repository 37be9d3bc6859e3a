import { describe, expect, it } from 'vitest';
import { loadBuiltinPacks } from '../../../src/core/policy/load.js';
import { ruleRows } from '../../../src/core/policy/rules-table.js';
import { renderRulesList } from '../../../src/report/rules-list.js';

describe('policies list', () => {
  it('writes no ANSI colour codes (files, pipes, NO_COLOR), even when the terminal could show them', () => {
    const previous = process.env.FORCE_COLOR;
    process.env.FORCE_COLOR = '3';
    try {
      const text = renderRulesList(ruleRows(loadBuiltinPacks()));
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/\u001b\[/);
      expect(text).toContain('ec2-eip-unattached');
      expect(text).toMatch(/\d+ rules\n$/);
    } finally {
      if (previous === undefined) delete process.env.FORCE_COLOR;
      else process.env.FORCE_COLOR = previous;
    }
  });
});
