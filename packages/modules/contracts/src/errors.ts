// The contracts module's stable error codes: CONTRACTS_<WHAT>, each once.
import { defineErrors } from '@zulin/kernel';

export const ContractsErrors = defineErrors({
  CONTRACTS_EVIDENCE_INVALID: { status: 422, title: 'The evidence entry is not valid' },
  CONTRACTS_TERMS_INVALID: { status: 422, title: 'The contract terms do not fit the template' },
  CONTRACTS_CONTRACT_NOT_FOUND: { status: 404, title: 'Contract not found' },
  CONTRACTS_ALREADY_SIGNED: { status: 409, title: 'This contract is already signed' },
  CONTRACTS_DRAFT_OUTDATED: { status: 409, title: 'A newer draft of this contract exists; sign that one' },
  CONTRACTS_DRAFT_WITHDRAWN: { status: 409, title: 'This draft was withdrawn; there is nothing to sign' },
  CONTRACTS_CODE_INVALID: { status: 422, title: 'The SMS code is wrong, expired, used or for another document' },
  CONTRACTS_CODE_TOO_MANY_ATTEMPTS: { status: 429, title: 'Too many wrong codes; ask for a new one' },
  CONTRACTS_CODE_SEND_TOO_SOON: { status: 429, title: 'Wait before asking for another code' },
  CONTRACTS_CODE_DAILY_LIMIT: { status: 429, title: 'No more codes today' },
  CONTRACTS_SIGNATURE_INVALID: { status: 422, title: 'The signature is not a PNG image or a name' },
  CONTRACTS_SEAL_UNCONFIGURED: { status: 503, title: 'The contract seal is not configured' },
  CONTRACTS_ESIGN_UNCONFIGURED: { status: 503, title: 'The e-signature provider is not configured' },
  CONTRACTS_ESIGN_FAILED: { status: 502, title: 'The e-signature provider refused the request' },
  CONTRACTS_ESIGN_NOT_USED: {
    status: 409,
    title: 'Contracts are signed on this platform (SMS code), not through an e-signature provider',
  },
  CONTRACTS_SIGNING_BY_PROVIDER: {
    status: 409,
    title: 'Contracts are signed through the e-signature provider: start a signing flow',
  },
  CONTRACTS_ESIGN_FLOW_NOT_FOUND: { status: 404, title: 'No such signing flow' },
  CONTRACTS_ESIGN_FLOW_CLOSED: { status: 409, title: 'The signing flow has expired or already ended' },
  CONTRACTS_ESIGN_CALLBACK_INVALID: { status: 401, title: 'The e-signature callback is not validly signed' },
});
