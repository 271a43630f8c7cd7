import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { BadInputError } from '../domain/errors';
import { isHiddenName } from './hiddenNames';
import { type ByteBudget, fileTooBig, formatSize, type ImportLimits, overLimit } from './limits';

/** Local file header signature: how a zip starts, whatever its name says. */
export function isZip(data: Uint8Array): boolean {
  return data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

// Names are decoded and checked here rather than by yauzl so the error names the archive and member;
// sizes are checked here while inflating, because yauzl's check trusts the header we want to distrust.
const zipOptions = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false };

/** Below this, a high ratio is just a very repetitive small file, not a bomb. */
const RATIO_CHECK_FLOOR = 1024 * 1024;

export type ZipSource = { readonly path: string } | { readonly data: Uint8Array };

/** Calls `onMember` with each file of the archive, inflated, in archive order. */
export async function readZip(
  archive: string,
  source: ZipSource,
  limits: ImportLimits,
  budget: ByteBudget,
  onMember: (name: string, data: Uint8Array) => void,
): Promise<void> {
  const zip = await openZip(archive, source);
  try {
    if (zip.entryCount > limits.maxArchiveEntries) {
      const message = `archive ${archive} has ${zip.entryCount} entries, over the ${limits.maxArchiveEntries} entry`;
      throw overLimit(archive, message, 'maxArchiveEntries');
    }
    for await (const entry of zip.eachEntry()) {
      const member = memberName(archive, entry);
      if (member.endsWith('/') || member.split('/').some(isHiddenName)) continue;
      const name = `${archive}!/${member}`;
      onMember(name, await inflate(name, zip, entry, limits, budget));
    }
  } catch (error) {
    throw error instanceof BadInputError ? error : unreadable(archive, error);
  } finally {
    zip.close();
  }
}

async function openZip(archive: string, source: ZipSource): Promise<ZipFile> {
  try {
    return 'path' in source
      ? await yauzl.openPromise(source.path, zipOptions)
      : await yauzl.fromBufferPromise(
          Buffer.from(source.data.buffer, source.data.byteOffset, source.data.byteLength),
          zipOptions,
        );
  } catch (error) {
    throw unreadable(archive, error);
  }
}

function unreadable(archive: string, error: unknown): BadInputError {
  const detail = error instanceof Error ? error.message : String(error);
  return new BadInputError(`${archive} is not a readable zip archive: ${detail}`, archive);
}

function memberName(archive: string, entry: Entry): string {
  // Non-strict decoding turns Windows backslashes into slashes, so `..\` is caught as `../`.
  const name = yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    false,
  );
  const unsafe =
    name.startsWith('/') || /^[a-zA-Z]:/.test(name)
      ? 'an absolute path'
      : name.split('/').includes('..')
        ? 'a path that climbs out of the archive (../)'
        : null;
  if (unsafe !== null) {
    throw new BadInputError(
      `archive ${archive} has a member named ${JSON.stringify(name)}, ${unsafe}: refusing to read the archive`,
      `${archive}!/${name}`,
    );
  }
  if (entry.isEncrypted()) {
    throw new BadInputError(
      `archive ${archive} member ${name} is encrypted; Faultline reads only unencrypted archives`,
      `${archive}!/${name}`,
    );
  }
  return name;
}

/** Inflates one member, counting the bytes that actually come out rather than the ones the header promises. */
async function inflate(
  name: string,
  zip: ZipFile,
  entry: Entry,
  limits: ImportLimits,
  budget: ByteBudget,
): Promise<Uint8Array> {
  if (entry.uncompressedSize > limits.maxFileBytes) throw fileTooBig(name, entry.uncompressedSize, limits);
  const stream: Readable = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limits.maxFileBytes) {
      const message = `archive member ${name} inflates to more than ${formatSize(limits.maxFileBytes)}, over the file size`;
      throw overLimit(name, message, 'maxFileBytes');
    }
    if (size > RATIO_CHECK_FLOOR && size > entry.compressedSize * limits.maxCompressionRatio) {
      const message = `archive member ${name} inflates to over ${limits.maxCompressionRatio} times its compressed size (a zip bomb?), over the compression ratio`;
      throw overLimit(name, message, 'maxCompressionRatio');
    }
    budget.take(name, chunk.length);
    chunks.push(chunk);
  }
  if (size !== entry.uncompressedSize) {
    throw new BadInputError(
      `archive member ${name} inflates to ${size} bytes but its header says ${entry.uncompressedSize}: the archive is damaged`,
      name,
    );
  }
  return Buffer.concat(chunks, size);
}
