// What an uploaded file really is, read from its first bytes. The file name and the declared
// Content-Type are the client's word and are never consulted: a script renamed photo.jpg is refused.
export type ImageFormat = 'jpeg' | 'png' | 'webp';
export type VideoFormat = 'mp4' | 'mov';

export type MediaType =
  | { kind: 'image'; format: ImageFormat; contentType: string; extension: 'jpg' | 'png' | 'webp' }
  | { kind: 'video'; format: VideoFormat; contentType: string; extension: 'mp4' | 'mov' };

/** A recognised file we refuse for a reason the customer can act on, rather than "unknown". */
export type RefusedType = { kind: 'heic' } | { kind: 'unsupported' };

const mp4Brands = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'MSNV', 'dash']);
const heifBrands = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/** The ISO base-media brands of an `ftyp` box at the start of the file: major first, then compatible. */
function ftypBrands(bytes: Uint8Array): string[] | null {
  if (bytes.length < 16 || ascii(bytes, 4, 4) !== 'ftyp') return null;
  const size = ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
  const end = Math.min(size >>> 0, bytes.length, 256);
  const brands = [ascii(bytes, 8, 4)];
  for (let offset = 16; offset + 4 <= end; offset += 4) brands.push(ascii(bytes, offset, 4));
  return brands;
}

function detectFtyp(brands: readonly string[]): MediaType | RefusedType {
  const [major = ''] = brands;
  if (major === 'qt  ') return { kind: 'video', format: 'mov', contentType: 'video/quicktime', extension: 'mov' };
  if (heifBrands.has(major)) return { kind: 'heic' };
  if (mp4Brands.has(major) || brands.some((b) => mp4Brands.has(b) && b !== 'dash')) {
    return { kind: 'video', format: 'mp4', contentType: 'video/mp4', extension: 'mp4' };
  }
  return { kind: 'unsupported' };
}

export function detectMediaType(bytes: Uint8Array): MediaType | RefusedType {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    return { kind: 'image', format: 'jpeg', contentType: 'image/jpeg', extension: 'jpg' };
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { kind: 'image', format: 'png', contentType: 'image/png', extension: 'png' };
  }
  // RIFF <size> WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) {
    return { kind: 'image', format: 'webp', contentType: 'image/webp', extension: 'webp' };
  }
  const brands = ftypBrands(bytes);
  if (brands !== null) return detectFtyp(brands);
  return { kind: 'unsupported' };
}
