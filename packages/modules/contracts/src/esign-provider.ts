// A licensed e-signature provider (实名 + 意愿: the provider checks the signer's real name and their
// will to sign — an SMS code or a face check — and signs with a certificate it issues), as an adapter.
// The protocol is modelled on the open APIs of such providers (e签宝 v3): every request is signed
//   X-Tsign-Open-App-Id, X-Tsign-Open-Ca-Timestamp (ms),
//   X-Tsign-Open-Ca-Signature = base64 HMAC-SHA256(secret, "POST\n<accept>\n<content-md5>\n<content-type>\n\n<path>")
//   Content-MD5 = base64 MD5(body)
// and the provider's callback is signed
//   X-Tsign-Open-Signature = hex HMAC-SHA256(secret, "<timestamp><body>"), X-Tsign-Open-Timestamp (ms).
// `createFlow` starts a signing flow for a contract's document hash and answers the URL where the
// signer proves who they are and agrees; `readCallback` checks a callback and reads its outcome. The
// sandbox answers in-process and signs its callbacks with the same scheme; production without
// ZULIN_ESIGN_APP_ID / ZULIN_ESIGN_SECRET / ZULIN_ESIGN_BASE_URL is `unconfigured` and refuses.
// Whichever signs, the evidence is the same: the callback's facts go into the log under the contract.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { checkTimestamp, safeEqual } from '@zulin/platform';
import { ContractsErrors } from './errors';
import { ContractsLimits } from './limits';

export interface ESignFlowRequest {
  contractId: string;
  /** SHA-256 (hex) of the PDF the signer is asked to sign. */
  documentHash: string;
  /** Our reference of the signer (a customer id): never their name or ID number. */
  signerRef: string;
  /** Where the provider posts the outcome. */
  callbackUrl: string;
}

export interface ESignFlow {
  flowId: string;
  /** The page where the signer passes the real-name check and confirms (意愿). */
  authUrl: string;
  /** When the provider closes the flow unsigned. */
  expiresAt: Date;
}

export interface ESignOutcome {
  flowId: string;
  contractId: string;
  documentHash: string;
  status: 'signed' | 'refused';
  realName: 'passed' | 'failed';
  willingness: 'sms' | 'face' | null;
  /** ISO 8601, as the provider says. */
  signedAt: string | null;
}

export interface ESignProvider {
  readonly name: string;
  readonly mode: 'sandbox' | 'production' | 'unconfigured';
  createFlow(request: ESignFlowRequest): Promise<ESignFlow>;
  /** Checks the callback's signature and timestamp and reads it; throws CONTRACTS_ESIGN_CALLBACK_INVALID. */
  readCallback(headers: Record<string, string | undefined>, rawBody: string, now: Date): ESignOutcome;
}

export interface SignedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const accept = '*/*';
const contentType = 'application/json; charset=UTF-8';

const md5Base64 = (body: string) => createHash('md5').update(body, 'utf8').digest('base64');

function requestSignature(secret: string, path: string, contentMd5: string): string {
  const text = ['POST', accept, contentMd5, contentType, '', path].join('\n');
  return createHmac('sha256', secret).update(text, 'utf8').digest('base64');
}

/** A request to the provider, signed as its open API asks. */
export function signRequest(
  credentials: { appId: string; secret: string },
  path: string,
  payload: unknown,
  now: Date,
): SignedRequest {
  const body = JSON.stringify(payload);
  const contentMd5 = md5Base64(body);
  return {
    path,
    body,
    headers: {
      accept,
      'content-type': contentType,
      'content-md5': contentMd5,
      'x-tsign-open-app-id': credentials.appId,
      'x-tsign-open-ca-timestamp': String(now.getTime()),
      'x-tsign-open-auth-mode': 'Signature',
      'x-tsign-open-ca-signature': requestSignature(credentials.secret, path, contentMd5),
    },
  };
}

const callbackSignature = (secret: string, timestampMs: string, body: string) =>
  createHmac('sha256', secret).update(`${timestampMs}${body}`, 'utf8').digest('hex');

/** A callback as the provider signs it (the sandbox sends these). */
export function signCallback(
  secret: string,
  payload: unknown,
  now: Date,
): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify(payload);
  const timestamp = String(now.getTime());
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-tsign-open-timestamp': timestamp,
      'x-tsign-open-signature': callbackSignature(secret, timestamp, body),
    },
  };
}

const invalid = (detail: string) => ContractsErrors.CONTRACTS_ESIGN_CALLBACK_INVALID({ detail });

/** Checks and reads a provider callback (the same for the sandbox and production). */
export function readSignedCallback(
  secret: string,
  headers: Record<string, string | undefined>,
  rawBody: string,
  now: Date,
): ESignOutcome {
  const timestamp = headers['x-tsign-open-timestamp'] ?? '';
  const signature = headers['x-tsign-open-signature'] ?? '';
  if (!/^\d{13}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature))
    throw invalid('The signature headers are missing or malformed.');
  try {
    checkTimestamp(Math.floor(Number(timestamp) / 1000), now);
  } catch {
    throw invalid('The callback timestamp is outside the allowed window.');
  }
  if (!safeEqual(callbackSignature(secret, timestamp, rawBody), signature))
    throw invalid('The signature does not match the body.');
  return parseCallbackBody(rawBody);
}

/** Reads a callback body whose signature was checked when it arrived (the inbox applies it later). */
export function parseCallbackBody(rawBody: string): ESignOutcome {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(rawBody) as Record<string, unknown>;
  } catch {
    throw invalid('The body is not JSON.');
  }
  const text = (key: string) => (typeof parsed[key] === 'string' ? (parsed[key] as string) : null);
  const action = text('action');
  const flowId = text('signFlowId');
  const contractId = text('bizNo');
  const documentHash = text('fileHash');
  if (flowId === null || contractId === null || documentHash === null || !/^[0-9a-f]{64}$/.test(documentHash)) {
    throw invalid('The callback names no flow, contract or document hash.');
  }
  if (action !== 'SIGN_FLOW_COMPLETE' && action !== 'SIGN_FLOW_REFUSED') throw invalid(`Unknown action ${action}.`);
  const willingness = text('willingnessType');
  return {
    flowId,
    contractId,
    documentHash,
    status: action === 'SIGN_FLOW_COMPLETE' ? 'signed' : 'refused',
    realName: text('realNameResult') === 'PASS' ? 'passed' : 'failed',
    willingness: willingness === 'SMS' ? 'sms' : willingness === 'FACE' ? 'face' : null,
    signedAt: text('signTime'),
  };
}

/** What the sandbox provider keeps about a flow it opened. */
export interface SandboxFlow {
  flowId: string;
  contractId: string;
  documentHash: string;
  signerRef: string;
  callbackUrl: string;
  status: 'open' | 'signed' | 'refused';
  createdAt: Date;
  expiresAt: Date;
}

/** Where the sandbox keeps its flows: in memory for unit tests, its own table in the server. */
export interface SandboxFlowStore {
  save(flow: SandboxFlow): Promise<void>;
  find(flowId: string): Promise<SandboxFlow | undefined>;
  close(flowId: string, status: 'signed' | 'refused'): Promise<void>;
}

export function memoryFlowStore(): SandboxFlowStore {
  const flows = new Map<string, SandboxFlow>();
  return {
    save: async (flow) => void flows.set(flow.flowId, flow),
    find: async (flowId) => flows.get(flowId),
    close: async (flowId, status) => {
      const flow = flows.get(flowId);
      if (flow) flows.set(flowId, { ...flow, status });
    },
  };
}

export type SandboxVerdict = { signed: boolean; realNamePassed: boolean; willingness: 'SMS' | 'FACE' };

/** The body the provider posts when a flow ends (e签宝's SIGN_FLOW_COMPLETE / SIGN_FLOW_REFUSED). */
export function callbackPayload(flow: SandboxFlow, verdict: SandboxVerdict, now: Date) {
  const signed = verdict.signed && verdict.realNamePassed;
  return {
    action: signed ? 'SIGN_FLOW_COMPLETE' : 'SIGN_FLOW_REFUSED',
    signFlowId: flow.flowId,
    bizNo: flow.contractId,
    fileHash: flow.documentHash,
    realNameResult: verdict.realNamePassed ? 'PASS' : 'FAIL',
    willingnessType: verdict.willingness,
    signTime: signed ? now.toISOString() : null,
  };
}

/**
 * The sandbox provider: its "server" checks each request's signature as the real one does (a request
 * signed with another secret, or changed on the way, is refused), keeps its flows (a flow closes
 * after `flowTtlMs`, as the provider's do), and `complete` produces the signed callback the provider
 * would post once the signer agreed or refused — or nothing for a flow expired or already ended.
 */
export function sandboxESignProvider(options: {
  appId: string;
  secret: string;
  baseUrl: string;
  now: () => Date;
  store?: SandboxFlowStore;
  flowTtlMs?: number;
}) {
  const store = options.store ?? memoryFlowStore();
  const ttlMs = options.flowTtlMs ?? ContractsLimits.esignFlowTtlMs;
  const server = {
    async handle(request: SignedRequest): Promise<Answer> {
      const h = request.headers;
      if (h['x-tsign-open-app-id'] !== options.appId) return { code: 401, message: 'unknown app id' };
      if (h['content-md5'] !== md5Base64(request.body)) return { code: 401, message: 'content-md5 mismatch' };
      const expected = requestSignature(options.secret, request.path, md5Base64(request.body));
      if (!safeEqual(expected, h['x-tsign-open-ca-signature'] ?? ''))
        return { code: 401, message: 'signature mismatch' };
      if (request.path !== '/v3/sign-flow/create-by-file') return { code: 404, message: 'no such api' };
      const body = JSON.parse(request.body) as {
        bizNo: string;
        fileHash: string;
        signerRef: string;
        notifyUrl: string;
      };
      const flowId = `sbx_flow_${randomBytes(8).toString('hex')}`;
      const now = options.now();
      const expiresAt = new Date(now.getTime() + ttlMs);
      await store.save({
        flowId,
        contractId: body.bizNo,
        documentHash: body.fileHash,
        signerRef: body.signerRef,
        callbackUrl: body.notifyUrl,
        status: 'open',
        createdAt: now,
        expiresAt,
      });
      return {
        code: 0,
        message: 'success',
        data: { signFlowId: flowId, authUrl: `${options.baseUrl}/auth/${flowId}`, expireTime: expiresAt.getTime() },
      };
    },
    /** The signed callback the provider posts once the signer finished (or refused); a closed flow posts nothing. */
    async complete(
      flowId: string,
      verdict: SandboxVerdict,
    ): Promise<
      | { refused: 'not_found' | 'expired' | 'finished' }
      | { url: string; headers: Record<string, string>; body: string; status: 'signed' | 'refused' }
    > {
      const flow = await store.find(flowId);
      if (!flow) return { refused: 'not_found' };
      const now = options.now();
      if (flow.status !== 'open') return { refused: 'finished' };
      if (now.getTime() >= flow.expiresAt.getTime()) return { refused: 'expired' };
      const payload = callbackPayload(flow, verdict, now);
      const status = payload.action === 'SIGN_FLOW_COMPLETE' ? 'signed' : 'refused';
      await store.close(flowId, status);
      return { url: flow.callbackUrl, status, ...signCallback(options.secret, payload, now) };
    },
  };
  const provider: ESignProvider = {
    name: 'sandbox-esign',
    mode: 'sandbox',
    async createFlow(request) {
      return startFlow(request, options, options.now(), (signed) => server.handle(signed));
    },
    readCallback: (headers, rawBody, now) => readSignedCallback(options.secret, headers, rawBody, now),
  };
  return { provider, server, store };
}

type Answer = {
  code: number;
  message: string;
  data?: { signFlowId: string; authUrl: string; expireTime?: number };
};

async function startFlow(
  request: ESignFlowRequest,
  credentials: { appId: string; secret: string },
  now: Date,
  send: (signed: SignedRequest) => Promise<Answer>,
): Promise<ESignFlow> {
  const signed = signRequest(
    credentials,
    '/v3/sign-flow/create-by-file',
    {
      bizNo: request.contractId,
      fileHash: request.documentHash,
      signerRef: request.signerRef,
      notifyUrl: request.callbackUrl,
      authConfig: { realNameAuth: true, willingnessAuthModes: ['SMS', 'FACE'] },
    },
    now,
  );
  const answer = await send(signed);
  if (answer.code !== 0 || !answer.data) {
    throw ContractsErrors.CONTRACTS_ESIGN_FAILED({
      detail: `The provider refused: ${answer.message} (${answer.code}).`,
    });
  }
  const expireTime = answer.data.expireTime ?? now.getTime() + ContractsLimits.esignFlowTtlMs;
  return { flowId: answer.data.signFlowId, authUrl: answer.data.authUrl, expiresAt: new Date(expireTime) };
}

/** The production provider over HTTPS, or `unconfigured` (refusing clearly) without its settings. */
export function configuredESignProvider(env: NodeJS.ProcessEnv = process.env): ESignProvider {
  const appId = env.ZULIN_ESIGN_APP_ID?.trim();
  const secret = env.ZULIN_ESIGN_SECRET?.trim();
  const baseUrl = env.ZULIN_ESIGN_BASE_URL?.trim();
  if (!appId || !secret || !baseUrl) {
    const refuse = (): never => {
      throw ContractsErrors.CONTRACTS_ESIGN_UNCONFIGURED({
        detail: 'Set ZULIN_ESIGN_APP_ID, ZULIN_ESIGN_SECRET and ZULIN_ESIGN_BASE_URL.',
      });
    };
    return { name: 'unconfigured-esign', mode: 'unconfigured', createFlow: async () => refuse(), readCallback: refuse };
  }
  return {
    name: baseUrl,
    mode: 'production',
    createFlow: (request) =>
      startFlow(request, { appId, secret }, new Date(), async (signed) => {
        const response = await fetch(new URL(signed.path, baseUrl), {
          method: 'POST',
          headers: signed.headers,
          body: signed.body,
          signal: AbortSignal.timeout(ContractsLimits.esignTimeoutMs),
        });
        return (await response.json()) as Answer;
      }),
    readCallback: (headers, rawBody, now) => readSignedCallback(secret, headers, rawBody, now),
  };
}
