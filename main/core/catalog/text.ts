import { BadInputError } from '../domain/errors';
import { asUtf8 } from '../input/textEncoding';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes a catalog or dependencies file; the decoder drops a leading BOM itself. */
export function decodeText(file: string, data: Uint8Array): string {
  try {
    return utf8.decode(asUtf8(file, data));
  } catch {
    throw new BadInputError(`${file} is not valid UTF-8 text`, file);
  }
}
