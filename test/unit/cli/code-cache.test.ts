// dist/main.cjs (bin/run.js) and the ES modules of the commands each bundle their own copy of
// code-cache.ts; both must get the one oclif of the process, or oclif would see two Command classes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'costguard-code-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('requireWithCodeCache', () => {
  it('runs a file once per process, whichever copy of the module asks', async () => {
    const file = join(dir, 'counted.cjs');
    writeFileSync(file, "globalThis.__costguardLoads = (globalThis.__costguardLoads ?? 0) + 1; module.exports = { made: Symbol('one') };\n");
    const first = await import('../../../src/cli/code-cache.js');
    vi.resetModules();
    const second = await import('../../../src/cli/code-cache.js');
    expect(second).not.toBe(first); // two copies of the module, as in the bundle
    const a = first.requireWithCodeCache(file).exports;
    const b = second.requireWithCodeCache(file).exports;
    expect(b).toBe(a);
    expect((globalThis as { __costguardLoads?: number }).__costguardLoads).toBe(1);
    // Another file is its own module.
    const other = join(dir, 'other.cjs');
    writeFileSync(other, 'module.exports = { other: true };\n');
    expect(first.requireWithCodeCache(other).exports).toEqual({ other: true });
  });
});
