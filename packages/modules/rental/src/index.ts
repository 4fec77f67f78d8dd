// The public face of the rental module: the only file other modules may import. Phase 1 is the pure
// core (quotes, priced exits, faults, inspection, the order machine, timers); the use cases, tables
// and routes build on these.

export { buyOutOrder, completeBuyout, onBillPaid } from './buy-out-order';
export { cancelOrder } from './cancel-order';
export { type SettleDeps, settleInspectionDeposit, settleInspections, settlementOf } from './capture-deposit';
export {
  type CarrierClaimPaymentRow,
  type CarrierClaimRow,
  claimValueOf,
  decideClaimWriteOff,
  fileCarrierClaim,
  outstandingOf,
  recordClaimPayment,
  requestClaimWriteOff,
} from './carrier-claims';
export { type CheckoutInput, loadCheckoutItem, priceCheckout } from './checkout-quote';
export { closeSettledOrders } from './close-settled-orders';
export { completeFault } from './complete-fault';
export {
  type CustomerAction,
  type CustomerState,
  customerActionList,
  customerActions,
  customerActionTransitions,
  customerStateOf,
  customerStates,
  customerStateText,
} from './customer-states';
export {
  type DamagePrice,
  type DamagePriceItem,
  type DamagePriceList,
  damagePriceListSchema,
  damageUnitPriceMinor,
  defaultDamagePriceList,
  parseDamagePriceList,
} from './damage-price-list';
export type { RentalDeps } from './deps';
export { diagnoseFault } from './diagnose-fault';
export { disputeInspection } from './dispute-inspection';
export { draftOrderContract } from './draft-order-contract';
export {
  autoDebitAttemptDue,
  type BillReminder,
  isUnpaidOrderExpired,
  reminderDue,
  unpaidOrderDeadline,
} from './due-timers';
export { RentalErrors } from './errors';
export { RentalEvents } from './events';
export {
  type ExitQuote,
  type ExitQuoteContext,
  type ExitQuoteKind,
  exitQuoteValidUntil,
  isoInZone,
  isQuoteValid,
  type QuoteLine,
  type RentalAgreement,
  remainingPeriods,
} from './exit-quote';
export { expireUnpaidOrders } from './expire-unpaid-orders';
export { type FaultCredit, type FaultInterval, faultCredits, faultInterval } from './fault-credit';
export { type FaultRow, type FaultView, listOrderFaults, presentFault } from './faults';
export { type InspectReturnOptions, inspectReturn } from './inspect-return';
export { depositHold, type InspectionRow, inspectionOfOrder, priceListFor, priceReturn } from './inspections';
export { RentalLimits } from './limits';
export { recordLostOutboundParcel } from './lost-outbound-parcel';
export { rentalDeps, rentalModule } from './module';
export {
  type AfterSaleKind,
  afterSaleKinds,
  finalOrderStates,
  type OrderAction,
  type OrderActor,
  type OrderFact,
  type OrderGuard,
  type OrderState,
  type OrderTransition,
  orderActions,
  orderFacts,
  orderStates,
  orderTransitions,
  transitionFor,
  transitionsFrom,
} from './order-machine';
export { rentalOrderNames } from './order-names';
export { type OrderOutcome, readOrderOutcome } from './order-outcome';
export { type PlacedOrder, type PlaceOrderInput, placeOrder, prepareOrder } from './place-order';
export {
  type AddOnCode,
  assertPlanTerms,
  dayTermCounts,
  monthTermCounts,
  type PlanAddOn,
  type RentalPlanTerms,
  type TermUnit,
} from './plan-terms';
export { type BuyoutOptions, quoteBuyout } from './quote-buyout';
export { earlyReturnPeriodsCap, quoteEarlyReturn, shortTermMonthsMax } from './quote-early-return';
export { agreementOf, quoteExit, type StoredExitQuote, takeExitQuote } from './quote-exit';
export { quoteRenewal, type RenewalQuote } from './quote-renewal';
export {
  applyDiscounts,
  type DepositWaiver,
  type Discount,
  type DiscountTarget,
  type QuotePeriod,
  type QuoteRentalOptions,
  quoteRental,
  type RentalQuote,
  waivedMinor,
} from './quote-rental';
export { listOrdersFirstEntering, type OrderEntry } from './read-ended-orders';
export { getOrder, listOrders, type OrderView } from './read-orders';
export { receiveFaultyUnit } from './receive-faulty-unit';
export { completeRenewal, renewOrder } from './renew-order';
export {
  type BuildRentScheduleOptions,
  buildRentSchedule,
  contractedMonths,
  type Renewal,
  type RentPeriod,
  renewalDayCounts,
  renewalMonthCounts,
  rentStartDate,
  scheduleOf,
  termEndDate,
} from './rent-schedule';
export { recordDelivery, recordPayment, shipOrder } from './rent-steps';
export { billDuePeriods, runRentTick, startRents } from './rent-tick';
export { rentalTimers } from './rental-settings';
export { reportFault } from './report-fault';
export { residualValueMinor, wholeMonthsBetween } from './residual-value';
export { resolveFaultWithoutRepair } from './resolve-fault';
export { pickupSlots, type ReturnPickup, returnOrder } from './return-order';
export {
  type DepositSettlement,
  type InspectionCharge,
  type InspectionFinding,
  type InspectionGrade,
  inspectionGrades,
  type PriceInspectionOptions,
  priceInspection,
  settleDeposit,
  settleInspection,
} from './settle-inspection';
export { shipRepairedPhone } from './ship-repaired-phone';
export { onContractSigned, recordSignature, signOrder } from './sign-order';
export { startFaultRepair } from './start-fault-repair';
export { startFaultSwap } from './start-fault-swap';
export { type Locale, locales, type Text } from './text';
export {
  defaultRentalTimers,
  type ExitQuoteValidity,
  parseRentalTimers,
  type RentalTimers,
  rentalTimersSchema,
} from './timers';
export {
  type OrderEvent,
  type OrderSnapshot,
  OrderTransitionError,
  type TransitionResult,
  transition,
} from './transition-order';
