// The MDM (mobile device management) as risk sees it: enrol a rented phone by IMEI, hand it a lock
// or unlock command, and hear back by signed webhooks (`POST /v1/webhooks/mdm`): location reports,
// and each command acknowledged or failed. The messages are signed with Zulin's webhook scheme
// (`Zulin-Signature: t=…,v1=HMAC-SHA256`, platform's `verifySignature`: stale timestamps refused).
import { createHmac } from 'node:crypto';
import { luhnValid } from '@zulin/kernel';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { RiskErrors } from './errors';
import type { DeviceCommandKind } from './kinds';

/** What the MDM says when handed a command: taken (queued for the phone) or refused, with why. */
export type MdmSendAnswer = { accepted: true; providerCommandId: string } | { accepted: false; reason: string };

export interface MdmAdapter {
  readonly name: string;
  /** Enrols a phone by IMEI; enrolling the same IMEI again answers the same device (idempotent). */
  enrol(imei: string, signal: AbortSignal): Promise<{ providerDeviceId: string }>;
  /**
   * Queues a command for the phone. `merchantCommandId` is our command id: the MDM answers a repeat
   * with the command it already has, so a retry after a lost answer never locks twice.
   * Throws `RISK_MDM_UNAVAILABLE` when the MDM cannot be reached (the caller retries).
   */
  send(
    command: { providerDeviceId: string; merchantCommandId: string; kind: DeviceCommandKind },
    signal: AbortSignal,
  ): Promise<MdmSendAnswer>;
}

/** Outside sandbox mode until a provider is built: every call refuses. */
export const unconfiguredMdm: MdmAdapter = {
  name: 'unconfigured',
  async enrol() {
    throw RiskErrors.RISK_MDM_UNAVAILABLE({ detail: 'No MDM provider is configured (docs/risk.md).' });
  },
  async send() {
    throw RiskErrors.RISK_MDM_UNAVAILABLE({ detail: 'No MDM provider is configured (docs/risk.md).' });
  },
};

export function imeiValid(imei: string): boolean {
  return /^[0-9]{15}$/.test(imei) && luhnValid(imei);
}

/** The webhook secret shared with the MDM: the sandbox's is derived from the master key. */
export function mdmWebhookSecret(masterKey: Buffer): Buffer {
  return createHmac('sha256', masterKey).update('zulin:webhook:mdm').digest();
}

const Degrees = (minimum: number, maximum: number) => Type.Number({ minimum, maximum });
const MessageBase = {
  /** The MDM's message id: a message delivered twice is applied once. */
  id: Type.String({ minLength: 1, maxLength: 64 }),
  deviceId: Type.String({ minLength: 1, maxLength: 64 }),
  occurredAt: Type.String({ format: 'date-time', maxLength: 40 }),
};

export const MdmMessageSchema = Type.Union([
  Type.Object({
    ...MessageBase,
    type: Type.Literal('device.location'),
    location: Type.Object({
      lat: Degrees(-90, 90),
      lng: Degrees(-180, 180),
      accuracyM: Type.Integer({ minimum: 0, maximum: 100_000 }),
    }),
  }),
  Type.Object({
    ...MessageBase,
    type: Type.Literal('command.acknowledged'),
    commandId: Type.String({ minLength: 1, maxLength: 64 }),
    merchantCommandId: Type.String({ minLength: 1, maxLength: 64 }),
  }),
  Type.Object({
    ...MessageBase,
    type: Type.Literal('command.failed'),
    commandId: Type.String({ minLength: 1, maxLength: 64 }),
    merchantCommandId: Type.String({ minLength: 1, maxLength: 64 }),
    reason: Type.String({ minLength: 1, maxLength: 64 }),
  }),
]);
export type MdmMessage = Static<typeof MdmMessageSchema>;

/** Parses a message body the signature check let through; anything else is refused. */
export function parseMdmMessage(body: string): MdmMessage {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw RiskErrors.RISK_MDM_MESSAGE_INVALID({ detail: 'The body is not JSON.' });
  }
  if (!Value.Check(MdmMessageSchema, value)) {
    const errors = [...Value.Errors(MdmMessageSchema, value)]
      .slice(0, 10)
      .map((e) => ({ path: `/body${e.instancePath}`, message: e.message }));
    throw RiskErrors.RISK_MDM_MESSAGE_INVALID({ detail: 'The body is not an MDM message.', errors });
  }
  if (Number.isNaN(Date.parse(value.occurredAt))) {
    throw RiskErrors.RISK_MDM_MESSAGE_INVALID({ detail: 'occurredAt is not a time.' });
  }
  return value;
}

/** Degrees to millionths of a degree (positions are stored as integers). */
export const e6 = (degrees: number): number => Math.round(degrees * 1_000_000);
