// The public face of the payments module: the only file other modules may import.
export { fenToMinor, minorToYuan, yuanToMinor } from './channel-amounts';
export { PaymentsErrors } from './errors';
export { PaymentsLimits } from './limits';
export { paymentsModule } from './module';
