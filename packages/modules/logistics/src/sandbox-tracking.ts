// How a sandbox parcel travels, as a national courier's scans would show it: collected by the
// courier, departs the origin hub, arrives at the destination hub, out for delivery, signed for.
// Knobs, read from the waybill's remark (备注) the way a payment sandbox reads magic card numbers,
// make it misbehave: `#delay=N` (N days late, flagged as a delay), `#fail-once` (the first delivery
// fails: nobody answers), `#refuse` (the recipient refuses it and it goes back), `#lose` (it vanishes
// after leaving the origin hub). The plan is a pure function of the parcel, so polling, webhooks and
// tests all see the same story; what has "happened" is what is planned up to now.
import { assert } from '@zulin/kernel';
import { addDaysToDate, beijingDate, beijingInstant, beijingWallTime } from './beijing-time';
import type { Waybill } from './carrier';
import { LogisticsLimits } from './limits';

export interface SandboxKnobs {
  delayDays: number;
  failFirstDelivery: boolean;
  refuse: boolean;
  lose: boolean;
}

export const noKnobs: SandboxKnobs = Object.freeze({
  delayDays: 0,
  failFirstDelivery: false,
  refuse: false,
  lose: false,
});

export function knobsFromRemark(remark: string): SandboxKnobs {
  const delay = /#delay=([0-9]{1,2})\b/.exec(remark);
  return {
    delayDays: Math.min(Number(delay?.[1] ?? 0), LogisticsLimits.sandboxDelayDaysMax),
    failFirstDelivery: /#fail-once\b/.test(remark),
    refuse: /#refuse\b/.test(remark),
    lose: /#lose\b/.test(remark),
  };
}

/** The sandbox courier's own operation codes, as they appear on its wire. */
export type SandboxOpCode =
  | 'COLLECTED'
  | 'DEPARTED'
  | 'ARRIVED'
  | 'DELAYED'
  | 'LOST'
  | 'DELIVERING'
  | 'FAILED'
  | 'SIGNED'
  | 'RETURNING'
  | 'RETURNED';

/** One scan as the sandbox courier sends it (Beijing wall time, Chinese remark). */
export interface SandboxWireEvent {
  eventId: string;
  waybillNo: string;
  orderRef: string;
  opCode: SandboxOpCode;
  opTime: string;
  city: string;
  remark: string;
  /** FAILED: NO_ANSWER or REFUSED. */
  reason?: 'NO_ANSWER' | 'REFUSED';
  signer?: string;
}

export function planSandboxEvents(options: {
  waybill: Waybill;
  pickedUpAt: Date;
  knobs: SandboxKnobs;
}): SandboxWireEvent[] {
  const { waybill, pickedUpAt, knobs } = options;
  const from = waybill.sender.city;
  const to = waybill.recipient.city;
  // A deterministic "random" minute per parcel, so two parcels do not scan in lockstep.
  const jitter = Number(waybill.waybillNo.slice(2, 10)) % 37;
  const events: SandboxWireEvent[] = [];
  const add = (opCode: SandboxOpCode, at: Date, city: string, remark: string, more: Partial<SandboxWireEvent> = {}) => {
    const eventId = `${waybill.waybillNo}-${String(events.length + 1).padStart(2, '0')}`;
    events.push({
      eventId,
      waybillNo: waybill.waybillNo,
      orderRef: waybill.orderRef,
      opCode,
      opTime: beijingWallTime(at),
      city,
      remark,
      ...more,
    });
  };
  add('COLLECTED', pickedUpAt, from, `【${from}】快件已由快递员揽收`);
  const departedAt = new Date(pickedUpAt.getTime() + 3 * 3_600_000);
  add('DEPARTED', departedAt, from, `快件已从【${from}转运中心】发出，下一站【${to}转运中心】`);
  if (knobs.lose) {
    add('LOST', new Date(departedAt.getTime() + 3 * 86_400_000), from, '快件在运输途中遗失，已启动理赔');
    return increasing(events);
  }
  const day0 = beijingDate(pickedUpAt);
  if (knobs.delayDays > 0) {
    add(
      'DELAYED',
      beijingInstant(addDaysToDate(day0, 1), 7, jitter),
      from,
      `因天气原因快件延误，预计晚 ${knobs.delayDays} 天送达`,
    );
  }
  const transitDays = (waybill.sender.province === waybill.recipient.province ? 1 : 2) + knobs.delayDays;
  let day = addDaysToDate(day0, transitDays);
  add('ARRIVED', beijingInstant(day, 5, 30 + (jitter % 20)), to, `快件已到达【${to}转运中心】`);
  const courier = `派件员：李师傅，电话：1380013${String(8000 + jitter).padStart(4, '0')}`;
  add('DELIVERING', beijingInstant(day, 8, 30 + (jitter % 25)), to, `【${to}】快件正在派送中，${courier}`);
  if (knobs.refuse) {
    add('FAILED', beijingInstant(day, 10, jitter), to, '收件人拒收，快件将退回寄件人', { reason: 'REFUSED' });
    add('RETURNING', beijingInstant(addDaysToDate(day, 1), 6, jitter), to, `快件已从【${to}转运中心】发出，退回寄件人`);
    add('RETURNED', beijingInstant(addDaysToDate(day, 1 + transitDays), 15, jitter), from, '快件已退回寄件人并签收', {
      signer: '寄件人',
    });
    return increasing(events);
  }
  if (knobs.failFirstDelivery) {
    add('FAILED', beijingInstant(day, 11, jitter), to, '派送不成功：收件人电话无人接听，将于次日再次派送', {
      reason: 'NO_ANSWER',
    });
    day = addDaysToDate(day, 1);
    add('DELIVERING', beijingInstant(day, 8, 30 + (jitter % 25)), to, `【${to}】快件正在再次派送，${courier}`);
  }
  add('SIGNED', beijingInstant(day, 10, 5 + jitter), to, `【${to}】快件已签收，签收人：本人`, { signer: '本人' });
  return increasing(events);
}

function increasing(events: SandboxWireEvent[]): SandboxWireEvent[] {
  for (let i = 1; i < events.length; i++) {
    assert((events[i - 1]?.opTime ?? '') < (events[i]?.opTime ?? ''), 'a parcel’s scans happen one after another');
  }
  return events;
}
