// The public face of the payments module: the only file other modules may import.

export type { AgreementChannelClient } from './agreement-clients';
export {
  type Agreement,
  type AgreementDeps,
  chargeAgreement,
  getAgreement,
  refreshAgreement,
  requestAgreement,
  sendAgreementCharges,
  unsignAgreement,
} from './agreements';
export type { AuthorisationChannelClient } from './authorisation-clients';
export { fenToMinor, minorToYuan, yuanToMinor } from './channel-amounts';
export { agreementChannelClient, authorisationChannelClient, paymentChannelClient } from './channel-client-of';
export type { ChannelCall, ChannelTrade, PaymentChannelClient } from './channel-clients';
export { closePayment } from './close-payment';
export {
  type AuthorisationDeps,
  type AuthorisationOperation,
  type AuthorisationResult,
  type AuthoriseDepositRequest,
  authoriseDeposit,
  type CaptureRequest,
  captureFromAuthorisation,
  type DepositAuthorisation,
  getAuthorisation,
  type ReleaseRequest,
  releaseAuthorisation,
} from './deposit-authorisations';
export { PaymentsErrors } from './errors';
export { type PaymentsEventPayloads, PaymentsEvents, type PaymentsEventType } from './events';
export { PaymentsLimits } from './limits';
export { paymentsModule } from './module';
export { getPaymentOrder, type NewPaymentOrder, type PaymentOrder } from './payment-orders';
export { decideRefund, getRefund, type Refund, requestRefund, sendRefund } from './refunds';
export {
  type AgreementState,
  type AuthorisationState,
  agreementStates,
  authorisationStates,
  type PaymentChannelName,
  type PaymentState,
  paymentChannels,
  paymentStates,
  type RefundState,
  refundStates,
} from './schema';
export { startPayment } from './start-payment';
