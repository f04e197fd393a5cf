/**
 * The entries of a .zip held in memory (an .xlsx is one), read from its central directory, each
 * inflated as a stream of text when asked: a worksheet of 100,000 rows is never a string whole.
 */
import { Readable } from "node:stream";
import { createInflateRaw, inflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  offset: number;
  compressedSize: number;
}

export class ZipError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries by name, in the order of their data in the file. */
export function zipEntries(data: Buffer): Map<string, ZipEntry> {
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--)
    if (data.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  if (end < 0) throw new ZipError("no end of central directory");
  const count = data.readUInt16LE(end + 10);
  let p = data.readUInt32LE(end + 16);
  if (p === 0xffffffff || p >= data.length) throw new ZipError("ZIP64 or damaged central directory");
  const list: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== CENTRAL)
      throw new ZipError("damaged central directory");
    const nameLength = data.readUInt16LE(p + 28);
    list.push({
      flags: data.readUInt16LE(p + 8),
      method: data.readUInt16LE(p + 10),
      compressedSize: data.readUInt32LE(p + 20),
      offset: data.readUInt32LE(p + 42),
      name: data.toString("utf8", p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
  }
  list.sort((a, b) => a.offset - b.offset);
  return new Map(list.map((e) => [e.name, e]));
}

function compressed(data: Buffer, e: ZipEntry): Buffer {
  if (e.flags & 1) throw new ZipError("encrypted entry");
  if (e.method !== 0 && e.method !== 8) throw new ZipError(`compression method ${e.method}`);
  const h = e.offset;
  if (h + 30 > data.length || data.readUInt32LE(h) !== LOCAL) throw new ZipError("damaged local header");
  const start = h + 30 + data.readUInt16LE(h + 26) + data.readUInt16LE(h + 28);
  if (start + e.compressedSize > data.length) throw new ZipError("truncated entry");
  return data.subarray(start, start + e.compressedSize);
}

/** A small entry (workbook, relationships, styles) as one string. */
export function entryText(data: Buffer, e: ZipEntry): string {
  const raw = compressed(data, e);
  return (e.method === 0 ? raw : inflateRawSync(raw)).toString("utf8");
}

/** An entry as text, chunk by chunk (UTF-8 split across chunks is joined correctly). */
export async function* entryChunks(data: Buffer, e: ZipEntry): AsyncGenerator<string> {
  const raw = compressed(data, e);
  const decoder = new TextDecoder("utf-8");
  if (e.method === 0) {
    for (let i = 0; i < raw.length; i += 1 << 16)
      yield decoder.decode(raw.subarray(i, i + (1 << 16)), { stream: true });
    return;
  }
  const inflate = createInflateRaw();
  const source = Readable.from([raw]);
  source.pipe(inflate);
  try {
    for await (const chunk of inflate) yield decoder.decode(chunk as Buffer, { stream: true });
  } catch (err) {
    throw new ZipError(err instanceof Error ? err.message : String(err));
  } finally {
    source.unpipe(inflate);
    inflate.destroy();
    source.destroy();
  }
}
