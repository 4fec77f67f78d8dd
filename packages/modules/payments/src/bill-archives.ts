// The containers the channels' bill files come in, read (and, for the sandbox, written) with node:zlib
// only: WeChat's gzip (node's gunzip), Alipay's ZIP (a minimal reader of the central directory,
// entries stored or deflated, no ZIP64, no encryption) and Alipay's GBK text (TextDecoder 'gbk', which
// Node's full ICU provides; the sandbox's encoder is the decoder's table inverted).
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';

const unreadable = (detail: string) => PaymentsErrors.PAYMENTS_STATEMENT_UNREADABLE({ detail });

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const endOfCentralDirectory = 0x06054b50;
const centralHeader = 0x02014b50;
const localHeader = 0x04034b50;
const utf8NameFlag = 0x0800;

/** The name of an entry: UTF-8 when the entry says so, else GBK (Alipay's archives name their files in GBK). */
function entryName(bytes: Buffer, flags: number): string {
  return new TextDecoder(flags & utf8NameFlag ? 'utf-8' : 'gbk').decode(bytes);
}

/** Every file of a ZIP archive, each checked against its CRC-32 and the size the directory gives. */
export function readZip(archive: Buffer): ZipEntry[] {
  // The end-of-central-directory record is within the last 22 + 65 535 (comment) bytes.
  let end = -1;
  for (let at = archive.length - 22; at >= Math.max(0, archive.length - 22 - 0xffff); at--) {
    if (archive.readUInt32LE(at) === endOfCentralDirectory) {
      end = at;
      break;
    }
  }
  if (end < 0) throw unreadable('Not a ZIP archive.');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > archive.length || archive.readUInt32LE(at) !== centralHeader) {
      throw unreadable('The ZIP central directory is damaged.');
    }
    const flags = archive.readUInt16LE(at + 8);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressedSize = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const offset = archive.readUInt32LE(at + 42);
    const name = entryName(archive.subarray(at + 46, at + 46 + nameLength), flags);
    at += 46 + nameLength + extraLength + commentLength;
    if (flags & 0x0001) throw unreadable(`The ZIP entry ${name} is encrypted.`);
    if (size > PaymentsLimits.statementMaxBytes) throw unreadable(`The ZIP entry ${name} is too large.`);
    if (offset + 30 > archive.length || archive.readUInt32LE(offset) !== localHeader) {
      throw unreadable(`The ZIP entry ${name} has no local header.`);
    }
    const start = offset + 30 + archive.readUInt16LE(offset + 26) + archive.readUInt16LE(offset + 28);
    const raw = archive.subarray(start, start + compressedSize);
    if (raw.length !== compressedSize) throw unreadable(`The ZIP entry ${name} is truncated.`);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: PaymentsLimits.statementMaxBytes });
      } catch {
        throw unreadable(`The ZIP entry ${name} does not inflate.`);
      }
    } else throw unreadable(`The ZIP entry ${name} uses compression method ${method}.`);
    if (data.length !== size || crc32(data) !== crc) throw unreadable(`The ZIP entry ${name} fails its CRC-32.`);
    entries.push({ name, data });
  }
  return entries;
}

/** A ZIP archive of deflated files, names in GBK without the UTF-8 flag — as Alipay writes its bills. */
export function writeZip(files: readonly ZipEntry[], at: Date): Buffer {
  // MS-DOS date and time (local fields; UTC here).
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1);
  const date = ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = encodeGbk(file.name);
    const body = deflateRawSync(file.data);
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(localHeader, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(centralHeader, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(endOfCentralDirectory, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** GBK bytes as text (Alipay's bill files). */
export function decodeGbk(bytes: Buffer): string {
  return new TextDecoder('gbk').decode(bytes);
}

let gbkTable: Map<string, number> | undefined;

/** Text as GBK bytes (the sandbox writes Alipay's bills so); a character GBK lacks becomes `?`. */
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk', { fatal: true });
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        try {
          const char = decoder.decode(Uint8Array.of(lead, trail));
          if (char.length === 1 && !gbkTable.has(char)) gbkTable.set(char, (lead << 8) | trail);
        } catch {
          // not a GBK pair
        }
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable.get(char);
      if (pair === undefined) bytes.push(0x3f);
      else bytes.push(pair >> 8, pair & 0xff);
    }
  }
  return Buffer.from(bytes);
}
