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
export type QueueEntry =
  paths['/v1/admin/shipments/queue']['get']['responses'][200]['content']['application/json']['data'][number];
export type ShipResult = paths['/v1/admin/shipments']['post']['responses'][201]['content']['application/json'];

const PAGE_SIZE = 50;
const KEY = ['admin', 'shipments'] as const;

export function useShippingQueue() {
  return useQuery({ queryKey: [...KEY, 'queue'], queryFn: () => unwrap(api.GET('/v1/admin/shipments/queue')) });
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
    mutationFn: (body: { orderId: string; imei: string }) => unwrap(api.POST('/v1/admin/shipments', { body })),
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
