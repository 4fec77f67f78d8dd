// The proof bundle of one contract: a ZIP anyone can check offline, without our database.
//   README.md             how to check it by hand, in Chinese and English
//   contract.json         the contract (terms, hashes, status)
//   draft.pdf, signed.pdf the PDFs (signed.pdf once signed, sealed)
//   entries.json          the contract's evidence entries, each with prevHash and hash
//   proofs.json           for each entry under a daily root: its index, the tree size and the audit path
//   roots.json            those roots: statement, Ed25519 signature and key, RFC 3161 token (base64)
//   manifest.json         the SHA-256 of every other file
// `verifyProofBundle` checks all of it and names the first thing that does not hold.
import { createHash } from 'node:crypto';
import type { Executor } from '@zulin/db';
import { and, asc, gte, lte } from 'drizzle-orm';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { canonicalJson } from './canonical-json';
import { entryHashesBetween } from './daily-roots';
import { chainHash, entryOf, evidenceOfSubject, type StoredEvidence } from './evidence-log';
import { inclusionProof, verifyInclusion } from './merkle';
import { getContract, toContractView } from './read-contracts';
import { verifyRootSignature } from './root-signer';
import { contractsEvidenceRoots } from './schema';
import { verifyTimeStampToken } from './timestamp-protocol';

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

const readme = `# 证据包 / Proof bundle

## 中文

本证据包可离线核验，无需访问平台数据库：\`npx zulin evidence verify --bundle 本文件.zip\`。手工核验步骤：

1. manifest.json 列出其余每个文件的 SHA-256，逐一计算比对。
2. entries.json 中每条证据：hash = SHA-256(prevHash 的 32 字节 ‖ 该条目（去掉 prevHash、hash）的 RFC 8785 规范化 JSON 的 UTF-8 字节)。
3. contract.json 的 termsHash = SHA-256(terms 的规范化 JSON)；draft.pdf 的 SHA-256 等于 documentHash 及"contract.drafted"证据中的 documentHash；signed.pdf 的 SHA-256 等于"contract.signed"证据中的 signedPdfHash；signed.pdf 的 PDF 签名（印章）可用 pdfsig 或 Adobe Reader 核验。
4. proofs.json：按 RFC 6962 用审计路径从叶子 SHA-256(0x00 ‖ 证据 hash) 计算到根（节点 SHA-256(0x01 ‖ 左 ‖ 右)），应等于 roots.json 中当日根 rootHash。
5. roots.json：statement 的 Ed25519 签名可用 publicKeyPem 核验；timestampToken 是 RFC 3161 时间戳（DER，base64），可用 \`openssl ts -verify -data statement.txt -in token.tsr -token_in -CAfile tsa.pem\` 核验。

## English

This bundle can be checked offline, without the platform's database: \`npx zulin evidence verify --bundle this-file.zip\`. By hand:

1. manifest.json lists the SHA-256 of every other file: recompute and compare.
2. Each entry in entries.json: hash = SHA-256(the 32 bytes of prevHash ‖ the UTF-8 bytes of the entry without prevHash and hash, as RFC 8785 canonical JSON).
3. contract.json: termsHash = SHA-256(canonical JSON of terms); SHA-256(draft.pdf) equals documentHash and the documentHash of the "contract.drafted" entry; SHA-256(signed.pdf) equals the signedPdfHash of the "contract.signed" entry; the PDF signature (seal) of signed.pdf checks with pdfsig or Adobe Reader.
4. proofs.json: from the leaf SHA-256(0x00 ‖ entry hash), the RFC 6962 audit path (nodes SHA-256(0x01 ‖ left ‖ right)) leads to that day's rootHash in roots.json.
5. roots.json: the statement's Ed25519 signature checks with publicKeyPem; timestampToken is an RFC 3161 token (DER, base64) over the statement, e.g. \`openssl ts -verify -data statement.txt -in token.tsr -token_in -CAfile tsa.pem\`.
`;

interface BundleProof {
  seq: number;
  businessDate: string;
  index: number;
  treeSize: number;
  path: string[];
}

interface BundleRoot {
  businessDate: string;
  statement: string;
  signature: string;
  publicKeyPem: string;
  timestampAuthority: string | null;
  timestampToken: string | null;
}

export async function buildProofBundle(db: Executor, contractId: string): Promise<Buffer> {
  const row = await getContract(db, contractId);
  const entries = await evidenceOfSubject(db, { kind: 'contract', id: contractId });
  const seqs = entries.map((e) => e.seq);
  const roots = seqs.length
    ? await db
        .select()
        .from(contractsEvidenceRoots)
        .where(
          and(
            lte(contractsEvidenceRoots.fromSeq, Math.max(...seqs)),
            gte(contractsEvidenceRoots.toSeq, Math.min(...seqs)),
          ),
        )
        .orderBy(asc(contractsEvidenceRoots.businessDate))
    : [];
  const proofs: BundleProof[] = [];
  for (const root of roots) {
    const hashes = await entryHashesBetween(db, root.fromSeq, root.toSeq);
    for (const e of entries) {
      if (e.seq < root.fromSeq || e.seq > root.toSeq) continue;
      const index = e.seq - root.fromSeq;
      proofs.push({
        seq: e.seq,
        businessDate: root.businessDate,
        index,
        treeSize: hashes.length,
        path: inclusionProof(hashes, index),
      });
    }
  }
  const files: Record<string, Uint8Array> = {
    'README.md': strToU8(readme),
    'contract.json': strToU8(JSON.stringify(toContractView(row), null, 2)),
    'draft.pdf': Buffer.from(row.draftPdf, 'base64'),
    'entries.json': strToU8(JSON.stringify(entries, null, 2)),
    'proofs.json': strToU8(JSON.stringify(proofs, null, 2)),
    'roots.json': strToU8(
      JSON.stringify(
        roots.map(
          (r): BundleRoot => ({
            businessDate: r.businessDate,
            statement: r.statement,
            signature: r.signature,
            publicKeyPem: r.publicKeyPem,
            timestampAuthority: r.timestampAuthority,
            timestampToken: r.timestampToken,
          }),
        ),
        null,
        2,
      ),
    ),
  };
  if (row.signedPdf) files['signed.pdf'] = Buffer.from(row.signedPdf, 'base64');
  const manifest = Object.fromEntries(Object.entries(files).map(([name, data]) => [name, sha256(data)]));
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
  return Buffer.from(zipSync(files, { level: 6, mtime: row.createdAt }));
}

export type BundleCheck =
  | { ok: true; entries: number; proven: number; timestamped: number }
  | { ok: false; where: string; why: string };

/** Checks a bundle offline; the first thing that does not hold, named. */
export async function verifyProofBundle(zip: Uint8Array): Promise<BundleCheck> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (error) {
    return { ok: false, where: 'the ZIP file', why: (error as Error).message };
  }
  const fail = (where: string, why: string): BundleCheck => ({ ok: false, where, why });
  const manifestBytes = files['manifest.json'];
  if (!manifestBytes) return fail('manifest.json', 'missing');
  const manifest = JSON.parse(strFromU8(manifestBytes)) as Record<string, string>;
  for (const [name, hash] of Object.entries(manifest)) {
    const data = files[name];
    if (!data) return fail(name, 'missing');
    if (sha256(data) !== hash) return fail(name, 'its SHA-256 is not the one in manifest.json (changed)');
  }
  const json = <T>(name: string) => JSON.parse(strFromU8(files[name] as Uint8Array)) as T;
  const contract = json<{
    id: string;
    terms: unknown;
    termsHash: string;
    documentHash: string;
    signedPdfHash: string | null;
  }>('contract.json');
  const entries = json<StoredEvidence[]>('entries.json');
  const proofs = json<BundleProof[]>('proofs.json');
  const roots = json<BundleRoot[]>('roots.json');
  for (const e of entries) {
    if (chainHash(e.prevHash, entryOf(e)) !== e.hash)
      return fail(`entry ${e.seq} (${e.kind})`, 'its hash is not the hash of its content');
  }
  if (sha256(canonicalJson(contract.terms)) !== contract.termsHash)
    return fail('contract.json', 'the terms do not match termsHash');
  const draftHash = sha256(files['draft.pdf'] as Uint8Array);
  const drafted = entries.find((e) => e.kind === 'contract.drafted');
  if (draftHash !== contract.documentHash || drafted?.data.documentHash !== draftHash) {
    return fail('draft.pdf', 'its SHA-256 is not the document hash in the evidence');
  }
  const signedEntry = entries.find((e) => e.kind === 'contract.signed');
  if (signedEntry) {
    const signed = files['signed.pdf'];
    if (!signed || sha256(signed) !== signedEntry.data.signedPdfHash)
      return fail('signed.pdf', 'its SHA-256 is not the signed hash in the evidence');
  }
  let timestamped = 0;
  const rootByDate = new Map<string, { rootHash: string; treeSize: number }>();
  for (const root of roots) {
    const statement = JSON.parse(root.statement) as { rootHash: string; treeSize: number };
    if (!verifyRootSignature(root.statement, root.signature, root.publicKeyPem))
      return fail(`root ${root.businessDate}`, 'the signature does not verify');
    if (root.timestampToken) {
      try {
        await verifyTimeStampToken(Buffer.from(root.timestampToken, 'base64'), Buffer.from(root.statement, 'utf8'));
        timestamped++;
      } catch (error) {
        return fail(`root ${root.businessDate}`, `the timestamp does not verify: ${(error as Error).message}`);
      }
    }
    rootByDate.set(root.businessDate, statement);
  }
  for (const p of proofs) {
    const entry = entries.find((e) => e.seq === p.seq);
    const root = rootByDate.get(p.businessDate);
    if (!entry || !root) return fail(`proof of entry ${p.seq}`, 'names an entry or a root not in the bundle');
    if (p.treeSize !== root.treeSize || !verifyInclusion(entry.hash, p.index, p.treeSize, p.path, root.rootHash)) {
      return fail(`entry ${p.seq} (${entry.kind})`, `not proven under the root of ${p.businessDate}`);
    }
  }
  return { ok: true, entries: entries.length, proven: proofs.length, timestamped };
}
