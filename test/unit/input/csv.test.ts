import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../../main/core/input/csv';

describe('parseCsv', () => {
  it('reads rows with their line numbers, skipping blank lines and trimming unquoted fields', () => {
    expect(parseCsv('a,b\n\n 1 , 2 \r\n3,\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 4, fields: ['3', ''] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, and a last row without newline', () => {
    expect(parseCsv('\ufeffx,"a, ""b""\nc",y\nlast,"row"')).toEqual([
      { line: 1, fields: ['x', 'a, "b"\nc', 'y'] },
      { line: 3, fields: ['last', 'row'] },
    ]);
  });

  it.each([
    ['x,"open\n', 'a quoted field is not closed', 1],
    ['ok\nx,"a"b\n', 'text after a closing quote', 2],
    ['ok\nok\nx,a"b"\n', 'a quote inside an unquoted field', 3],
  ])('refuses %j naming the line', (text, message, line) => {
    const error = (() => {
      try {
        parseCsv(text);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect(error).toMatchObject({ message, line });
  });
});
