import { deflateRawSync } from 'node:zlib';

/** One member of a test archive; the optional fields forge the lies a hostile archive tells. */
export interface ZipMember {
  readonly name: string;
  readonly data: Uint8Array | string;
  readonly store?: boolean;
  /** Written as the uncompressed size instead of the real one. */
  readonly declaredSize?: number;
  /** Sets the "encrypted" flag; the data itself is not encrypted. */
  readonly encrypted?: boolean;
}

// zlib.crc32 arrived in Node 22; the engines field allows Node 20.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Builds a zip archive in memory, the way the importer receives dropped files. */
export function buildZip(members: readonly ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const data = typeof member.data === 'string' ? Buffer.from(member.data) : Buffer.from(member.data);
    const body = member.store ? data : deflateRawSync(data);
    const name = Buffer.from(member.name);
    const fields = {
      flags: 0x0800 | (member.encrypted ? 1 : 0),
      method: member.store ? 0 : 8,
      crc: crc32(data),
      compressed: body.length,
      uncompressed: member.declaredSize ?? data.length,
      nameLength: name.length,
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    writeSharedFields(local, 6, fields);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    writeSharedFields(central, 8, fields);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Flags through name length sit in the same order in local and central headers. */
function writeSharedFields(
  header: Buffer,
  at: number,
  fields: {
    flags: number;
    method: number;
    crc: number;
    compressed: number;
    uncompressed: number;
    nameLength: number;
  },
): void {
  header.writeUInt16LE(fields.flags, at);
  header.writeUInt16LE(fields.method, at + 2);
  header.writeUInt32LE(fields.crc, at + 8);
  header.writeUInt32LE(fields.compressed, at + 12);
  header.writeUInt32LE(fields.uncompressed, at + 16);
  header.writeUInt16LE(fields.nameLength, at + 20);
}
