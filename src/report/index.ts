// The renderer registry: one renderer per output format, all fed the same Report.
// Adding a format = adding one file and one entry here (a registry test checks each is tested).

import type { Report } from '../core/model.js';
import { jsonRenderer } from './json.js';
import { tableRenderer } from './table.js';
import { FORMATS, type Format, type RenderOptions, type Renderer } from './types.js';

export { FORMATS, type Format, type RenderOptions, type Renderer, type RuleMeta } from './types.js';

function notYet(format: Format, extension: string): Renderer {
  return {
    format,
    extension,
    render() {
      throw new Error(`--format ${format} is not available yet`);
    },
  };
}

export const RENDERERS: Record<Format, Renderer> = {
  table: tableRenderer,
  json: jsonRenderer,
  sarif: notYet('sarif', 'sarif'),
  junit: notYet('junit', 'xml'),
  markdown: notYet('markdown', 'md'),
  html: notYet('html', 'html'),
  csv: notYet('csv', 'csv'),
  prometheus: notYet('prometheus', 'prom'),
};

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

export function renderReport(format: Format, report: Report, opts: RenderOptions): string {
  return RENDERERS[format].render(report, opts);
}
