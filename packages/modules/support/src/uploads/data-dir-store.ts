// Blobs as files under the data directory: `<root>/<first two hex digits>/<key>`, so that no folder
// grows past a few thousand files. Keys are checked against the content-key pattern before any
// path is built, so `../../etc/passwd` or an absolute path never reaches the file system; the
// resolved path is checked to lie under the root as a second lock.
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { assert } from '@zulin/kernel';
import { type BlobExtension, type BlobStore, blobKeyOf, isBlobKey } from './storage';

export class DataDirBlobStore implements BlobStore {
  readonly #root: string;
  #sequence = 0;

  constructor(root: string) {
    this.#root = resolve(root);
  }

  #pathOf(key: string): string {
    assert(isBlobKey(key), `not a blob key: ${JSON.stringify(key).slice(0, 80)}`);
    const path = resolve(join(this.#root, key.slice(0, 2), key));
    assert(path.startsWith(this.#root + sep), 'a blob path lies under the store root');
    return path;
  }

  async put(bytes: Uint8Array, extension: BlobExtension): Promise<string> {
    const key = blobKeyOf(bytes, extension);
    const path = this.#pathOf(key);
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (exists) return key;
    await mkdir(join(this.#root, key.slice(0, 2)), { recursive: true });
    // Write then rename, so that a reader never sees half a file under the final name.
    this.#sequence += 1;
    const temporary = `${path}.${process.pid}.${this.#sequence}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
    return key;
  }

  /** Keys that are not ours answer "not found", like keys we do not hold. */
  async get(key: string): Promise<Uint8Array | null> {
    if (!isBlobKey(key)) return null;
    try {
      return new Uint8Array(await readFile(this.#pathOf(key)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    if (!isBlobKey(key)) return;
    await rm(this.#pathOf(key), { force: true });
  }
}
