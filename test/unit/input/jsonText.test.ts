import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../main/core/domain/errors';
import { looksLikeJson, parseJsonFile } from '../../../main/core/input/jsonText';

const utf8 = (text: string) => new TextEncoder().encode(text);

function parseError(text: string): BadInputError {
  try {
    parseJsonFile('broken.json', utf8(text));
  } catch (error) {
    if (error instanceof BadInputError) return error;
    throw error;
  }
  throw new Error('expected a BadInputError');
}

describe('parseJsonFile', () => {
  it('parses JSON and drops a byte order mark', () => {
    const data = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"Vpcs": [1]}')]);
    expect(parseJsonFile('vpcs.json', data)).toEqual({ Vpcs: [1] });
  });

  it.each([
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3, `expected ',' or '}', found "\\""`],
    ['a trailing comma', '{"Vpcs": [\n  {"VpcId": "vpc-1"},\n]}', 3, 1, `expected a value, found "]"`],
    ['an unquoted key', '{\n\t{"x": 1}', 2, 2, 'expected a property name in double quotes'],
    ['a truncated file', '{"Vpcs": [{"VpcId": "vpc-1"}', 1, 29, 'found the end of the file'],
    ['an unterminated string', '["abc', 1, 6, 'unterminated string'],
    ['a bad escape', '{"a": "x\\qy"}', 1, 10, 'invalid escape'],
    ['a bad literal', '{"a": tru}', 1, 7, 'expected a value'],
    ['a leading zero', '[01]', 1, 3, `expected ',' or ']'`],
    ['text after the value', '{}\n{}', 2, 1, 'unexpected text after the end of the JSON value'],
    ['CRLF line ends', '{\r\n"a": 1,\r\n}', 3, 1, 'expected a property name'],
  ])('names line and column for %s', (_, text, line, column, problem) => {
    const error = parseError(text);
    expect(error.file).toBe('broken.json');
    expect(error.place).toBe(`line ${line}, column ${column}`);
    expect(error.message).toContain(`broken.json is not valid JSON at line ${line}, column ${column}`);
    expect(error.message).toContain(problem);
  });

  it('scans deep nesting without overflowing the stack', () => {
    const error = parseError(`${'['.repeat(200_000)}x`);
    expect(error.place).toBe('line 1, column 200001');
  });

  it('refuses text that is not UTF-8', () => {
    expect(() => parseJsonFile('latin1.json', new Uint8Array([0x7b, 0xe9, 0x7d]))).toThrow(/not valid UTF-8/);
  });

  it('refuses __proto__ as a key, naming its JSON path, and leaves Object.prototype alone', () => {
    const text = '{"SecurityGroups": [{}, {}, {"__proto__": {"polluted": true}}]}';
    const error = parseError(text);
    expect(error.place).toBe('$.SecurityGroups[2].__proto__');
    expect(error.message).toContain('$.SecurityGroups[2].__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it.each(['constructor', 'prototype'])('refuses %s as a key', (key) => {
    expect(parseError(`{"Vpcs": [{"Tags": {"${key}": 1}}]}`).place).toBe(`$.Vpcs[0].Tags.${key}`);
  });

  it('refuses a hostile key spelled with escapes', () => {
    expect(parseError('{"Vpcs": [{"\\u005f_proto__": {}}]}').place).toBe('$.Vpcs[0].__proto__');
  });

  it('accepts __proto__ as a string value', () => {
    expect(parseJsonFile('tags.json', utf8('{"Tags": [{"Key": "__proto__", "Value": "x"}]}'))).toEqual({
      Tags: [{ Key: '__proto__', Value: 'x' }],
    });
  });
});

describe('looksLikeJson', () => {
  it.each([
    ['vpcs.json', 'not json at all', true],
    ['vpcs.txt', '\n  {"Vpcs": []}', true],
    ['list', '[1]', true],
    ['README.md', '# Notes', false],
    ['inventory.csv', 'id,name', false],
  ])('%s holding %j → %s', (name, text, expected) => {
    expect(looksLikeJson(name, utf8(text))).toBe(expected);
  });
});
