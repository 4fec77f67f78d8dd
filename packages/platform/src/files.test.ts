import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { sniffImageType, storeByContentHash } from './files';

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const webp = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]);

describe('uploaded files', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  test('an image is known by its first bytes, never by its name', () => {
    expect(sniffImageType(png)?.extension).toBe('png');
    expect(sniffImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))?.contentType).toBe('image/jpeg');
    expect(sniffImageType(webp)?.extension).toBe('webp');
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(null);
    expect(sniffImageType(png.slice(0, 7))).toBe(null); // a truncated signature
    expect(sniffImageType(webp.slice(0, 11))).toBe(null);
  });

  test('the same bytes are stored once, under their SHA-256, with no temporary file left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zulin-files-'));
    dirs.push(dir);
    const first = await storeByContentHash(join(dir, 'uploads'), png, 'png');
    const again = await storeByContentHash(join(dir, 'uploads'), png, 'png');
    expect(first).toBe(`${createHash('sha256').update(png).digest('hex')}.png`);
    expect(first).toMatch(/^[0-9a-f]{64}\.png$/);
    expect(again).toBe(first);
    expect(readdirSync(join(dir, 'uploads'))).toEqual([first]);
    expect(readFileSync(join(dir, 'uploads', first))).toEqual(Buffer.from(png));
  });
});
