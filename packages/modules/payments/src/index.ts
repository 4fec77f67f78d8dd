// The public face of the payments module: the only file other modules may import.

export { abandonOpenPayments } from './abandon-payments';
export { activeAgreementOf } from './active-agreement';
export type { AgreementChannelClient } from './agreement-clients';
export { type Agreement, type AgreementDeps, getAgreement } from './agreements';
export type { AuthorisationChannelClient } from './authorisation-clients';
export { authoriseDeposit } from './authorise-deposit';
export { authoriseInSandbox, sandboxAuthorisationClient } from './authorise-in-sandbox';
export { captureFromAuthorisation } from './capture-from-authorisation';
export { fenToMinor, minorToYuan, yuanToMinor } from './channel-amounts';
export { agreementChannelClient, authorisationChannelClient, paymentChannelClient } from './channel-client-of';
export type { ChannelCall, ChannelTrade, PaymentChannelClient } from './channel-clients';
export { usePaymentsBaseUrl } from './channel-settings';
export { chargeAgreement } from './charge-agreement';
export { closePayment } from './close-payment';
export { decideRefund } from './decide-refund';
export {
  type AuthorisationDeps,
  type AuthorisationOperation,
  type AuthorisationResult,
  type AuthoriseDepositRequest,
  type CaptureRequest,
  type DepositAuthorisation,
  getAuthorisation,
  type ReleaseRequest,
} from './deposit-authorisations';
export { PaymentsErrors } from './errors';
export { type PaymentsEventPayloads, PaymentsEvents, type PaymentsEventType } from './events';
export { PaymentsLimits } from './limits';
export { paymentsModule } from './module';
export { payInSandbox } from './pay-in-sandbox';
export {
  createPaymentOrder,
  findOpenPaymentOrder,
  findPaymentOrderByTransfer,
  getPaymentOrder,
  type NewPaymentOrder,
  type PaymentOrder,
} from './payment-orders';
export { paymentsOfReferences } from './payments-of-references';
export { type PaymentsSettings, readPaymentsSettings } from './payments-settings';
export { refreshAgreement } from './refresh-agreement';
export { getRefund, type Refund } from './refunds';
export { releaseAuthorisation } from './release-authorisation';
export { openSignPage, requestAgreement } from './request-agreement';
export { requestRefund } from './request-refund';
export {
  type AgreementState,
  type AuthorisationInstrumentName,
  type AuthorisationState,
  agreementStates,
  authorisationInstruments,
  authorisationStates,
  type PaymentChannelName,
  type PaymentState,
  paymentChannels,
  paymentStates,
  type RefundState,
  refundStates,
} from './schema';
export { sendAgreementCharges } from './send-agreement-charges';
export { sendRefund } from './send-refund';
export { startPayment } from './start-payment';
export { submitPayment } from './submit-payment';
export { unsignAgreement } from './unsign-agreement';
export {
  type AuthorisationClient,
  assertWalletCanHold,
  holdDepositOnWallet,
  type WalletInstrument,
  walletAvailableMinor,
  walletCaptureCode,
  walletHoldCode,
  walletInstrument,
} from './wallet-holds';
