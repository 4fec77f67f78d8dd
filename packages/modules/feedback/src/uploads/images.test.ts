import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { detectMediaType } from './detect-type';
import { prepareUpload } from './prepare-upload';
import { processImage } from './process-image';

/** The tags of IFD0 of a TIFF/EXIF block (after "Exif\0\0"), read by hand so the test trusts no decoder. */
function ifd0Tags(tiff: Uint8Array): number[] {
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = tiff[0] === 0x49;
  const ifd = view.getUint32(4, little);
  const count = view.getUint16(ifd, little);
  return Array.from({ length: count }, (_, i) => view.getUint16(ifd + 2 + 12 * i, little));
}

/** The EXIF APP1 segment of a JPEG, or null. */
function jpegExif(jpeg: Uint8Array): Uint8Array | null {
  let offset = 2;
  while (offset + 4 <= jpeg.length && jpeg[offset] === 0xff) {
    const marker = jpeg[offset + 1] ?? 0;
    const length = ((jpeg[offset + 2] ?? 0) << 8) | (jpeg[offset + 3] ?? 0);
    const body = jpeg.subarray(offset + 4, offset + 2 + length);
    if (marker === 0xe1 && Buffer.from(body.subarray(0, 6)).toString('latin1') === 'Exif\0\0') return body.subarray(6);
    if (marker === 0xda) break; // start of scan: no more headers
    offset += 2 + length;
  }
  return null;
}

const GPS_IFD_POINTER = 0x8825;

async function photoWithGps(width = 64, height = 48, orientation = 1): Promise<Uint8Array> {
  const buffer = await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Apple', Model: 'iPhone 16 Pro' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '31/1 13/1 4824/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '121/1 28/1 2532/100',
      },
    })
    // withExif leaves the orientation to sharp's own option.
    .withMetadata({ orientation })
    .toBuffer();
  return new Uint8Array(buffer);
}

describe('image re-encoding', () => {
  test('a JPEG with a GPS position comes out with no EXIF at all', async () => {
    const input = await photoWithGps();
    const inputExif = jpegExif(input);
    expect(inputExif).not.toBeNull();
    expect(ifd0Tags(inputExif!)).toContain(GPS_IFD_POINTER);
    expect(Buffer.from(input).includes('iPhone 16 Pro')).toBe(true);

    const { image, thumbnail } = await processImage(input, 'jpeg');
    expect(detectMediaType(image.bytes)).toMatchObject({ format: 'jpeg' });
    expect(jpegExif(image.bytes)).toBeNull();
    expect(Buffer.from(image.bytes).includes('iPhone 16 Pro')).toBe(false);
    expect((await sharp(image.bytes).metadata()).exif).toBeUndefined();
    expect((await sharp(thumbnail.bytes).metadata()).exif).toBeUndefined();
    expect([thumbnail.contentType, thumbnail.width, thumbnail.height]).toEqual(['image/webp', 320, 320]);
  });

  test('the EXIF orientation is applied to the pixels before it is dropped', async () => {
    // 64 × 48 stored sideways (orientation 6 = rotate 90° clockwise to view).
    const input = await photoWithGps(64, 48, 6);
    expect((await sharp(input).metadata()).orientation).toBe(6);
    expect(ifd0Tags(jpegExif(input)!)).toContain(GPS_IFD_POINTER);
    const { image } = await processImage(input, 'jpeg');
    expect([image.width, image.height]).toEqual([48, 64]);
  });

  test('large photos are scaled to fit 2560 px; small ones are not enlarged', async () => {
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    const { image } = await processImage(new Uint8Array(big), 'png');
    expect([image.width, image.height, image.contentType]).toEqual([2560, 1920, 'image/png']);
    const small = await sharp({ create: { width: 30, height: 20, channels: 4, background: '#0000' } })
      .webp()
      .toBuffer();
    const out = await processImage(new Uint8Array(small), 'webp');
    expect([out.image.width, out.image.height, out.image.extension]).toEqual([30, 20, 'webp']);
  });

  test('a PNG header claiming 20,000 × 20,000 pixels is refused before decoding', async () => {
    // A real 8 × 8 PNG whose IHDR is rewritten to claim 20,000 × 20,000 (with its CRC fixed).
    const png = Buffer.from(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
        .png()
        .toBuffer(),
    );
    png.writeUInt32BE(20_000, 16);
    png.writeUInt32BE(20_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    await expect(processImage(new Uint8Array(png), 'png')).rejects.toMatchObject({ code: 'FEEDBACK_UPLOAD_TOO_LARGE' });
  });

  test('a JPEG signature followed by junk is an unreadable image', async () => {
    const junk = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('not really a jpeg at all')]);
    await expect(prepareUpload(junk)).rejects.toMatchObject({ code: 'FEEDBACK_UPLOAD_IMAGE_INVALID' });
  });
});

describe('type detection by magic bytes', () => {
  const ftyp = (major: string, ...compatible: string[]) => {
    const body = Buffer.from(`${major}\0\0\0\0${compatible.join('')}`, 'latin1');
    const head = Buffer.alloc(8);
    head.writeUInt32BE(8 + body.length);
    head.write('ftyp', 4, 'latin1');
    return new Uint8Array(Buffer.concat([head, body, Buffer.alloc(16)]));
  };

  test('images and videos are known by their first bytes', () => {
    expect(detectMediaType(ftyp('isom', 'isom', 'mp41'))).toMatchObject({ kind: 'video', format: 'mp4' });
    expect(detectMediaType(ftyp('qt  ', 'qt  '))).toMatchObject({
      kind: 'video',
      format: 'mov',
      contentType: 'video/quicktime',
    });
    expect(detectMediaType(ftyp('XAVC', 'mp42'))).toMatchObject({ kind: 'video', format: 'mp4' });
    expect(detectMediaType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toMatchObject({
      format: 'png',
    });
    expect(detectMediaType(new Uint8Array(Buffer.from('RIFF\x10\0\0\0WEBPVP8 ', 'latin1')))).toMatchObject({
      format: 'webp',
    });
  });

  test('HEIC is recognised and refused with its own error', async () => {
    expect(detectMediaType(ftyp('heic', 'mif1', 'heic'))).toEqual({ kind: 'heic' });
    expect(detectMediaType(ftyp('mif1', 'heic'))).toEqual({ kind: 'heic' });
    await expect(prepareUpload(ftyp('heic', 'mif1'))).rejects.toMatchObject({
      code: 'FEEDBACK_UPLOAD_HEIC_UNSUPPORTED',
    });
  });

  test('anything else is refused, whatever it claims to be', async () => {
    const others = [
      '#!/bin/sh\nrm -rf /',
      '<svg onload="alert(1)"/>',
      '%PDF-1.7',
      'GIF89a',
      'PK\x03\x04',
      '<?php echo 1;',
    ];
    for (const text of others) {
      const bytes = new Uint8Array(Buffer.from(text, 'latin1'));
      expect(detectMediaType(bytes)).toEqual({ kind: 'unsupported' });
      await expect(prepareUpload(bytes)).rejects.toMatchObject({
        code: 'FEEDBACK_UPLOAD_TYPE_UNSUPPORTED',
        status: 415,
      });
    }
    expect(detectMediaType(ftyp('avif', 'avif'))).toEqual({ kind: 'unsupported' });
  });

  test('an image over 10 MB is refused before it is decoded', async () => {
    const bytes = new Uint8Array(10 * 1024 * 1024 + 1);
    bytes.set([0xff, 0xd8, 0xff]);
    await expect(prepareUpload(bytes)).rejects.toMatchObject({ code: 'FEEDBACK_UPLOAD_TOO_LARGE', status: 413 });
  });
});
