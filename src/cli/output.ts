import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../core/errors.js';

/** Write text to a file, creating its folder; a bad path is a usage error naming the path. */
export function writeOutputFile(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function outputPath(dir: string, base: string, extension: string): string {
  return join(dir, `${base}.${extension}`);
}

/** Columns of the terminal: stdout's width on a TTY, else $COLUMNS, else undefined (renderers pick their default). */
export function terminalWidth(stream: { columns?: number } = process.stdout, env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (stream.columns && stream.columns > 0) return stream.columns;
  const fromEnv = Number.parseInt(env.COLUMNS ?? '', 10);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : undefined;
}

export interface ProgressStream {
  write(text: string): unknown;
  columns?: number;
}

/**
 * A spinner-free progress line on stderr, redrawn in place (TTY only). It never wraps: the line is cut
 * to the terminal width (80 when unknown). A bar and "done/total" are shown only while the total is the
 * one first announced; once the total changes (work discovered on the way) the line shows the count
 * alone, so it never reads 18/18, 19/19, … after reaching 100%.
 */
export class ProgressLine {
  private last = 0;
  private firstTotal: number | undefined;
  private totalKnown = true;
  private drawn = false;

  constructor(
    private readonly enabled: boolean,
    private readonly label: string,
    private readonly stream: ProgressStream = process.stderr,
    private readonly clock: () => number = Date.now,
  ) {}

  private width(): number {
    return Math.max(10, (this.stream.columns && this.stream.columns > 0 ? this.stream.columns : 80) - 1);
  }

  /** The text of the line (without the carriage return), cut to the width. */
  line(done: number, total: number, detail: string): string {
    if (this.firstTotal === undefined) this.firstTotal = total;
    else if (total !== this.firstTotal) this.totalKnown = false;
    let text: string;
    if (this.totalKnown && total > 0) {
      const bar = 20;
      const filled = Math.round((Math.min(done, total) / total) * bar);
      text = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(bar - filled)}] ${Math.min(done, total)}/${total} ${detail}`;
    } else {
      text = `${this.label}: ${done} done ${detail}`;
    }
    return cutToWidth(text, this.width());
  }

  update(done: number, total: number, detail: string): void {
    if (!this.enabled) return;
    const text = this.line(done, total, detail);
    const now = this.clock();
    if (this.drawn && now - this.last < 80 && done < total) return;
    this.last = now;
    this.drawn = true;
    this.stream.write(`\r${text.padEnd(this.width())}`);
  }

  done(): void {
    if (this.enabled && this.drawn) this.stream.write(`\r${' '.repeat(this.width())}\r`);
  }
}

/** Cut text to a display width (code points; the progress line holds ASCII labels and resource names), marking the cut with "…". */
function cutToWidth(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}
