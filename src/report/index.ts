// The renderer registry: one renderer per output format, all fed the same Report.
// Adding a format = adding one file and one entry here (a registry test checks each is tested).

import type { Report } from '../core/model.js';
import { csvRenderer } from './csv.js';
import { htmlRenderer } from './html.js';
import { jsonRenderer } from './json.js';
import { junitRenderer } from './junit.js';
import { markdownRenderer } from './markdown.js';
import { prometheusRenderer } from './prometheus.js';
import { sarifRenderer } from './sarif.js';
import { tableRenderer } from './table.js';
import { FORMATS, type Format, type RenderOptions, type Renderer } from './types.js';

export { FORMATS, type Format, type RenderOptions, type Renderer, type RuleMeta } from './types.js';

export const RENDERERS: Record<Format, Renderer> = {
  table: tableRenderer,
  json: jsonRenderer,
  sarif: sarifRenderer,
  junit: junitRenderer,
  markdown: markdownRenderer,
  html: htmlRenderer,
  csv: csvRenderer,
  prometheus: prometheusRenderer,
};

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

export function renderReport(format: Format, report: Report, opts: RenderOptions): string {
  return RENDERERS[format].render(report, opts);
}
