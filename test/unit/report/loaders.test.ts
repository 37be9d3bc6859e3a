import { describe, expect, it } from 'vitest';
import { loadRenderers } from '../../../src/report/loaders.js';
import { FORMATS, RENDERERS } from '../../../src/report/index.js';

describe('renderers loaded per format (src/report/loaders.ts)', () => {
  it('gives each format the renderer of the report registry', async () => {
    const loaded = await loadRenderers(FORMATS);
    expect(Object.keys(loaded).sort()).toEqual([...FORMATS].sort());
    for (const format of FORMATS) expect(loaded[format]).toBe(RENDERERS[format]);
  });

  it('loads only the formats asked for', async () => {
    expect(Object.keys(await loadRenderers(['json', 'json']))).toEqual(['json']);
  });
});
