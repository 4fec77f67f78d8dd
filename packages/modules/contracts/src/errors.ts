// The contracts module's stable error codes: CONTRACTS_<WHAT>, each once.
import { defineErrors } from '@zulin/kernel';

export const ContractsErrors = defineErrors({
  CONTRACTS_EVIDENCE_INVALID: { status: 422, title: 'The evidence entry is not valid' },
});
