// The public face of the payments module: the only file other modules may import.
export { fenToMinor, minorToYuan, yuanToMinor } from './channel-amounts';
export { paymentChannelClient } from './channel-client-of';
export type { ChannelCall, ChannelTrade, PaymentChannelClient } from './channel-clients';
export { closePayment } from './close-payment';
export { PaymentsErrors } from './errors';
export { type PaymentsEventPayloads, PaymentsEvents, type PaymentsEventType } from './events';
export { PaymentsLimits } from './limits';
export { paymentsModule } from './module';
export { getPaymentOrder, type NewPaymentOrder, type PaymentOrder } from './payment-orders';
export { type PaymentChannelName, type PaymentState, paymentChannels, paymentStates } from './schema';
export { startPayment } from './start-payment';
