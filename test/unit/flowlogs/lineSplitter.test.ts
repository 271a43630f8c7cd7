import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../main/core/flowlogs/lines';

function split(chunks: readonly string[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((text, start, end) => lines.push(text.slice(start, end)));
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('joins lines across chunks, drops a carriage return before the newline, and passes a last line without one', () => {
    expect(split(['2 123 eni-a', ' 10.0.0.1\r\nsecond', ' line\nthird'])).toEqual([
      '2 123 eni-a 10.0.0.1',
      'second line',
      'third',
    ]);
  });

  it('passes a line longer than 64 KiB cut at 64 KiB, drops the rest of it, and goes on after its end', () => {
    // A binary file without newlines must not be held whole while waiting for a line to end.
    const long = 'x'.repeat(100 * 1024);
    const lines = split([long.slice(0, 70_000), long.slice(70_000), '\nnext line\n']);
    expect(lines.map((line) => line.length)).toEqual([64 * 1024, 'next line'.length]);
    expect(lines[1]).toBe('next line');
  });
});
