import type { TFunction } from 'i18next';
// What the logistics pages share: the state and direction tags, and a shipment's tracking timeline.

import { keysOf } from '@zulin/web';
import { Empty, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useInstantFormatter } from '../../hooks';
import type { ShipmentDirection, ShipmentState, TrackingEvent } from '../../shipments-api';

export const STATE_COLOURS: Record<ShipmentState, string> = {
  created: 'default',
  picked_up: 'processing',
  in_transit: 'processing',
  out_for_delivery: 'cyan',
  delivered: 'success',
  exception: 'error',
  returned: 'warning',
  cancelled: 'default',
  lost: 'magenta',
};
export const SHIPMENT_STATES = keysOf(STATE_COLOURS);

export function ShipmentStateTag({ state }: { state: ShipmentState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOURS[state]}>{t(`logistics.states.${state}`)}</Tag>;
}

export function DirectionTag({ direction }: { direction: ShipmentDirection }) {
  const { t } = useTranslation();
  return <Tag color={direction === 'return' ? 'purple' : 'blue'}>{t(`logistics.directions.${direction}`)}</Tag>;
}

/** The carrier's scans, newest first, each with its time, place and description in the console's language. */
export function TrackingTimeline({ events }: { events: TrackingEvent[] }) {
  const { t, i18n } = useTranslation();
  const format = useInstantFormatter();
  if (events.length === 0) return <Empty description={t('logistics.detail.noEvents')} />;
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <Timeline
      data-testid="tracking-timeline"
      items={[...events].reverse().map((event, index) => ({
        color: index === 0 ? (STATE_COLOURS[event.state] === 'error' ? 'red' : 'green') : 'gray',
        children: (
          <div>
            <Typography.Text strong>{event.description[lang]}</Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {format(new Date(event.occurredAt).toISOString())} · {event.location} ·{' '}
                <ShipmentStateTag state={event.state} />
              </Typography.Text>
            </div>
            {event.signedBy ? (
              <Typography.Text type="secondary">
                {t('logistics.detail.signedBy', { name: event.signedBy })}
              </Typography.Text>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}

/** The carriers the console names (the codes logistics' adapters use). */
export const CARRIERS = ['sandbox_express', 'store_pickup'] as const;

/** A carrier's name in the console's language (its code when it is one the console does not know). */
export function carrierNameOf(t: TFunction, code: string): string {
  return (CARRIERS as readonly string[]).includes(code)
    ? t(`logistics.carriers.${code as (typeof CARRIERS)[number]}`)
    : code;
}

export function CarrierName({ code }: { code: string }) {
  const { t } = useTranslation();
  return carrierNameOf(t, code);
}

const PROBLEMS = [
  'INVENTORY_UNIT_SKU_MISMATCH',
  'INVENTORY_UNIT_UNAVAILABLE',
  'INVENTORY_UNIT_NOT_FOUND',
  'INVENTORY_IMEI_INVALID',
  'RENTAL_TRANSITION_NOT_ALLOWED',
  'INSTALLMENT_ORDER_NOT_SHIPPABLE',
  'INSTALLMENT_ADDRESS_MISSING',
] as const;

export function isShipProblem(code: string | undefined): code is (typeof PROBLEMS)[number] {
  return code !== undefined && (PROBLEMS as readonly string[]).includes(code);
}
