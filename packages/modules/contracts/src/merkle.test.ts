import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { inclusionProof, leafHash, merkleRoot, verifyInclusion } from './merkle';

const h = (s: string) => createHash('sha256').update(s).digest('hex');

test('RFC 6962 domain separation: leaf 0x00, node 0x01, empty tree SHA-256("")', () => {
  expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  const a = h('a');
  expect(merkleRoot([a])).toBe(
    createHash('sha256')
      .update(Buffer.from([0]))
      .update(Buffer.from(a, 'hex'))
      .digest('hex'),
  );
  const b = h('b');
  const node = createHash('sha256')
    .update(Buffer.from([1]))
    .update(leafHash(a))
    .update(leafHash(b))
    .digest('hex');
  expect(merkleRoot([a, b])).toBe(node);
  // Three leaves split 2 + 1 (the largest power of two below 3).
  const c = h('c');
  const three = createHash('sha256')
    .update(Buffer.from([1]))
    .update(Buffer.from(node, 'hex'))
    .update(leafHash(c))
    .digest('hex');
  expect(merkleRoot([a, b, c])).toBe(three);
});

test('every leaf of every tree up to 40 leaves has an inclusion proof that verifies, and only there', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), (n, pick) => {
      const leaves = Array.from({ length: n }, (_, i) => h(`entry ${i}`));
      const root = merkleRoot(leaves);
      const index = pick % n;
      const proof = inclusionProof(leaves, index);
      expect(verifyInclusion(leaves[index] as string, index, n, proof, root)).toBe(true);
      // Another entry, another position or another root does not verify.
      expect(verifyInclusion(h('forged'), index, n, proof, root)).toBe(false);
      if (n > 1) expect(verifyInclusion(leaves[index] as string, (index + 1) % n, n, proof, root)).toBe(false);
      expect(verifyInclusion(leaves[index] as string, index, n, proof, h('other root'))).toBe(false);
    }),
    { numRuns: 200 },
  );
});
