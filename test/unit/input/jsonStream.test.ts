import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../main/core/domain/errors';
import { StreamedArray, topLevelMembers } from '../../../main/core/input/jsonStream';
import { parseJsonFile, parseWholeJson } from '../../../main/core/input/jsonText';

const utf8 = (text: string) => new TextEncoder().encode(text);

function readStreamedWith(text: string, onItem: (offset: number) => void): void {
  for (const { value } of topLevelMembers('f.json', utf8(text), onItem) ?? []) {
    if (value instanceof StreamedArray) for (const _ of value.values());
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; message: string; place: string | null };

function outcome(read: () => unknown): Outcome {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (!(error instanceof BadInputError)) throw error;
    return { ok: false, message: error.message, place: error.place };
  }
}

/** parseJsonFile's reading, with arrays parsed `batchBytes` at a time. */
function parseBatched(data: Uint8Array, batchBytes: number, onItem?: (offset: number) => void): unknown {
  const members = topLevelMembers('f.json', data, onItem, batchBytes);
  if (members === null) return parseWholeJson('f.json', data);
  const document: Record<string, unknown> = {};
  for (const { key, value } of members)
    document[key] = value instanceof StreamedArray ? [...value.values()] : value;
  return document;
}

/** Read member by member, a file must give what parsing its whole text gives, value for value and error for error. */
function expectSameAsWhole(text: string | Uint8Array): Outcome {
  const data = typeof text === 'string' ? utf8(text) : text;
  const streamed = outcome(() => parseJsonFile('f.json', data));
  expect(streamed).toEqual(outcome(() => parseWholeJson('f.json', data)));
  return streamed;
}

const document = {
  SecurityGroups: [
    { GroupId: 'sg-1', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }], Tags: [] },
    { GroupId: 'sg-2', Description: 'brackets } ] { [ and "quotes" and \\ in strings', Tags: [{}] },
    { GroupId: 'sg-3', Nested: { Deep: [[{ a: 1 }], []] }, Number: -1.5e3, Flag: true, Nothing: null },
  ],
  NextToken: 'abc',
  Empty: [],
  Numbers: [1, -0.5, 3e2, true, null, 'x'],
  Object: { a: [1, 2] },
};

describe('topLevelMembers', () => {
  it.each([
    ['AWS CLI output (four spaces)', JSON.stringify(document, null, 4)],
    ['jq output (two spaces)', JSON.stringify(document, null, 2)],
    ['tabs', JSON.stringify(document, null, '\t')],
    ['CRLF line ends', JSON.stringify(document, null, 4).replaceAll('\n', '\r\n')],
    ['minified', JSON.stringify(document)],
    ['a byte order mark', `\ufeff${JSON.stringify(document, null, 4)}`],
  ])('reads %s exactly as JSON.parse does', (_, text) => {
    expect(expectSameAsWhole(text)).toEqual({ ok: true, value: document });
  });

  it('keeps the last value of a key repeated inside an item, as JSON.parse, jq and Python do', () => {
    const text = '{"SecurityGroups": [\n    {"GroupId": "sg-1", "FromPort": 5432, "FromPort": 22}\n]}';
    expect(expectSameAsWhole(text)).toEqual({
      ok: true,
      value: { SecurityGroups: [{ GroupId: 'sg-1', FromPort: 22 }] },
    });
  });

  it('reads items indented unlike their neighbours, and a closing bracket mid-line', () => {
    const text = [
      '{"Vpcs": [',
      '    {"VpcId": "vpc-1",',
      '  "Tags": []',
      '},',
      '    {"VpcId": "vpc-2"},',
      '    {',
      '        "VpcId": "vpc-3"',
      '    }',
      ']}',
    ].join('\n');
    expect(expectSameAsWhole(text)).toEqual({
      ok: true,
      value: { Vpcs: [{ VpcId: 'vpc-1', Tags: [] }, { VpcId: 'vpc-2' }, { VpcId: 'vpc-3' }] },
    });
  });

  it('gives items one at a time, with later items not yet parsed', () => {
    const text = '{"Vpcs": [\n    {"VpcId": "vpc-1"},\n    {"VpcId": "vpc-2"},\n    {"VpcId": broken}\n]}';
    const members = (topLevelMembers('vpcs.json', utf8(text)) as Iterable<{ value: unknown }>)[
      Symbol.iterator
    ]();
    const items = (members.next().value as { value: StreamedArray }).value.values();
    expect(items.next().value).toEqual({ VpcId: 'vpc-1' });
    expect(items.next().value).toEqual({ VpcId: 'vpc-2' });
    expect(() => items.next()).toThrow('vpcs.json is not valid JSON at line 4, column 15: expected a value');
  });

  it('parses items a batch at a time, and hands them out one by one', () => {
    const vpcs = Array.from({ length: 200 }, (_, index) => ({ VpcId: `vpc-${index}`, Tags: [{ Key: 'a' }] }));
    const text = JSON.stringify({ Vpcs: vpcs, NextToken: 'x' }, null, 4);
    const offsets: number[] = [];
    expect(parseBatched(utf8(text), 500, (offset) => offsets.push(offset))).toEqual({
      Vpcs: vpcs,
      NextToken: 'x',
    });
    // The first item goes alone (no separator yet to cut by), so do the last ones.
    expect(offsets.length).toBeGreaterThan(5);
    expect(offsets.length).toBeLessThan(vpcs.length / 2);
    expect(offsets.every((offset, i) => offset > (offsets[i - 1] ?? 0))).toBe(true);
  });

  it('names a broken item inside a batch exactly, after handing out the items before it', () => {
    const vpcs = Array.from({ length: 40 }, (_, index) => ({ VpcId: `vpc-${index}` }));
    const text = JSON.stringify({ Vpcs: vpcs }, null, 4).replace('"vpc-30"', 'broken');
    const members = topLevelMembers('vpcs.json', utf8(text), undefined, 200) as Iterable<{ value: unknown }>;
    const items = (members[Symbol.iterator]().next().value as { value: StreamedArray }).value.values();
    for (let index = 0; index < 30; index++) expect(items.next().value).toEqual({ VpcId: `vpc-${index}` });
    const line = text.split('\n').findIndex((row) => row.includes('broken')) + 1;
    expect(() => items.next()).toThrow(
      `vpcs.json is not valid JSON at line ${line}, column 22: expected a value`,
    );
  });

  it('refuses a hostile key inside a batch, naming the item it is in', () => {
    const vpcs: unknown[] = Array.from({ length: 40 }, (_, index) => ({ VpcId: `vpc-${index}` }));
    vpcs[25] = { VpcId: 'vpc-25', Tags: { HOSTILE: { polluted: true } } };
    const text = JSON.stringify({ Vpcs: vpcs }, null, 4).replace('"HOSTILE"', '"__proto__"');
    expect(outcome(() => parseBatched(utf8(text), 200))).toMatchObject({
      ok: false,
      place: '$.Vpcs[25].Tags.__proto__',
    });
  });

  it('checks the items of an array its reader left unread', () => {
    const text = '{"Vpcs": [\n    {"VpcId": "vpc-1"},\n    {"VpcId": }\n], "NextToken": "x"}';
    const iteration = (topLevelMembers('vpcs.json', utf8(text)) as Iterable<unknown>)[Symbol.iterator]();
    iteration.next();
    expect(() => iteration.next()).toThrow('at line 3, column 15: expected a value');
  });

  it('tells how far into the file each item of a top-level array ends', () => {
    const text = '{"Vpcs": [\n    {"VpcId": "vpc-1"},\n    {"VpcId": "vpc-2"}\n], "Subnets": [[], []]}';
    const offsets: number[] = [];
    readStreamedWith(text, (offset) => offsets.push(offset));
    const endOf = (item: string, from = 0) => text.indexOf(item, from) + item.length;
    expect(offsets).toEqual([
      endOf('{"VpcId": "vpc-1"}'),
      endOf('{"VpcId": "vpc-2"}'),
      endOf('[]', text.indexOf('Subnets')),
      endOf('[]]', text.indexOf('Subnets')) - 1,
    ]);
  });

  it('returns null for a document whose top level is not an object', () => {
    expect(topLevelMembers('a.json', utf8(' [1, 2]'))).toBeNull();
    expect(topLevelMembers('a.json', utf8('"text"'))).toBeNull();
    expect(topLevelMembers('a.json', utf8(''))).toBeNull();
  });

  it.each([
    ['a missing comma between items', '{"Vpcs": [\n    {"a": 1}\n    {"b": 2}\n]}'],
    ['a trailing comma', '{"Vpcs": [\n  {"VpcId": "vpc-1"},\n]}'],
    ['a truncated file', '{"Vpcs": [{"VpcId": "vpc-1"}'],
    ['a file cut inside an item', '{"Vpcs": [\n    {\n        "VpcId": "vpc-1",\n        "Tags": ['],
    ['an unterminated string in an item', '{"Vpcs": [\n    {"VpcId": "vpc-1\n"}\n]}'],
    ['a bad escape on a later line', '{"Vpcs": [\n    {},\n    {"a": "x\\qy"}\n]}'],
    ['a leading zero in an item', '{"a": [01]}'],
    ['a bad literal', '{"a": [tru]}'],
    ['a literal run on', '{"a": truex}'],
    ['a lone minus', '{"a": [-]}'],
    ['a mismatched bracket', '{"a": [{"b": [1}]]}'],
    ['an unquoted key', '{\n\t{"x": 1}'],
    ['a missing colon', '{"a" 1}'],
    ['a missing comma between members', '{"a": 1 "b": 2}'],
    ['text after the value', '{}\n{}'],
    ['CRLF line ends', '{\r\n"a": 1,\r\n}'],
    ['a control character in a string', '{"a": ["x\ty"]}'],
    ['non-ASCII text before the error', '{"Tags": [{"Value": "café"}, {"Value": "x" "y"}]}'],
    ['an error right after a byte order mark', '\ufeff{"a": x}'],
    ['deep nesting', `{"a": ${'['.repeat(100_000)}x`],
  ])('names the same line, column and problem as the whole-text reader for %s', (_, text) => {
    expect(expectSameAsWhole(text).ok).toBe(false);
  });

  it('refuses text that is not UTF-8', () => {
    const streamed = outcome(() => parseJsonFile('latin1.json', new Uint8Array([0x7b, 0xe9, 0x7d])));
    expect(streamed).toMatchObject({ ok: false, message: expect.stringContaining('not valid UTF-8') });
  });

  it.each([
    [
      'inside an item',
      '{"SecurityGroups": [{}, {}, {"__proto__": {"polluted": true}}]}',
      '$.SecurityGroups[2].__proto__',
    ],
    ['as a top-level key', '{"__proto__": []}', '$.__proto__'],
    ['spelled with escapes', '{"Vpcs": [\n    {"\\u005f_proto__": {}}\n]}', '$.Vpcs[0].__proto__'],
    [
      'in a pretty-printed item',
      JSON.stringify({ Vpcs: [{}, { Tags: { constructor: 1 } }] }, null, 4),
      '$.Vpcs[1].Tags.constructor',
    ],
  ])('refuses a hostile key %s, naming its path', (_, text, place) => {
    expect(expectSameAsWhole(text)).toMatchObject({ ok: false, place });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads a minified file of many items', () => {
    // Each item's look back for a newline once went to the start of the file: this took minutes.
    const items = Array.from({ length: 200_000 }, (_, index) => ({ VpcId: `vpc-${index}` }));
    const value = parseJsonFile('vpcs.json', utf8(JSON.stringify({ Vpcs: items }))) as { Vpcs: unknown[] };
    expect(value.Vpcs).toEqual(items);
  });

  it('agrees with the whole-text reader on random documents, laid out and damaged at random', () => {
    const layout = fc.constantFrom<(text: string) => string>(
      (text) => text,
      (text) => text.replaceAll('\n', '\r\n'),
    );
    const indent = fc.constantFrom<number | string | undefined>(undefined, 2, 4, '\t');
    const damage = fc.option(
      fc.record({
        at: fc.nat(),
        remove: fc.nat(2),
        insert: fc.constantFrom('', ',', '}', ']', '{', '[', '"', '\\', ':', ' ', '\n', '0', 'é'),
      }),
    );
    const lists = fc.dictionary(
      fc.constantFrom('Vpcs', 'Subnets', 'Reservations', 'NextToken', 'Other'),
      fc.oneof(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 }), fc.jsonValue({ maxDepth: 2 })),
    );
    fc.assert(
      fc.property(
        lists,
        indent,
        layout,
        damage,
        fc.integer({ min: 1, max: 64 }),
        (members, space, lay, change, batchBytes) => {
          let text = lay(JSON.stringify(members, null, space));
          if (change) {
            const at = change.at % (text.length + 1);
            text = text.slice(0, at) + change.insert + text.slice(at + change.remove);
          }
          const data = utf8(text);
          const whole = outcome(() => parseWholeJson('f.json', data));
          // Batches as small as a few bytes, so that random documents are cut into them too.
          for (const streamed of [
            outcome(() => parseJsonFile('f.json', data)),
            outcome(() => parseBatched(data, batchBytes)),
          ]) {
            // With a hostile key and a syntax error, each reader names the one it meets first: the whole-text
            // reader checks all syntax before any key, the streamed one goes item by item. Both refuse.
            if (/"(?:__proto__|constructor|prototype)"|\\u/.test(text)) expect(streamed.ok).toBe(whole.ok);
            else expect(streamed).toEqual(whole);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
