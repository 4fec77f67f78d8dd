// Carriers named as people read them, from the code a shipment records (`sandbox_express`,
// `store_pickup`): the name each carrier adapter gives itself. For reads that name a shipment's
// carrier without an adapter at hand — feedback's analysis and its CSV export (issue #16). A code no
// adapter of this build knows is answered as it is.
import type { Locale, Text } from './carrier';
import { sandboxCarrierName } from './sandbox-carrier';
import { sandboxCarrierCode } from './sandbox-wire';
import { storePickupCarrierCode, storePickupCarrierName } from './store-pickup';

const carrierNames: Readonly<Record<string, Text>> = Object.freeze({
  [sandboxCarrierCode]: sandboxCarrierName,
  [storePickupCarrierCode]: storePickupCarrierName,
});

/** The carrier's name in `locale` ("Zulin 沙箱快递", "门店自提"); an unknown code as it is. */
export function carrierName(code: string, locale: Locale): string {
  return Object.hasOwn(carrierNames, code) ? (carrierNames[code]?.[locale] ?? code) : code;
}
