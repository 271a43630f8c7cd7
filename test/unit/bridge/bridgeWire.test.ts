import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesToBase64,
  callPath,
  decodeWire,
  encodeEvent,
  encodeWire,
  WireFormatError,
} from '../../../preload/bridgeWire';

describe('base64', () => {
  it('matches Node for every length around the padding boundaries', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 255);
      const expected = Buffer.from(bytes).toString('base64');
      expect(bytesToBase64(bytes)).toBe(expected);
      expect(base64ToBytes(expected)).toEqual(bytes);
    }
  });

  it('round-trips arbitrary bytes, including inputs larger than one encoding chunk', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200_000 }), (bytes) => {
        const text = bytesToBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64ToBytes(text)).toEqual(bytes);
      }),
      { numRuns: 40 },
    );
  });

  it('rejects text that is not base64', () => {
    expect(() => base64ToBytes('abc')).toThrow(WireFormatError);
    expect(() => base64ToBytes('ab!d')).toThrow(/invalid base64 character at offset 2/);
    expect(() => base64ToBytes('abcé')).toThrow(WireFormatError);
  });
});

describe('encodeWire / decodeWire', () => {
  it('writes Uint8Array as { $bytes } at any depth and reads it back', () => {
    const args = {
      name: 'prod',
      files: [
        { name: 'a.json', data: new TextEncoder().encode('{"Vpcs":[]}') },
        { name: 'b.zip', data: new Uint8Array([0, 255, 1, 254]) },
      ],
      nested: { deeper: [new Uint8Array()] },
    };
    const text = encodeWire(args);
    expect(JSON.parse(text)).toEqual({
      name: 'prod',
      files: [
        { name: 'a.json', data: { $bytes: 'eyJWcGNzIjpbXX0=' } },
        { name: 'b.zip', data: { $bytes: 'AP8B/g==' } },
      ],
      nested: { deeper: [{ $bytes: '' }] },
    });
    const back = decodeWire(text) as typeof args;
    expect(back).toEqual(args);
    expect(back.files[1]?.data).toBeInstanceOf(Uint8Array);
  });

  it('encodes Node Buffers (a Uint8Array subclass) as bytes too', () => {
    expect(encodeWire({ data: Buffer.from('hi') })).toBe('{"data":{"$bytes":"aGk="}}');
  });

  it('round-trips arbitrary JSON values with bytes mixed in', () => {
    const leaf = fc.oneof(
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.uint8Array(),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node')),
        fc.dictionary(fc.string(), tie('node')),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        // -0 is not representable in JSON; compare what JSON itself would preserve.
        const normalised = JSON.parse(
          JSON.stringify(v, (_k, x) => (x instanceof Uint8Array ? Array.from(x) : x)),
        );
        const decoded = decodeWire(encodeWire(v));
        expect(
          JSON.parse(JSON.stringify(decoded, (_k, x) => (x instanceof Uint8Array ? Array.from(x) : x))),
        ).toEqual(normalised);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to send an ordinary object that would read back as bytes', () => {
    expect(() => encodeWire({ trap: { $bytes: 'AAAA' } })).toThrow(WireFormatError);
    // With another key beside it, it is an ordinary object and stays one.
    expect(decodeWire(encodeWire({ o: { $bytes: 'AAAA', x: 1 } }))).toEqual({ o: { $bytes: 'AAAA', x: 1 } });
  });

  it('always produces a JSON document', () => {
    expect(encodeWire(undefined)).toBe('null');
    expect(decodeWire(encodeWire({}))).toEqual({});
  });

  it('reads bytes whose key is spelled with a \\u escape, and plain documents without them', () => {
    expect(decodeWire('{"data":{"\\u0024bytes":"AQID"}}')).toEqual({ data: new Uint8Array([1, 2, 3]) });
    expect(decodeWire('{"data":{"$byte\\u0073":"AQID"}}')).toEqual({ data: new Uint8Array([1, 2, 3]) });
    expect(decodeWire('{"edges":[{"from":"a","ports":[{"from":1,"to":2}]}]}')).toEqual({
      edges: [{ from: 'a', ports: [{ from: 1, to: 2 }] }],
    });
  });

  it('reports corrupt base64 inside a document', () => {
    expect(() => decodeWire('{"data":{"$bytes":"@@@@"}}')).toThrow(WireFormatError);
  });
});

describe('events and paths', () => {
  it('frames one Server-Sent Event per payload on a single data line', () => {
    const text = encodeEvent('importProgress', { phase: 'parsing', file: 'a\nb.json', done: 1, total: 2 });
    expect(text).toBe(
      'event: importProgress\ndata: {"phase":"parsing","file":"a\\nb.json","done":1,"total":2}\n\n',
    );
  });

  it('refuses event names that could break the stream framing', () => {
    expect(() => encodeEvent('x\ndata: evil', {})).toThrow(WireFormatError);
  });

  it('builds call paths with the method name escaped', () => {
    expect(callPath('listSnapshots')).toBe('/api/call/listSnapshots');
    expect(callPath('../x')).toBe('/api/call/..%2Fx');
  });
});
