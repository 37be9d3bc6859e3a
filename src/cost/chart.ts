// Terminal charts: horizontal bars drawn with block characters (eighths for a smooth end).

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const FULL = '█';

export interface Bar {
  label: string;
  value: number;
  /** Text after the bar (e.g. "$12.40"); default: the value. */
  note?: string;
  /** Drawn lighter (e.g. a partial or forecast month). */
  dim?: boolean;
}

export interface BarChartOptions {
  /** Width of the longest bar, in characters. */
  width?: number;
  /** Colour the bar of a `dim` entry (e.g. chalk.gray); identity by default. */
  dimmed?: (text: string) => string;
}

/** One bar of `value` on a scale where `max` fills `width` cells. */
export function bar(value: number, max: number, width: number): string {
  if (!(max > 0) || !(value > 0)) return '';
  const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
  return FULL.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/** Lines of "label │bar note", bars scaled to the largest value. */
export function renderBarChart(bars: readonly Bar[], options: BarChartOptions = {}): string[] {
  const width = Math.max(4, options.width ?? 40);
  const max = Math.max(0, ...bars.map((b) => b.value));
  const labelWidth = Math.max(0, ...bars.map((b) => b.label.length));
  const dimmed = options.dimmed ?? ((text: string) => text);
  return bars.map((b) => {
    const drawn = bar(b.value, max, width);
    const painted = b.dim ? dimmed(drawn) : drawn;
    const note = b.note ?? String(b.value);
    return `${b.label.padEnd(labelWidth)} │${painted}${' '.repeat(width - drawn.length + 1)}${note}`.trimEnd();
  });
}

const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A one-line trend: ▁▂▅█ scaled between 0 and the largest value. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  if (max <= 0) return SPARKS[0].repeat(values.length);
  return values.map((v) => SPARKS[Math.min(SPARKS.length - 1, Math.max(0, Math.round((v / max) * (SPARKS.length - 1))))]).join('');
}
