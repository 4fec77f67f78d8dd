// The public face of the logistics module: the only file other modules may import. Phase 1: the
// carrier adapter interface, the shipment machine, the sandbox courier and store pick-up. Phase 2: the
// shipments table, the carriers' webhook (inbox), the sandbox's timed pushes and the console's reads.

export { checkAddress, fullAddressLine, maskName, maskPhone } from './address';
export { AddressBody, ShipmentDetailInline } from './api-schemas';
export { type ApplyReport, applyCarrierEvents } from './apply-tracking';
export { arriveAtStore } from './arrive-at-store';
export { beijingIso, beijingWallTime, parseBeijingWallTime } from './beijing-time';
export { cancelShipment, liveShipmentOf, withdrawWaybill } from './cancel-shipment';
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
export { carrierName } from './carrier-names';
export {
  dispatchContact,
  logisticsAdapterStatuses,
  sandboxCarrierSecret,
  shippingCarrier,
  unconfiguredCarrier,
  warehouseAddress,
} from './carriers';
export { nextCollectionWindow } from './collection-window';
export { confirmShipmentLost } from './confirm-shipment-lost';
export { LogisticsErrors } from './errors';
export { LogisticsEvents } from './events';
export { flagSilentParcels, silentSince } from './flag-silent-parcels';
export { claimPickupTry, handOverParcel, type PickupTry } from './hand-over-parcel';
export { type LabelContent, renderLabelPdf, spacedWaybillNo } from './label-pdf';
export { LogisticsLimits } from './limits';
export {
  defaultLostParcelSettings,
  type LostParcelSettings,
  lostParcelSettings,
} from './logistics-settings';
export { logisticsModule, useSandboxCourierPoster } from './module';
export { orderTracking, type TrackedEvent, type TrackedParcel } from './order-tracking';
export {
  demoPickupStores,
  getPickupStore,
  listPickupStores,
  type PickupStoreView,
  seedPickupStores,
  storePickupCarrier,
} from './pickup-stores';
export { recordShipment } from './record-shipment';
export { reissuePickupCode } from './reissue-pickup-code';
export { returnUncollectedParcels } from './return-uncollected-parcels';
export {
  SandboxCarrier,
  type SandboxCarrierStore,
  type SandboxParcel,
  sandboxEventsUntil,
  sandboxPlan,
  sandboxService,
} from './sandbox-carrier';
export { type PushPoster, pushSandboxScans } from './sandbox-push';
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
export type { LostSettlement, ShipmentSummary, SuspectedLostReason } from './schema';
export { settleLostShipment } from './settle-lost-shipment';
export {
  type ApplyOutcome,
  applyTrackingEvent,
  canMoveShipment,
  deadShipmentStates,
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
export {
  getShipment,
  listShipments,
  loadShipment,
  type ShipmentDetail,
  type ShipmentQuery,
  type ShipmentRow,
  type ShipmentView,
  shipmentsOfOrder,
} from './shipments';
export { sortCodeFor } from './sort-code';
export {
  getStoreParcel,
  listStoreParcels,
  pickupCodePolicy,
  type StoreCounterDeps,
  type StoreParcelView,
  shelfEnd,
} from './store-parcels';
export {
  nextStoreScans,
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
