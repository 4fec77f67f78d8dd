import { isAppError } from '@zulin/kernel';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkAttachments } from './attachments';
import { detectMediaType } from './detect-type';
import { prepareUpload } from './prepare-upload';
import { sanitiseVideo } from './sanitise-video';

function box(type: string, ...parts: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length);
  head.write(type, 4, 'latin1');
  return new Uint8Array(Buffer.concat([head, body]));
}
const text = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

function mvhd(timescale: number, duration: number): Uint8Array {
  const body = Buffer.alloc(100);
  body.writeUInt32BE(timescale, 12);
  body.writeUInt32BE(duration, 16);
  return box('mvhd', body);
}

/**
 * An iPhone-style QuickTime movie: the position in moov/udta/©xyz and in moov/meta (Apple's keys),
 * the camera in the track's udta, and an mdat whose bytes must not move.
 */
function movie(durationSeconds: number): { bytes: Uint8Array; mdat: Uint8Array } {
  const mdat = box('mdat', text('FRAME-DATA-0123456789'));
  const bytes = Buffer.concat([
    box('ftyp', text('qt  \0\0\0\0qt  ')),
    box(
      'moov',
      mvhd(600, durationSeconds * 600),
      box('udta', box('\u00a9xyz', text('+31.2304+121.4737/'))),
      box(
        'meta',
        box('keys', text('com.apple.quicktime.location.ISO6709')),
        box('ilst', text('+31.2304+121.4737+004.000/')),
      ),
      box('trak', box('tkhd', new Uint8Array(84)), box('udta', text('Apple iPhone 16 Pro'))),
    ),
    mdat,
  ]);
  return { bytes: new Uint8Array(bytes), mdat };
}

describe('video metadata', () => {
  test('the GPS position and camera are blanked; every other byte stays where it was', () => {
    const { bytes, mdat } = movie(15);
    expect(Buffer.from(bytes).includes('+31.2304')).toBe(true);
    const clean = sanitiseVideo(bytes);
    const out = Buffer.from(clean.bytes);
    expect(out.length).toBe(bytes.length);
    for (const secret of ['+31.2304', 'ISO6709', 'iPhone 16 Pro', 'udta', 'meta'])
      expect(out.includes(secret)).toBe(false);
    expect(clean.blankedBoxes).toBe(3);
    expect(clean.durationMs).toBe(15_000);
    // The media data is untouched and at the same offset, so sample offsets stay valid.
    expect(out.subarray(bytes.length - mdat.length)).toEqual(Buffer.from(mdat));
    // The upload is not modified in place.
    expect(Buffer.from(bytes).includes('+31.2304')).toBe(true);
  });

  test('a 61-second clip is refused as too long; 60 seconds is accepted', () => {
    expect(sanitiseVideo(movie(60).bytes).durationMs).toBe(60_000);
    expect(() => sanitiseVideo(movie(61).bytes)).toThrow(
      expect.objectContaining({ code: 'FEEDBACK_UPLOAD_VIDEO_TOO_LONG' }),
    );
  });

  test('a box that claims to run past the file is refused', () => {
    const { bytes } = movie(5);
    const broken = new Uint8Array(bytes);
    new DataView(broken.buffer).setUint32(0, 0xffff); // the ftyp box claims 64 KB
    expect(() => sanitiseVideo(broken)).toThrow(expect.objectContaining({ code: 'FEEDBACK_UPLOAD_VIDEO_INVALID' }));
  });

  test('a file with no movie header is refused', () => {
    const bytes = Buffer.concat([box('ftyp', text('isom\0\0\0\0isom')), box('mdat', text('x'))]);
    expect(() => sanitiseVideo(new Uint8Array(bytes))).toThrow(
      expect.objectContaining({ code: 'FEEDBACK_UPLOAD_VIDEO_INVALID' }),
    );
  });

  test('prepareUpload takes a MOV as video/quicktime, cleaned', async () => {
    const prepared = await prepareUpload(movie(10).bytes);
    expect(prepared.kind).toBe('video');
    expect(prepared.file.contentType).toBe('video/quicktime');
    expect(Buffer.from(prepared.file.bytes).includes('+31.2304')).toBe(false);
  });
});

describe('attachments per feedback', () => {
  const images = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: 'image' as const, key: `k${i}` }));

  test('up to 9 images, or 1 video', () => {
    expect(() => checkAttachments(images(9))).not.toThrow();
    expect(() => checkAttachments([{ kind: 'video', key: 'v' }])).not.toThrow();
    expect(() => checkAttachments([])).not.toThrow();
  });

  test('10 images, 2 videos, or a mix are refused', () => {
    const code = { code: 'FEEDBACK_ATTACHMENTS_TOO_MANY' };
    expect(() => checkAttachments(images(10))).toThrow(expect.objectContaining(code));
    expect(() =>
      checkAttachments([
        { kind: 'video', key: 'a' },
        { kind: 'video', key: 'b' },
      ]),
    ).toThrow(expect.objectContaining(code));
    expect(() => checkAttachments([...images(1), { kind: 'video', key: 'v' }])).toThrow(expect.objectContaining(code));
    expect(() =>
      checkAttachments([
        { kind: 'image', key: 'a' },
        { kind: 'image', key: 'a' },
      ]),
    ).toThrow(expect.objectContaining(code));
  });
});

describe('untrusted bytes', () => {
  const typedVideoError = (e: unknown) =>
    isAppError(e) && ['FEEDBACK_UPLOAD_VIDEO_INVALID', 'FEEDBACK_UPLOAD_VIDEO_TOO_LONG'].includes(e.code);

  test('property: any bytes either sanitise or fail with a typed video error, never a crash', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        try {
          sanitiseVideo(bytes);
        } catch (e) {
          expect(typedVideoError(e)).toBe(true);
        }
        expect(() => detectMediaType(bytes)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  test('property: a real movie with bytes flipped in its box headers still fails cleanly', () => {
    const { bytes } = movie(10);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        (edits) => {
          const broken = new Uint8Array(bytes);
          for (const [at, value] of edits) broken[at] = value;
          try {
            const clean = sanitiseVideo(broken);
            expect(clean.bytes.length).toBe(broken.length);
          } catch (e) {
            expect(typedVideoError(e)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
