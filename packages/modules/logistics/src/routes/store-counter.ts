// Store pick-up (门店自提): the stores (public for the checkout, and the console's list) and the store
// counter — the parcels at a store, the arrival scan (the customer gets the pick-up code), the
// hand-over with the customer's code (counted tries, platform one-time codes) and a new code.
import { staffOf } from '@zulin/identity';
import { command, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { StoreParcelPageSchema } from '../api-schemas';
import { arriveAtStore } from '../arrive-at-store';
import { claimPickupTry, handOverParcel } from '../hand-over-parcel';
import { listPickupStores } from '../pickup-stores';
import { reissuePickupCode } from '../reissue-pickup-code';
import { getStoreParcel, listStoreParcels, type StoreCounterDeps } from '../store-parcels';

const store = { auth: { permission: 'logistics.store' as const } };
const WaybillParams = Type.Object({ waybillNo: Type.String({ pattern: '^ZT[0-9]{9}CN$', description: 'ZT…CN' }) });
const StoreList = Type.Object({ data: Type.Array(Ref('PickupStore')) });

export const storeCounterRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;
  const deps: StoreCounterDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };

  app.get(
    '/v1/pickup-stores',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['pickup stores'],
        summary: 'Our pick-up stores (门店自提) with their addresses and opening hours, for the checkout',
        response: { 200: StoreList },
      },
    },
    async () => ({ data: await listPickupStores(db) }),
  );

  app.get(
    '/v1/admin/pickup-stores',
    {
      config: { auth: { permission: 'logistics.read' } },
      schema: { tags: ['pickup stores (admin)'], summary: 'The pick-up stores', response: { 200: StoreList } },
    },
    async () => ({ data: await listPickupStores(db) }),
  );

  app.get(
    '/v1/admin/store-parcels',
    {
      config: store,
      schema: {
        tags: ['pickup stores (admin)'],
        summary: 'Parcels at the stores’ counters, newest first, optionally of one store',
        querystring: Type.Object({ storeCode: Type.Optional(Type.String({ maxLength: 32 })), ...PageQuery }),
        response: { 200: StoreParcelPageSchema },
      },
    },
    async (request) => listStoreParcels(db, request.query),
  );

  app.get(
    '/v1/admin/store-parcels/:waybillNo',
    {
      config: store,
      schema: {
        tags: ['pickup stores (admin)'],
        summary: 'One parcel at a store, with its counter scans',
        params: WaybillParams,
        response: { 200: Ref('StoreParcel') },
      },
    },
    async (request) => getStoreParcel(db, request.params.waybillNo),
  );

  app.post(
    '/v1/admin/store-parcels/:waybillNo/arrive',
    {
      config: store,
      schema: {
        tags: ['pickup stores (admin)'],
        summary: 'Scan a parcel from the warehouse as arrived: on the shelf, the customer gets the pick-up code',
        description: '409 LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED when it arrived already or is a return.',
        params: WaybillParams,
        response: { 200: Ref('StoreParcel') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        arriveAtStore(tx, deps, { waybillNo: request.params.waybillNo, staffId: staffOf(request).staffId }),
      ),
  );

  app.post(
    '/v1/admin/store-parcels/:waybillNo/hand-over',
    {
      config: store,
      schema: {
        tags: ['pickup stores (admin)'],
        summary: 'Hand the parcel over to the customer, who tells the 6-digit pick-up code',
        description:
          '422 LOGISTICS_PICKUP_CODE_INVALID (tries left in detail); 409 LOGISTICS_PICKUP_CODE_LOCKED after 5 wrong ' +
          'codes (issue a new one); 409 LOGISTICS_PICKUP_CODE_EXPIRED without a live code; 409 ' +
          'LOGISTICS_STORE_PARCEL_NOT_WAITING when the parcel is not on the shelf.',
        params: WaybillParams,
        body: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false }),
        response: { 200: Ref('StoreParcel') },
      },
    },
    async (request, reply) => {
      const staffId = staffOf(request).staffId;
      const { waybillNo } = request.params;
      await getStoreParcel(db, waybillNo);
      const attempt = await claimPickupTry(ctx.database, deps, { waybillNo });
      return command(ctx, request, reply, {}, (tx) =>
        handOverParcel(tx, deps, { waybillNo, code: request.body.code, attempt, staffId }),
      );
    },
  );

  app.post(
    '/v1/admin/store-parcels/:waybillNo/reissue-code',
    {
      config: store,
      schema: {
        tags: ['pickup stores (admin)'],
        summary: 'Send the customer a new pick-up code (the old one stops counting)',
        params: WaybillParams,
        response: { 200: Ref('StoreParcel') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) => reissuePickupCode(tx, deps, { waybillNo: request.params.waybillNo })),
  );
};
