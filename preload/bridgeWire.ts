/**
 * The wire format of the loopback HTTP bridge, shared by the bridge server (main/bridge) and the
 * renderer's HTTP client. JSON, with every Uint8Array written as `{ "$bytes": "<base64>" }`.
 *
 * - call:   POST `/api/call/<method>`, body = encoded args, response = encoded `Result`.
 * - events: GET `/api/events`, Server-Sent Events, `event: <name>` / `data: <encoded payload>`.
 *
 * No runtime dependencies: this runs in the browser and in Node alike.
 */

export const callPathPrefix = '/api/call/';
export const eventsPath = '/api/events';
export const callPath = (method: string): string => `${callPathPrefix}${encodeURIComponent(method)}`;

const BYTES_KEY = '$bytes';

// --- base64 (RFC 4648, with padding) -----------------------------------------------------------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  // Build the output in chunks: one giant string concatenation per byte is slow for large files.
  const CHUNK = 3 * 16_384;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    let out = '';
    let i = start;
    for (; i + 2 < end; i += 3) {
      const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
      out +=
        ALPHABET.charAt(n >>> 18) +
        ALPHABET.charAt((n >>> 12) & 63) +
        ALPHABET.charAt((n >>> 6) & 63) +
        ALPHABET.charAt(n & 63);
    }
    const rest = end - i;
    if (rest === 1) {
      const n = (bytes[i] as number) << 16;
      out += `${ALPHABET.charAt(n >>> 18)}${ALPHABET.charAt((n >>> 12) & 63)}==`;
    } else if (rest === 2) {
      const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
      out += `${ALPHABET.charAt(n >>> 18)}${ALPHABET.charAt((n >>> 12) & 63)}${ALPHABET.charAt((n >>> 6) & 63)}=`;
    }
    parts.push(out);
  }
  return parts.join('');
}

export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new WireFormatError('base64 text length is not a multiple of 4');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const last = i + 4 === text.length;
    const c = last && padding === 2 ? 0 : sextet(text, i + 2);
    const d = last && padding >= 1 ? 0 : sextet(text, i + 3);
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16;
    if (o < out.length) out[o++] = (n >>> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index);
  const value = code < 128 ? (DECODE[code] as number) : -1;
  if (value < 0) throw new WireFormatError(`invalid base64 character at offset ${index}`);
  return value;
}

// --- JSON with bytes -----------------------------------------------------------------------------

export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
}

function isBytesWrapper(value: unknown): value is { [BYTES_KEY]: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 1 &&
    keys[0] === BYTES_KEY &&
    typeof (value as Record<string, unknown>)[BYTES_KEY] === 'string'
  );
}

/**
 * Whether anything in `value` needs the replacer: a Uint8Array, or an object that would read back
 * as one. Walking the value first costs far less than a replacer call per value, which the large
 * answers (hundreds of thousands of numbers) never need.
 */
function needsReplacer(value: unknown): boolean {
  const pending: object[] = typeof value === 'object' && value !== null ? [value] : [];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next instanceof Uint8Array || isBytesWrapper(next)) return true;
    for (const item of Array.isArray(next) ? next : Object.values(next)) {
      if (typeof item === 'object' && item !== null) pending.push(item);
    }
  }
  return false;
}

/** Serialises a value to JSON text, writing every Uint8Array (at any depth) as `{ "$bytes": base64 }`. */
export function encodeWire(value: unknown): string {
  if (!needsReplacer(value)) return JSON.stringify(value) ?? 'null';
  const text = JSON.stringify(value, function replacer(this: unknown, key: string, v: unknown) {
    // Look at the holder's own value: a Buffer's toJSON has already run by the time `v` arrives.
    const original = (this as Record<string, unknown>)[key];
    if (original instanceof Uint8Array) return { [BYTES_KEY]: bytesToBase64(original) };
    // An ordinary object that looks like a wrapper would come back as bytes: refuse rather than corrupt.
    if (isBytesWrapper(v))
      throw new WireFormatError(`an object whose only key is "${BYTES_KEY}" cannot be sent`);
    return v;
  });
  // JSON.stringify(undefined) is undefined; the wire always carries a JSON document.
  return text ?? 'null';
}

/** Parses JSON text, turning every `{ "$bytes": base64 }` (at any depth) back into a Uint8Array. */
export function decodeWire(text: string): unknown {
  // A reviver costs a call per value, seconds for a large segment graph; text that cannot spell the
  // key, even through a \u escape, holds no bytes.
  if (!text.includes(BYTES_KEY) && !text.includes('\\u')) return JSON.parse(text);
  return JSON.parse(text, (_key, v: unknown) => (isBytesWrapper(v) ? base64ToBytes(v[BYTES_KEY]) : v));
}

/** One Server-Sent Events message. Encoded JSON never contains a raw newline, so one `data:` line suffices. */
export function encodeEvent(event: string, payload: unknown): string {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(event)) throw new WireFormatError(`invalid event name: ${event}`);
  return `event: ${event}\ndata: ${encodeWire(payload)}\n\n`;
}
