// The public face of the logistics module: the only file other modules may import. Phase 1 is the
// carrier adapter interface, the shipment machine, the sandbox courier and store pick-up; the
// shipments table, the webhook route and the sandbox's timed pushes come with phase 2.
export { checkAddress, fullAddressLine, maskName, maskPhone } from './address';
export { beijingIso, beijingWallTime, parseBeijingWallTime } from './beijing-time';
export type {
  Address,
  CarrierAdapter,
  CreateWaybillRequest,
  ExceptionReason,
  Parcel,
  PickupBooking,
  PickupRequest,
  ReplayGuard,
  ShipmentDirection,
  TrackingEvent,
  VerifiedWebhook,
  Waybill,
  WebhookRequest,
} from './carrier';
export { LogisticsErrors } from './errors';
export { type LabelContent, renderLabelPdf, spacedWaybillNo } from './label-pdf';
export { LogisticsLimits } from './limits';
export {
  SandboxCarrier,
  type SandboxCarrierStore,
  type SandboxParcel,
  sandboxEventsUntil,
  sandboxPlan,
  sandboxService,
} from './sandbox-carrier';
export {
  knobsFromRemark,
  noKnobs,
  planSandboxEvents,
  type SandboxKnobs,
  type SandboxOpCode,
  type SandboxWireEvent,
} from './sandbox-tracking';
export {
  parseSandboxPush,
  sandboxCarrierCode,
  sandboxHeaders,
  sandboxPushRequest,
  toTrackingEvent,
} from './sandbox-wire';
export {
  type ApplyOutcome,
  applyTrackingEvent,
  canMoveShipment,
  deliveredAt,
  finalShipmentStates,
  firstScanAt,
  moveShipment,
  newShipmentTrack,
  type ShipmentState,
  type ShipmentTrack,
  shipmentStates,
  shipmentTransitions,
} from './shipment-states';
export { sortCodeFor } from './sort-code';
export {
  type PickupStore,
  type StoreParcel,
  type StoreParcelStore,
  StorePickupCarrier,
  type StoreScan,
  storePickupCarrierCode,
  storePickupService,
  storeScans,
} from './store-pickup';
export { isS10Number, parseS10Number, s10CheckDigit, s10Number } from './waybill-number';
export { signWebhook, verifyWebhookSignature } from './webhook-signature';
