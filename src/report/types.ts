// The renderer contract: one renderer per output format, all fed the same Report.

import type { Lang } from './i18n.js';
import type { Report, Severity } from '../core/model.js';

export const FORMATS = ['table', 'json', 'sarif', 'junit', 'markdown', 'html', 'csv', 'prometheus'] as const;
export type Format = (typeof FORMATS)[number];

/** What a renderer may know about a rule beyond the findings (SARIF rule descriptions). */
export interface RuleMeta {
  id: string;
  pack: string;
  title: string;
  why?: string;
  severity: Severity;
  remediation?: string;
  /** false for a rule with no cost model (its findings cost nothing by themselves). */
  hasCost?: boolean;
  /** Help text and Markdown (report.rules carries it); computed from why and remediation when absent. */
  help?: { text: string; markdown: string };
}

export interface RenderOptions {
  lang: Lang;
  /** ANSI colours (table only). */
  color: boolean;
  /** The --fail-on threshold: JUnit fails test cases at or above it (default: every severity). */
  failOn?: Severity;
  /** Show API call statistics (table). */
  stats?: boolean;
  /** Rule metadata for SARIF rule descriptions; rules without metadata are described from their findings. */
  rules?: RuleMeta[];
  /** Terminal width for the table (default 120). */
  width?: number;
  /** Table: show every finding with its full message, why and fix instead of one line per finding or group. */
  details?: boolean;
  /** Table: show only findings at or above this severity (display only; exit codes are unaffected). */
  minSeverity?: Severity;
  /** --shard I/N of this run, with the number of accounts across all shards when known (table: an empty shard says so). */
  shard?: ShardInfo;
}

export interface ShardInfo {
  index: number;
  count: number;
  /** Accounts across all shards, when known. */
  accounts?: number;
}

export interface Renderer {
  format: Format;
  /** File extension without the dot, for --output-dir. */
  extension: string;
  render(report: Report, opts: RenderOptions): string;
}
