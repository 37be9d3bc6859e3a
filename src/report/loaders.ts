// Each output format's renderer, imported when a run renders that format: a run that prints JSON
// does not load the table (cli-table3, chalk) or SARIF (node:crypto) code. The same renderers as
// src/report/index.ts's RENDERERS, kept next to them (a test checks each loader gives that format's renderer).
import type { Format, Renderer } from './types.js';

const LOADERS: Record<Format, () => Promise<Renderer>> = {
  table: async () => (await import('../report/table.js')).tableRenderer,
  json: async () => (await import('../report/json.js')).jsonRenderer,
  sarif: async () => (await import('../report/sarif.js')).sarifRenderer,
  junit: async () => (await import('../report/junit.js')).junitRenderer,
  markdown: async () => (await import('../report/markdown.js')).markdownRenderer,
  html: async () => (await import('../report/html.js')).htmlRenderer,
  csv: async () => (await import('../report/csv.js')).csvRenderer,
  prometheus: async () => (await import('../report/prometheus.js')).prometheusRenderer,
};

/** The renderers of the given formats, loaded. */
export async function loadRenderers(formats: readonly Format[]): Promise<Record<Format, Renderer>> {
  const unique = [...new Set(formats)];
  const loaded = await Promise.all(unique.map(async (format) => [format, await LOADERS[format]()] as const));
  return Object.fromEntries(loaded) as Record<Format, Renderer>;
}
