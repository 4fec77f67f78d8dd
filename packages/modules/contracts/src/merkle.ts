// Merkle trees as RFC 6962 §2.1 defines them (Certificate Transparency), over the entry hashes of
// one day: leaf = SHA-256(0x00 ‖ entry hash), node = SHA-256(0x01 ‖ left ‖ right), the split at the
// largest power of two below n; the empty tree's hash is SHA-256(""). Inclusion proofs are RFC 6962
// audit paths, checked with the algorithm of RFC 9162 §2.1.3.2.
import { createHash } from 'node:crypto';
import { assert } from '@zulin/kernel';

const sha256 = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

export function leafHash(entryHashHex: string): Buffer {
  return sha256(Buffer.from([0x00]), Buffer.from(entryHashHex, 'hex'));
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return sha256(Buffer.from([0x01]), left, right);
}

function largestPowerOfTwoBelow(n: number): number {
  assert(n > 1, 'a split needs two leaves');
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function subtreeRoot(leaves: readonly Buffer[], from: number, to: number): Buffer {
  const n = to - from;
  if (n === 1) return leaves[from] as Buffer;
  const k = largestPowerOfTwoBelow(n);
  return nodeHash(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
}

/** MTH(D[n]) over entry hashes (hex), as hex. */
export function merkleRoot(entryHashes: readonly string[]): string {
  if (entryHashes.length === 0) return sha256().toString('hex');
  return subtreeRoot(entryHashes.map(leafHash), 0, entryHashes.length).toString('hex');
}

function path(leaves: readonly Buffer[], m: number, from: number, to: number): Buffer[] {
  const n = to - from;
  if (n === 1) return [];
  const k = largestPowerOfTwoBelow(n);
  if (m < k) return [...path(leaves, m, from, from + k), subtreeRoot(leaves, from + k, to)];
  return [...path(leaves, m - k, from + k, to), subtreeRoot(leaves, from, from + k)];
}

/** PATH(m, D[n]): the audit path of leaf `index` (0-based), as hex hashes, leaf side first. */
export function inclusionProof(entryHashes: readonly string[], index: number): string[] {
  assert(Number.isInteger(index) && index >= 0 && index < entryHashes.length, 'the leaf is in the tree');
  return path(entryHashes.map(leafHash), index, 0, entryHashes.length).map((h) => h.toString('hex'));
}

/** RFC 9162 §2.1.3.2: does `proof` place the entry hash at `index` of a tree of `treeSize` with `rootHex`? */
export function verifyInclusion(
  entryHashHex: string,
  index: number,
  treeSize: number,
  proof: readonly string[],
  rootHex: string,
): boolean {
  if (!(index >= 0 && index < treeSize)) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash(entryHashHex);
  for (const p of proof) {
    const pb = Buffer.from(p, 'hex');
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(pb, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, pb);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.toString('hex') === rootHex;
}
