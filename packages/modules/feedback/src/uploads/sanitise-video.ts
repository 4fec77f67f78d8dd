// Videos are not re-encoded (that needs ffmpeg, a system dependency we do not take on for this).
// Instead the ISO base-media box tree (MP4 and QuickTime share it) is checked and every box that
// carries descriptive metadata is blanked in place: `udta` (QuickTime's ©xyz GPS position, camera
// make and model), `meta` (Apple's com.apple.quicktime.location.ISO6709 and other keys) and `uuid`
// (XMP). Blanking means renaming the box to `free` and zeroing its body, so that no other byte
// moves and the sample offsets in `stco`/`co64` stay right. The duration is read from `mvhd` to
// refuse anything longer than a short clip.
import { FeedbackErrors } from '../errors';
import { FeedbackLimits } from '../limits';

const containers = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'moof', 'traf', 'mvex']);
const blanked = new Set(['udta', 'meta', 'uuid']);

interface Walk {
  bytes: Uint8Array;
  view: DataView;
  boxes: number;
  blanked: number;
  durationMs: number | null;
}

function invalid(detail: string): never {
  throw FeedbackErrors.FEEDBACK_UPLOAD_VIDEO_INVALID({ detail });
}

function boxType(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}

/** Size and header length of the box at `offset`; a box runs to `end` when its size is 0. */
function boxExtent(walk: Walk, offset: number, end: number): { size: number; header: number } {
  if (offset + 8 > end) invalid('A box header runs past its parent.');
  const size32 = walk.view.getUint32(offset);
  if (size32 === 0) return { size: end - offset, header: 8 };
  if (size32 !== 1) return { size: size32, header: 8 };
  if (offset + 16 > end) invalid('A large box header runs past its parent.');
  const size64 = walk.view.getBigUint64(offset + 8);
  if (size64 > BigInt(Number.MAX_SAFE_INTEGER)) invalid('A box is larger than any file we accept.');
  return { size: Number(size64), header: 16 };
}

function readMvhd(walk: Walk, body: number, end: number): void {
  const version = walk.bytes[body] ?? 0;
  const need = version === 1 ? 32 : 20;
  if (body + need > end) invalid('The movie header is cut short.');
  const timescale = walk.view.getUint32(body + (version === 1 ? 20 : 12));
  const duration = version === 1 ? walk.view.getBigUint64(body + 24) : BigInt(walk.view.getUint32(body + 16));
  if (timescale === 0) invalid('The movie header has no time scale.');
  walk.durationMs = Number((duration * 1000n) / BigInt(timescale));
}

function walkBoxes(walk: Walk, start: number, end: number, depth: number): void {
  if (depth > FeedbackLimits.videoBoxDepthMax) invalid('Boxes are nested too deeply.');
  let offset = start;
  while (offset < end) {
    walk.boxes += 1;
    if (walk.boxes > FeedbackLimits.videoBoxesMax) invalid('Too many boxes.');
    const { size, header } = boxExtent(walk, offset, end);
    if (size < header || offset + size > end) invalid('A box runs past its parent.');
    const type = boxType(walk.bytes, offset + 4);
    if (blanked.has(type)) {
      walk.bytes.set([0x66, 0x72, 0x65, 0x65], offset + 4); // "free"
      walk.bytes.fill(0, offset + header, offset + size);
      walk.blanked += 1;
    } else if (type === 'mvhd') {
      readMvhd(walk, offset + header, offset + size);
    } else if (containers.has(type)) {
      walkBoxes(walk, offset + header, offset + size, depth + 1);
    }
    offset += size;
  }
}

export interface SanitisedVideo {
  bytes: Uint8Array;
  durationMs: number;
  /** How many metadata boxes were blanked. */
  blankedBoxes: number;
}

/** A copy of the video with its metadata boxes blanked; refuses a broken or too long file. */
export function sanitiseVideo(input: Uint8Array): SanitisedVideo {
  const bytes = new Uint8Array(input);
  const walk: Walk = {
    bytes,
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    boxes: 0,
    blanked: 0,
    durationMs: null,
  };
  walkBoxes(walk, 0, bytes.length, 0);
  if (walk.durationMs === null) invalid('The video has no movie header.');
  if (walk.durationMs > FeedbackLimits.videoDurationMsMax) {
    throw FeedbackErrors.FEEDBACK_UPLOAD_VIDEO_TOO_LONG({
      detail: `Videos may be at most ${FeedbackLimits.videoDurationMsMax / 1000} seconds long.`,
    });
  }
  return { bytes, durationMs: walk.durationMs, blankedBoxes: walk.blanked };
}
