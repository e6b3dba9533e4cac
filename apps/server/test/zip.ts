/**
 * ZIP files for the tests of the spreadsheet guard, built in memory: entries read back from a real
 * workbook, and written again with one entry replaced — an « xlsx bomb » whose sheet inflates to
 * hundreds of megabytes is built in a fraction of a second from a repeated chunk, never committed.
 */
import zlib from 'node:zlib';

export interface ZipEntryInput {
  name: string;
  /** The content, or a chunk written `repeat` times between a prefix and a suffix. */
  data: Buffer | { prefix: string; chunk: string; repeat: number; suffix: string };
  /** The uncompressed size written in the headers (a lie when set). */
  declaredSize?: number;
}

/** The entries of a ZIP (stored or deflated), read through its central directory. */
export function readZip(bytes: Buffer): { name: string; data: Buffer }[] {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i += 1) {
    const method = bytes.readUInt16LE(offset + 10);
    const compressed = bytes.readUInt32LE(offset + 20);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const name = bytes.toString('utf8', offset + 46, offset + 46 + nameLength);
    const local = bytes.readUInt32LE(offset + 42);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + compressed);
    entries.push({ name, data: method === 0 ? Buffer.from(raw) : zlib.inflateRawSync(raw) });
    offset += 46 + nameLength + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  return entries;
}

async function deflate(
  data: ZipEntryInput['data'],
): Promise<{ raw: Buffer; size: number; crc: number }> {
  if (Buffer.isBuffer(data)) {
    return { raw: zlib.deflateRawSync(data), size: data.length, crc: zlib.crc32(data) };
  }
  const chunk = Buffer.from(data.chunk);
  const parts: Buffer[] = [];
  const deflater = zlib.createDeflateRaw({ level: 9 });
  deflater.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => deflater.on('end', resolve));
  let crc = zlib.crc32(data.prefix);
  deflater.write(data.prefix);
  for (let i = 0; i < data.repeat; i += 1) {
    deflater.write(chunk);
    crc = zlib.crc32(chunk, crc);
  }
  deflater.end(data.suffix);
  crc = zlib.crc32(data.suffix, crc);
  await done;
  const size =
    Buffer.byteLength(data.prefix) + chunk.length * data.repeat + Buffer.byteLength(data.suffix);
  return { raw: Buffer.concat(parts), size, crc };
}

/** A ZIP of deflated entries (sizes in the local headers, no data descriptor). */
export async function writeZip(entries: ZipEntryInput[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const { raw, size, crc } = await deflate(entry.data);
    const declared = entry.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(raw.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(raw.length, 20);
    cd.writeUInt32LE(declared, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, raw);
    central.push(cd, name);
    offset += local.length + name.length + raw.length;
  }
  const directory = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(directory.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, eocd]);
}

/**
 * A workbook whose first sheet is replaced by `megabytes` of cells (a ZIP bomb: the file stays
 * well under a megabyte). `declaredSize` writes a smaller size in the headers than the real one.
 */
export async function xlsxBomb(
  workbook: Buffer,
  megabytes: number,
  opts: { declaredSize?: number } = {},
): Promise<Buffer> {
  const cell = '<c r="A2" t="inlineStr"><is><t>00000000000000</t></is></c>';
  const chunk = cell.repeat(Math.ceil((1024 * 1024) / cell.length)).slice(0, 1024 * 1024);
  return writeZip(
    readZip(workbook).map((entry) =>
      entry.name === 'xl/worksheets/sheet1.xml'
        ? {
            name: entry.name,
            declaredSize: opts.declaredSize,
            data: {
              prefix:
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>SIRET</t></is></c></row><row r="2">',
              chunk,
              repeat: megabytes,
              suffix: '</row></sheetData></worksheet>',
            },
          }
        : entry,
    ),
  );
}
