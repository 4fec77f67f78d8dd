// The logistics pages' data: the shipping desk's queue (paid orders waiting to ship), shipping one
// with a scanned IMEI, the shipments (outbound and returns) with their tracking, and a label's PDF.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api } from './api';
import { unwrap, useCursorPages } from './ledger-api';

export type Shipment = components['schemas']['Shipment'];
export type ShipmentDetail = components['schemas']['ShipmentDetail'];
export type TrackingEvent = components['schemas']['TrackingEvent'];
export type ShipmentState = Shipment['state'];
export type ShipmentDirection = Shipment['direction'];
export type ShipmentQuery = NonNullable<paths['/v1/admin/shipments']['get']['parameters']['query']>;
type RentalQueueEntry =
  paths['/v1/admin/shipments/queue']['get']['responses'][200]['content']['application/json']['data'][number];
type InstallmentQueueEntry =
  paths['/v1/admin/installment-orders/shipping-queue']['get']['responses'][200]['content']['application/json']['data'][number];
/** What the desk ships: a rental order or an installment order (each module ships its own). */
export type OrderKind = 'rental' | 'installment';
/** One row of the desk: rental's and installment's queues read the same way. */
export interface QueueEntry {
  kind: OrderKind;
  orderId: string;
  /** When the order was paid (a rental's instant; an installment order's day, at its start). */
  paidAt: string | null;
  skuId: string;
  product: string;
  recipientName: string | null;
  recipientPhone: string | null;
  city: string | null;
  reservedUnitId: string | null;
  reservedImei: string | null;
}
export type ShipResult = Pick<
  paths['/v1/admin/shipments']['post']['responses'][201]['content']['application/json'],
  'shipment'
>;

const fromRental = (e: RentalQueueEntry): QueueEntry => ({ kind: 'rental', ...e });
const fromInstallment = ({ activatedOn, ...e }: InstallmentQueueEntry): QueueEntry => ({
  kind: 'installment',
  paidAt: activatedOn,
  ...e,
});

const PAGE_SIZE = 50;
const KEY = ['admin', 'shipments'] as const;

/** Both queues, oldest paid first: rental orders and installment orders waiting to ship. */
export function useShippingQueue() {
  return useQuery({
    queryKey: [...KEY, 'queue'],
    queryFn: async () => {
      const [rentals, installments] = await Promise.all([
        unwrap(api.GET('/v1/admin/shipments/queue')),
        unwrap(api.GET('/v1/admin/installment-orders/shipping-queue')),
      ]);
      const data = [...rentals.data.map(fromRental), ...installments.data.map(fromInstallment)].sort((a, b) =>
        (a.paidAt ?? '').localeCompare(b.paidAt ?? ''),
      );
      return { data };
    },
  });
}

export function useShipments(filters: Omit<ShipmentQuery, 'limit' | 'cursor'>) {
  return useCursorPages({
    queryKey: [...KEY, 'list', filters],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/shipments', {
          params: { query: { limit: PAGE_SIZE, ...filters, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useShipment(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    enabled: id !== undefined,
    queryFn: () => unwrap(api.GET('/v1/admin/shipments/{id}', { params: { path: { id: id as string } } })),
  });
}

export function useShipOrder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: { kind: OrderKind; orderId: string; imei: string }): Promise<ShipResult> =>
      body.kind === 'rental'
        ? unwrap(api.POST('/v1/admin/shipments', { body: { orderId: body.orderId, imei: body.imei } }))
        : unwrap(
            api.POST('/v1/admin/installment-orders/{id}/ship', {
              params: { path: { id: body.orderId } },
              body: { imei: body.imei },
            }),
          ),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

/** The label needs the bearer token: fetched through the client and opened as a blob in a new tab. */
export async function openLabel(shipmentId: string): Promise<void> {
  const blob = await unwrap(
    api.GET('/v1/admin/shipments/{id}/label.pdf', { params: { path: { id: shipmentId } }, parseAs: 'blob' }),
  );
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The desk's 丢失处理 card: outbound parcels still waiting for a decision — flagged as possibly lost, or
 * confirmed lost and neither re-shipped (补发) nor cancelled (those leave the list).
 */
export function useLostParcels() {
  return useQuery({
    queryKey: [...KEY, 'lost'],
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/v1/admin/shipments', { params: { query: { awaitingLostDecision: true, limit: PAGE_SIZE } } }),
        )
      ).data,
  });
}

export function useConfirmLost() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; reason: string }) =>
      unwrap(
        api.POST('/v1/admin/shipments/{id}/confirm-lost', {
          params: { path: { id: v.id } },
          body: { reason: v.reason },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useReship() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; imei: string }) =>
      unwrap(api.POST('/v1/admin/shipments/{id}/reship', { params: { path: { id: v.id } }, body: { imei: v.imei } })),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useCancelLostOrder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; reason: string }) =>
      unwrap(
        api.POST('/v1/admin/shipments/{id}/cancel-order', {
          params: { path: { id: v.id } },
          body: { reason: v.reason },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export type LostParcelSettingsView = components['schemas']['LostParcelSettings'];

/** The days without a scan before a parcel is flagged as suspected lost (beside the rental timers). */
export function useLostParcelSettings() {
  return useQuery({
    queryKey: [...KEY, 'lost-settings'],
    queryFn: () => unwrap(api.GET('/v1/admin/lost-parcel-settings')),
  });
}

export function useSaveLostParcelSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { suspectedLostAfterDays: number }) =>
      unwrap(api.PUT('/v1/admin/lost-parcel-settings', { body })),
    onSuccess: (saved) => client.setQueryData([...KEY, 'lost-settings'], saved),
  });
}
