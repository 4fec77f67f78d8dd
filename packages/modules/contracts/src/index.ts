// The public face of the contracts module: the only file other modules may import.
export { canonicalJson } from './canonical-json';
export { buildDailyRoot, type DailyRoot, timestampPendingRoots } from './daily-roots';
export type { ContractsDeps } from './deps';
export { type ContractSubjectKind, contractSubjectKinds, type DraftedContract, draftContract } from './draft-contract';
export { ContractsErrors } from './errors';
export { assertOwnSigning } from './esign-flows';
export { ContractsEvents } from './events';
export {
  appendEvidence,
  type ChainBreak,
  type EvidenceSubject,
  evidenceOfSubject,
  type StoredEvidence,
  verifyEvidenceChain,
} from './evidence-log';
export { ContractsLimits } from './limits';
export { inclusionProof, merkleRoot, verifyInclusion } from './merkle';
export { contractsModule } from './module';
export { type BundleCheck, buildProofBundle, verifyProofBundle } from './proof-bundle';
// For modules whose orders carry a contract (rental): read, hand out and sign it the way contracts' own routes do.
export { type ContractView, contractPdf, getContract, toContractView } from './read-contracts';
export { sealOf } from './runtime';
export {
  checkSignable,
  claimSigningTry,
  requestSigningCode,
  type SignatureInput,
  type SignedContract,
  signatureInput,
  signContract,
} from './sign-contract';
export { type ContractLocale, type ContractTemplate, contractLocales, contractTemplates } from './templates';
export type { TimestampAuthority } from './timestamp-authorities';
export { type RootBreak, verifyDailyRoots } from './verify-roots';
export { withdrawDraft } from './withdraw-draft';
