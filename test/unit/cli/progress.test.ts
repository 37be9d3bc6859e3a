import { describe, expect, it } from 'vitest';
import { ProgressLine, terminalWidth } from '../../../src/cli/output.js';

function fakeStream(columns?: number): { columns?: number; out: string[]; write(text: string): boolean } {
  return { columns, out: [], write(text: string) { this.out.push(text); return true; } };
}

/** The lines a person sees: each redraw starts with a carriage return. */
function drawn(stream: { out: string[] }): string[] {
  return stream.out.join('').split('\r').filter((l) => l.trim() !== '');
}

describe('progress line', () => {
  it('never wraps at 60 columns: every redraw fits the terminal width', () => {
    const stream = fakeStream(60);
    let now = 0;
    const p = new ProgressLine(true, 'Collecting', stream, () => (now += 100));
    for (let i = 1; i <= 18; i++) p.update(i, 18, `123456789012 ap-northeast-2 ec2:network-interface ${i}`);
    p.done();
    const lines = drawn(stream);
    expect(lines.length).toBeGreaterThan(5);
    for (const l of stream.out.join('').split('\r')) expect(l.length).toBeLessThan(60);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
    expect(lines[lines.length - 1].trimEnd()).toMatch(/^Collecting \[#{20}\] 18\/18 123456789012 ap-.*…$/);
  });

  it('drops the total and the bar once the total grows, instead of showing 19/19 after 18/18', () => {
    const stream = fakeStream(120);
    let now = 0;
    const p = new ProgressLine(true, 'Collecting', stream, () => (now += 100));
    p.update(18, 18, 'a');
    p.update(19, 19, 'b');
    p.update(20, 20, 'c');
    const lines = drawn(stream).map((l) => l.trimEnd());
    expect(lines).toEqual(['Collecting [####################] 18/18 a', 'Collecting: 19 done b', 'Collecting: 20 done c']);
  });

  it('writes nothing when disabled (not a TTY)', () => {
    const stream = fakeStream(80);
    const p = new ProgressLine(false, 'Collecting', stream);
    p.update(1, 2, 'x');
    p.done();
    expect(stream.out).toEqual([]);
  });
});

describe('terminalWidth', () => {
  it('is the TTY width, else $COLUMNS, else unknown', () => {
    expect(terminalWidth({ columns: 90 }, { COLUMNS: '100' })).toBe(90);
    expect(terminalWidth({}, { COLUMNS: '100' })).toBe(100);
    expect(terminalWidth({}, {})).toBeUndefined();
  });
});
