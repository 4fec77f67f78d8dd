// The logistics module's stable error codes.
import { defineErrors } from '@zulin/kernel';

export const LogisticsErrors = defineErrors({
  LOGISTICS_ADDRESS_INVALID: { status: 422, title: 'The address is not complete' },
  LOGISTICS_PARCEL_INVALID: { status: 422, title: 'The parcel is not valid' },
  LOGISTICS_WAYBILL_INVALID: { status: 422, title: 'Not a waybill number of this carrier' },
  LOGISTICS_WAYBILL_NOT_FOUND: { status: 404, title: 'Waybill not found' },
  LOGISTICS_CANCEL_TOO_LATE: { status: 409, title: 'The parcel has been picked up; it can no longer be cancelled' },
  LOGISTICS_PICKUP_WINDOW_INVALID: { status: 422, title: 'The pick-up window is not one the carrier offers' },
  LOGISTICS_PICKUP_CODE_INVALID: { status: 422, title: 'The pick-up code does not match' },
  LOGISTICS_CARRIER_UNSUPPORTED: { status: 422, title: 'This carrier does not offer that service' },
  LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED: { status: 409, title: 'The shipment cannot move to that state' },
  LOGISTICS_WEBHOOK_REPLAYED: { status: 409, title: 'Carrier webhook already received' },
  LOGISTICS_WEBHOOK_BODY_INVALID: { status: 400, title: 'Carrier webhook body is not valid' },
  LOGISTICS_SHIPMENT_NOT_FOUND: { status: 404, title: 'Shipment not found' },
  LOGISTICS_CARRIER_UNCONFIGURED: { status: 503, title: 'No carrier is configured for shipping' },
});
