import { describe, expect, it } from 'vitest';
import { ChunkedTextDecoder, headText } from '../../../main/core/input/textEncoding';

/** What the decoder makes of the bytes fed to it in chunks of this many bytes. */
function decodeInChunks(data: Uint8Array, size: number): string {
  const decoder = new ChunkedTextDecoder();
  let text = '';
  for (let at = 0; at < data.byteLength; at += size) text += decoder.write(data.subarray(at, at + size));
  return text + decoder.end();
}

describe('ChunkedTextDecoder', () => {
  const text = 'version srcaddr dstaddr é ✓ 𝄞\n';
  const withBom = (bom: number[], body: Buffer) => new Uint8Array([...bom, ...body]);
  const utf16le = Buffer.from(text, 'utf16le');

  it.each([
    ['UTF-8', Buffer.from(text)],
    ['UTF-8 with its byte order mark', withBom([0xef, 0xbb, 0xbf], Buffer.from(text))],
    ['UTF-16LE with its byte order mark', withBom([0xff, 0xfe], utf16le)],
    ['UTF-16BE with its byte order mark', withBom([0xfe, 0xff], Buffer.from(utf16le).swap16())],
  ])('decodes %s as headText does, in chunks of any size', (_, data) => {
    expect(headText(data)).toBe(text);
    for (const size of [1, 2, 3, 5, data.byteLength]) expect(decodeInChunks(data, size)).toBe(text);
  });

  it('decodes a stream shorter than a byte order mark, or none at all', () => {
    expect(decodeInChunks(Buffer.from('ab'), 1)).toBe('ab');
    expect(decodeInChunks(new Uint8Array([0xef, 0xbb]), 1)).toBe('\ufffd');
    expect(decodeInChunks(new Uint8Array(0), 1)).toBe('');
  });
});
