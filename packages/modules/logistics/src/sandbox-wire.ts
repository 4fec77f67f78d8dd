// The sandbox courier's webhook on the wire: a JSON body { pushId, events: [...] } of its own scans,
// signed per webhook-signature.ts in the headers X-ZS-Timestamp, X-ZS-Nonce and X-ZS-Signature. The
// adapter checks the body and turns each scan into a Zulin TrackingEvent.
import { randomUUID } from 'node:crypto';
import { beijingIso, parseBeijingWallTime } from './beijing-time';
import type { ExceptionReason, TrackingEvent } from './carrier';
import { LogisticsErrors } from './errors';
import { LogisticsLimits } from './limits';
import type { SandboxOpCode, SandboxWireEvent } from './sandbox-tracking';
import type { ShipmentState } from './shipment-states';
import { signWebhook } from './webhook-signature';

export const sandboxCarrierCode = 'sandbox_express';
export const sandboxHeaders = {
  timestamp: 'x-zs-timestamp',
  nonce: 'x-zs-nonce',
  signature: 'x-zs-signature',
} as const;

const opCodes: Readonly<
  Record<SandboxOpCode, { state: ShipmentState; en: (city: string) => string; reason?: ExceptionReason }>
> = {
  COLLECTED: { state: 'picked_up', en: (c) => `Picked up by the courier in ${c}` },
  DEPARTED: { state: 'in_transit', en: (c) => `Left the ${c} hub` },
  ARRIVED: { state: 'in_transit', en: (c) => `Arrived at the ${c} hub` },
  DELAYED: { state: 'exception', en: (c) => `Delayed in ${c} by the weather`, reason: 'delayed' },
  LOST: { state: 'exception', en: (c) => `Lost in transit from ${c}; a claim is open`, reason: 'lost' },
  DELIVERING: { state: 'out_for_delivery', en: (c) => `Out for delivery in ${c}` },
  FAILED: { state: 'exception', en: (c) => `Delivery failed in ${c}` },
  SIGNED: { state: 'delivered', en: (c) => `Delivered and signed for in ${c}` },
  RETURNING: { state: 'in_transit', en: (c) => `On its way back to the sender from ${c}` },
  RETURNED: { state: 'returned', en: (c) => `Returned to the sender in ${c}` },
};

export function toTrackingEvent(wire: SandboxWireEvent): TrackingEvent {
  const op = opCodes[wire.opCode];
  const at = parseBeijingWallTime(wire.opTime);
  if (at === null) throw bodyInvalid(`opTime "${wire.opTime}" is not a Beijing time`);
  const reason =
    op.reason ??
    (wire.reason === 'REFUSED' ? 'refused' : wire.reason === 'NO_ANSWER' ? 'recipient_unreachable' : undefined);
  const event: TrackingEvent = {
    eventId: wire.eventId,
    carrier: sandboxCarrierCode,
    waybillNo: wire.waybillNo,
    state: op.state,
    carrierCode: wire.opCode,
    occurredAt: beijingIso(at),
    location: wire.city,
    description: { 'zh-CN': wire.remark, en: op.en(wire.city) },
  };
  if (reason !== undefined) event.exceptionReason = reason;
  if (wire.signer !== undefined) event.signedBy = wire.signer;
  return event;
}

/** Reads the body of a verified webhook; anything not shaped like the courier's push is refused. */
export function parseSandboxPush(rawBody: Buffer): { pushId: string; events: SandboxWireEvent[] } {
  if (rawBody.length > LogisticsLimits.webhookBodyBytesMax) throw bodyInvalid('the body is too large');
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw bodyInvalid('the body is not JSON');
  }
  const push = body as { pushId?: unknown; events?: unknown };
  if (typeof push.pushId !== 'string' || !Array.isArray(push.events))
    throw bodyInvalid('pushId and events are required');
  if (push.events.length === 0 || push.events.length > LogisticsLimits.eventsPerWebhookMax) {
    throw bodyInvalid(`1–${LogisticsLimits.eventsPerWebhookMax} events per push`);
  }
  const events = push.events.map((e, index) => wireEvent(e, index));
  return { pushId: push.pushId, events };
}

function wireEvent(e: unknown, index: number): SandboxWireEvent {
  const w = e as Partial<SandboxWireEvent>;
  const strings = [w.eventId, w.waybillNo, w.orderRef, w.opTime, w.city, w.remark];
  if (strings.some((s) => typeof s !== 'string') || typeof w.opCode !== 'string' || !(w.opCode in opCodes)) {
    throw bodyInvalid(`events/${index} is not a scan`);
  }
  return w as SandboxWireEvent;
}

function bodyInvalid(detail: string) {
  return LogisticsErrors.LOGISTICS_WEBHOOK_BODY_INVALID({ detail: `The push is not valid: ${detail}.` });
}

/** What the sandbox courier sends to POST /v1/webhooks/sandbox_express: the signed headers and body. */
export function sandboxPushRequest(options: {
  secret: Buffer;
  events: readonly SandboxWireEvent[];
  now: Date;
  nonce?: string;
  pushId?: string;
}): { headers: Record<string, string>; body: string } {
  const nonce = options.nonce ?? randomUUID().replaceAll('-', '');
  const body = JSON.stringify({ pushId: options.pushId ?? `push_${nonce}`, events: options.events });
  const timestamp = Math.floor(options.now.getTime() / 1000);
  return {
    headers: {
      'content-type': 'application/json',
      [sandboxHeaders.timestamp]: String(timestamp),
      [sandboxHeaders.nonce]: nonce,
      [sandboxHeaders.signature]: signWebhook(options.secret, body, timestamp, nonce),
    },
    body,
  };
}
