// Signing a contract (DOMAIN.md §9, Electronic Signature Law art. 13): the customer reads the draft,
// asks for an SMS code, and confirms with that code and a drawn (PNG) or typed signature.
//  * The code is the platform's one-time code, bound to "sign contract C whose document hash is H":
//    a code sent for another contract or another draft does not pass. It is sent through identity's
//    SMS queue (the sandbox reads it back at GET /v1/sandbox/sms); 5 minutes, 5 tries, one send a
//    minute, 10 a day.
//  * A try is counted in its own transaction before the command (`claimSigningTry`); the code is
//    spent in the command's transaction (`signContract`).
//  * The signed PDF adds a signature page (the image or the typed name, the time, the masked
//    identity, the draft's hash) and is sealed (PDF signature). Evidence: the code sent, the consent
//    checked, the signature; the event `contracts.contract_signed` goes out in the same transaction.
// Refused: another customer's contract (404), a contract already signed, a superseded draft, a
// wrong/expired/used code, a signature that is not a PNG or a name.

import { createHash, createHmac } from 'node:crypto';
import { type Database, type Executor, emitEvent } from '@zulin/db';
import { getCustomerProfile, queueCustomerSms } from '@zulin/identity';
import { addDays, type Clock, localDateTimeOf, newId, startOfDayInstant, today } from '@zulin/kernel';
import { type CodePolicy, type CodeTry, claimCodeTry, issueCode, spendCode } from '@zulin/platform';
import { and, eq } from 'drizzle-orm';
import { renderContractPdf } from './contract-pdf';
import type { ContractsDeps } from './deps';
import { ContractsErrors } from './errors';
import { appendEvidence } from './evidence-log';
import { ContractsLimits } from './limits';
import { contractsContracts } from './schema';
import type { SealP12 } from './seal-certificate';
import { sealPdf } from './seal-pdf';
import type { ContractLocale, ContractTemplate } from './templates';

/** pdfkit loads when the first PDF is drawn, not when the server starts (issue #10). */
const loadPdfKit = async () => (await import('pdfkit')).default;

export const signingPolicy: CodePolicy = {
  purpose: 'contracts.sign',
  ttlMs: ContractsLimits.signCodeTtlMs,
  triesMax: ContractsLimits.signCodeTriesMax,
  sendIntervalMs: ContractsLimits.signCodeSendIntervalMs,
  sendsPerDay: ContractsLimits.signCodeSendsPerDay,
};

function codeSecret(masterKey: Buffer): Buffer {
  return createHmac('sha256', masterKey).update('zulin:contracts:sign-code').digest();
}

const binding = (contractId: string, documentHash: string) => `sign:${contractId}:${documentHash}`;

export type ContractRow = typeof contractsContracts.$inferSelect;

async function ownContract(tx: Executor, customerId: string, contractId: string, lock: boolean): Promise<ContractRow> {
  const query = tx
    .select()
    .from(contractsContracts)
    .where(and(eq(contractsContracts.id, contractId), eq(contractsContracts.customerId, customerId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw ContractsErrors.CONTRACTS_CONTRACT_NOT_FOUND();
  return row;
}

export function checkSignable(row: ContractRow): void {
  if (row.status === 'signed') throw ContractsErrors.CONTRACTS_ALREADY_SIGNED();
  if (row.status === 'superseded') throw ContractsErrors.CONTRACTS_DRAFT_OUTDATED();
  if (row.status === 'withdrawn') throw ContractsErrors.CONTRACTS_DRAFT_WITHDRAWN();
}

function secondsUntil(from: Date, to: Date): string {
  return String(Math.max(1, Math.ceil((to.getTime() - from.getTime()) / 1000)));
}

/** Sends a code for signing this draft to the customer's phone; the older codes stop counting. */
export async function requestSigningCode(
  tx: Executor,
  deps: ContractsDeps,
  options: { customerId: string; contractId: string },
): Promise<{ expiresAt: Date; phoneMasked: string; documentHash: string }> {
  const row = await ownContract(tx, options.customerId, options.contractId, true);
  checkSignable(row);
  const now = deps.clock.now();
  const businessDate = today(deps.clock, deps.timeZone);
  const outcome = await issueCode(tx, {
    secret: codeSecret(deps.masterKey),
    policy: signingPolicy,
    subject: options.customerId,
    binding: binding(row.id, row.documentHash),
    id: newId('csc', deps.clock),
    now,
    dayStart: startOfDayInstant(businessDate, deps.timeZone),
    nextDayStart: startOfDayInstant(addDays(businessDate, 1), deps.timeZone),
  });
  if (outcome.kind === 'too_soon') {
    throw ContractsErrors.CONTRACTS_CODE_SEND_TOO_SOON({
      headers: { 'retry-after': secondsUntil(now, outcome.retryAt) },
    });
  }
  if (outcome.kind !== 'issued') {
    throw ContractsErrors.CONTRACTS_CODE_DAILY_LIMIT({
      headers: { 'retry-after': secondsUntil(now, outcome.retryAt) },
    });
  }
  const profile = await getCustomerProfile(tx, deps.masterKey, options.customerId);
  const minutes = ContractsLimits.signCodeTtlMs / 60_000;
  const short = row.documentHash.slice(0, 8);
  const texts = {
    'zh-CN': `【Zulin租赁】您正在签署合同 ${row.id}（文件指纹 ${short}），验证码 ${outcome.code}，${minutes} 分钟内有效。如非本人操作，请勿告诉他人。`,
    en: `[Zulin] Your code to sign contract ${row.id} (document ${short}) is ${outcome.code}, valid for ${minutes} minutes. If this was not you, do not share it.`,
  };
  await queueCustomerSms(tx, deps.masterKey, deps.clock, options.customerId, texts[profile.locale] ?? texts['zh-CN']);
  await appendEvidence(tx, {
    subject: { kind: 'contract', id: row.id },
    customerId: options.customerId,
    kind: 'contract.code_sent',
    data: {
      contractId: row.id,
      documentHash: row.documentHash,
      codeId: outcome.id,
      expiresAt: outcome.expiresAt.toISOString(),
    },
    at: now,
  });
  return { expiresAt: outcome.expiresAt, phoneMasked: profile.phoneMasked, documentHash: row.documentHash };
}

/** Counts one try at the customer's newest signing code, in its own transaction. */
export async function claimSigningTry(
  database: Database,
  deps: { clock: Clock },
  customerId: string,
): Promise<CodeTry & { triesLeft: number }> {
  const outcome = await claimCodeTry(database, { policy: signingPolicy, subject: customerId, now: deps.clock.now() });
  if (outcome.kind === 'exhausted') throw ContractsErrors.CONTRACTS_CODE_TOO_MANY_ATTEMPTS();
  if (outcome.kind === 'none') {
    throw ContractsErrors.CONTRACTS_CODE_INVALID({
      detail: 'No valid code: ask for one first.',
      errors: [{ path: '/body/code', message: 'no valid code', code: 'SMS_CODE_MISSING' }],
    });
  }
  return outcome;
}

export type SignatureInput = { kind: 'drawn'; dataUrl: string } | { kind: 'typed'; name: string };

/**
 * A signing route's `signature` body (one object with optional fields) as a SignatureInput; a
 * missing field becomes empty and is refused by the signing itself with the field's path.
 */
export function signatureInput(body: { kind: 'drawn' | 'typed'; dataUrl?: string; name?: string }): SignatureInput {
  return body.kind === 'drawn'
    ? { kind: 'drawn', dataUrl: body.dataUrl ?? '' }
    : { kind: 'typed', name: body.name ?? '' };
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Whether the PDF library can read the picture (its chunks are whole), as the signature page will. */
async function decodesAsPng(png: Buffer): Promise<boolean> {
  const PDFDocument = await loadPdfKit();
  try {
    new PDFDocument({ size: [10, 10] }).image(png, 0, 0, { width: 1 });
    return true;
  } catch {
    return false;
  }
}

async function readSignature(
  input: SignatureInput,
): Promise<{ kind: 'drawn'; png: Buffer } | { kind: 'typed'; name: string }> {
  if (input.kind === 'typed') {
    const name = input.name.trim();
    if (name.length === 0 || name.length > ContractsLimits.typedSignatureLengthMax) {
      throw ContractsErrors.CONTRACTS_SIGNATURE_INVALID({
        errors: [
          { path: '/body/signature/name', message: `1 to ${ContractsLimits.typedSignatureLengthMax} characters` },
        ],
      });
    }
    return { kind: 'typed', name };
  }
  const match = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(input.dataUrl);
  const png = match?.[1] ? Buffer.from(match[1], 'base64') : Buffer.alloc(0);
  if (
    png.length < 32 ||
    png.length > ContractsLimits.signaturePngBytesMax ||
    !png.subarray(0, 8).equals(pngSignature) ||
    !(await decodesAsPng(png))
  ) {
    throw ContractsErrors.CONTRACTS_SIGNATURE_INVALID({
      errors: [
        {
          path: '/body/signature/dataUrl',
          message: `a PNG data URL of at most ${ContractsLimits.signaturePngBytesMax} bytes`,
        },
      ],
    });
  }
  return { kind: 'drawn', png };
}

export interface SignedContract {
  contractId: string;
  documentHash: string;
  signedPdfHash: string;
  signedAt: Date;
}

export async function signContract(
  tx: Executor,
  deps: ContractsDeps & { seal: SealP12 },
  options: {
    customerId: string;
    contractId: string;
    code: string;
    codeTry: CodeTry & { triesLeft: number };
    signature: SignatureInput;
  },
): Promise<SignedContract> {
  const signature = await readSignature(options.signature);
  const row = await ownContract(tx, options.customerId, options.contractId, true);
  checkSignable(row);
  const now = deps.clock.now();
  const spent = await spendCode(tx, {
    secret: codeSecret(deps.masterKey),
    policy: signingPolicy,
    subject: options.customerId,
    codeTry: options.codeTry,
    code: options.code,
    binding: binding(row.id, row.documentHash),
    now,
  });
  if (!spent) {
    if (options.codeTry.triesLeft <= 0) throw ContractsErrors.CONTRACTS_CODE_TOO_MANY_ATTEMPTS();
    throw ContractsErrors.CONTRACTS_CODE_INVALID({
      detail: `Wrong, expired or used code, or one sent for another document; ${options.codeTry.triesLeft} tries left.`,
      errors: [{ path: '/body/code', message: 'wrong code', code: 'SMS_CODE_INVALID' }],
    });
  }
  return sealSignedContract(tx, deps, row, {
    consent: { codeId: options.codeTry.codeId, method: 'sms_code' },
    signature,
    now,
  });
}

export type SignaturePage =
  | { kind: 'drawn'; png: Buffer }
  | { kind: 'typed'; name: string }
  | { kind: 'provider'; provider: string; flowId: string; willingness: string | null };

/**
 * The second half of every signing, ours (SMS code + drawn/typed signature) or a licensed
 * provider's (实名 + 意愿): the consent entry, the signature page, the seal, the signed row, the
 * `contract.signed` entry and the `contracts.contract_signed` event — the same evidence either way.
 * The caller has locked the draft row and checked it is signable.
 */
export async function sealSignedContract(
  tx: Executor,
  deps: ContractsDeps & { seal: SealP12 },
  row: ContractRow,
  options: { consent: Record<string, string | null>; signature: SignaturePage; now: Date },
): Promise<SignedContract> {
  const { signature, now } = options;
  await appendEvidence(tx, {
    subject: { kind: 'contract', id: row.id },
    customerId: row.customerId,
    kind: 'contract.consent_checked',
    data: { contractId: row.id, documentHash: row.documentHash, ...options.consent },
    at: now,
  });
  const profile = await getCustomerProfile(tx, deps.masterKey, row.customerId);
  const signerMasked = [profile.identity.nameMasked, profile.phoneMasked].filter((x) => x).join('  ');
  // The business time zone's wall-clock time (DOMAIN: people read local time), its zone named.
  const signedAtText = `${localDateTimeOf(now, deps.timeZone)} (${deps.timeZone})`;
  const page = await renderContractPdf(
    {
      contractId: row.id,
      version: row.version,
      template: row.template as ContractTemplate,
      locale: row.locale as ContractLocale,
      customerId: row.customerId,
      subject: { kind: row.subjectKind, id: row.subjectId },
      terms: row.terms as Record<string, unknown>,
      termsHash: row.termsHash,
      createdAt: now,
    },
    { signerMasked, signedAtText, documentHash: row.documentHash, signature },
  );
  const sealed = await sealPdf(page, deps.seal, {
    signingTime: now,
    reason: `Contract ${row.id} signed by the customer`,
    location: 'CN',
  });
  const signedPdfHash = createHash('sha256').update(sealed).digest('hex');
  await tx
    .update(contractsContracts)
    .set({
      status: 'signed',
      signedPdf: sealed.toString('base64'),
      signedPdfHash,
      signatureKind: signature.kind,
      signedAt: now,
    })
    .where(eq(contractsContracts.id, row.id));
  await appendEvidence(tx, {
    subject: { kind: 'contract', id: row.id },
    customerId: row.customerId,
    kind: 'contract.signed',
    data: {
      contractId: row.id,
      about: { kind: row.subjectKind, id: row.subjectId },
      documentHash: row.documentHash,
      termsHash: row.termsHash,
      signedPdfHash,
      signatureKind: signature.kind,
      signatureHash: createHash('sha256').update(signatureBytes(signature)).digest('hex'),
    },
    at: now,
  });
  await emitEvent(tx, now, {
    type: 'contracts.contract_signed',
    aggregateType: 'contract',
    aggregateId: row.id,
    payload: {
      contractId: row.id,
      customerId: row.customerId,
      subjectKind: row.subjectKind,
      subjectId: row.subjectId,
      signedAt: now.toISOString(),
    },
  });
  return { contractId: row.id, documentHash: row.documentHash, signedPdfHash, signedAt: now };
}

/** What the signature's hash is over: the PNG, the typed name, or the provider's flow. */
function signatureBytes(signature: SignaturePage): Buffer {
  if (signature.kind === 'drawn') return signature.png;
  if (signature.kind === 'typed') return Buffer.from(signature.name, 'utf8');
  return Buffer.from(`${signature.provider}:${signature.flowId}`, 'utf8');
}
