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
  LOGISTICS_PICKUP_CODE_LOCKED: {
    status: 409,
    title: 'Too many wrong pick-up codes: the code is locked, issue a new one to the customer',
  },
  LOGISTICS_PICKUP_CODE_EXPIRED: { status: 409, title: 'No live pick-up code for this parcel: issue a new one' },
  LOGISTICS_PICKUP_CODE_SEND_LIMIT: { status: 429, title: 'Too many pick-up codes for this parcel today' },
  LOGISTICS_PICKUP_STORE_NOT_FOUND: { status: 422, title: 'No such pick-up store' },
  LOGISTICS_STORE_PARCEL_NOT_FOUND: { status: 404, title: 'No such parcel at our stores' },
  LOGISTICS_STORE_PARCEL_NOT_WAITING: { status: 409, title: 'The parcel is not waiting on the shelf' },
  LOGISTICS_CARRIER_UNSUPPORTED: { status: 422, title: 'This carrier does not offer that service' },
  LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED: { status: 409, title: 'The shipment cannot move to that state' },
  LOGISTICS_WEBHOOK_REPLAYED: { status: 409, title: 'Carrier webhook already received' },
  LOGISTICS_WEBHOOK_BODY_INVALID: { status: 400, title: 'Carrier webhook body is not valid' },
  LOGISTICS_SHIPMENT_NOT_FOUND: { status: 404, title: 'Shipment not found' },
  LOGISTICS_SHIPMENT_NOT_OUTBOUND: { status: 409, title: 'Only an outbound parcel can be confirmed lost here' },
  LOGISTICS_SHIPMENT_NOT_RETURN: { status: 409, title: 'Only a return parcel can be confirmed lost here' },
  LOGISTICS_LOST_REASON_INVALID: { status: 422, title: 'Say why the parcel is lost (2–200 characters)' },
  LOGISTICS_SETTINGS_INVALID: { status: 422, title: 'The logistics settings are not valid' },
  LOGISTICS_CARRIER_UNCONFIGURED: { status: 503, title: 'No carrier is configured for shipping' },
});
