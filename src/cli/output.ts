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

/** A spinner-free progress line on stderr, redrawn in place (TTY only). */
export class ProgressLine {
  private last = 0;

  constructor(private readonly enabled: boolean, private readonly label: string) {}

  update(done: number, total: number, detail: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 80 && done < total) return;
    this.last = now;
    const width = 24;
    const filled = Math.round((Math.min(done, total) / Math.max(total, 1)) * width);
    process.stderr.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${detail}`.padEnd(78).slice(0, 100));
  }

  done(): void {
    if (this.enabled) process.stderr.write('\r'.padEnd(100) + '\r');
  }
}
