// Downloading a channel's daily bill (对账单) for a business date, over the same signed, verified
// calls as every other request (channel-clients.ts), in production and against the sandbox alike:
// * WeChat Pay v3 (申请交易账单): `GET /v3/bill/tradebill?bill_date=D&bill_type=ALL&tar_type=GZIP`,
//   a signed request whose signed answer is `{ hash_type: "SHA1", hash_value, download_url }`; then a
//   `GET download_url`, signed with the merchant's Authorization like any request. WeChat does not
//   sign the file's answer (下载账单 is the one call whose answer carries no Wechatpay-Signature); its
//   integrity is the SHA-1 `hash_value`, which is over the ORIGINAL bill — the file after gunzip
//   (“原始账单（gzip需要解压缩）的摘要值”), not the gzip bytes. A file whose SHA-1 differs is refused.
//   The download_url must lie under our WeChat base URL: the merchant's Authorization goes nowhere
//   else. 400 STATEMENT_CREATING (账单生成中) is `not_ready`; 400 NO_STATEMENT_EXIST (账单文件不存在 —
//   WeChat's answer for a day without a successful trade) is `no_statement`.
// * Alipay (alipay.data.dataservice.bill.downloadurl.query, bill_type trade): an RSA2-signed call whose
//   verified answer holds `bill_download_url`, an unsigned, short-lived link to a ZIP holding the
//   trade detail CSV (业务明细, GBK, `#` lines around the table) and its summary (业务明细(汇总));
//   the detail file is returned. `isp.bill_not_exist` (the bill is not generated yet) is `not_ready`.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { BusinessDate, Clock } from '@zulin/kernel';
import { decodeGbk, readZip } from './bill-archives';
import type { ChannelGuard } from './channel-breakers';
import { alipayCaller, wechatpayCaller } from './channel-clients';
import type { AlipaySettings, WechatpaySettings } from './channel-settings';
import { PaymentsLimits } from './limits';
import { wechatpayAuthorization, wechatpayNonce } from './wechatpay-protocol';

export type StatementDownload =
  | { outcome: 'ok'; text: string }
  /** The bill is being generated (or not yet): ask again later. */
  | { outcome: 'not_ready'; code: string; message: string }
  /** WeChat's NO_STATEMENT_EXIST: no bill for that day (no successful trade), once bills are out. */
  | { outcome: 'no_statement'; code: string; message: string }
  /** The file came but is not the file the channel described: wrong digest, not gzip/ZIP, no detail CSV. */
  | { outcome: 'corrupt'; code: 'DIGEST_MISMATCH' | 'UNREADABLE'; message: string }
  | { outcome: 'refused'; code: string; message: string }
  | { outcome: 'unknown'; reason: string };

async function download(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; bytes: Buffer } | { error: string }> {
  try {
    const response = await fetch(url, {
      headers,
      redirect: 'error',
      signal: AbortSignal.timeout(PaymentsLimits.statementDownloadTimeoutMs),
    });
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > PaymentsLimits.statementMaxBytes) return { error: 'the file is larger than a statement may be' };
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
  } catch (error) {
    return { error: error instanceof Error ? error.name : 'network error' };
  }
}

const wechatNotReady = new Set(['STATEMENT_CREATING']);
const wechatNoStatement = new Set(['NO_STATEMENT_EXIST']);

/** WeChat Pay's trade bill (bill_type ALL, gzip) for a date, checked against its SHA-1, as text. */
export async function downloadWechatpayTradeBill(
  settings: WechatpaySettings,
  clock: Clock,
  billDate: BusinessDate,
  guard?: ChannelGuard,
): Promise<StatementDownload> {
  const call = wechatpayCaller(settings, clock, guard);
  const applied = await call('GET', `/v3/bill/tradebill?bill_date=${billDate}&bill_type=ALL&tar_type=GZIP`);
  if (applied.outcome === 'refused') {
    if (wechatNotReady.has(applied.code)) return { outcome: 'not_ready', code: applied.code, message: applied.message };
    if (wechatNoStatement.has(applied.code))
      return { outcome: 'no_statement', code: applied.code, message: applied.message };
    return applied;
  }
  if (applied.outcome !== 'ok') return applied;
  if (applied.value.status === 404) return { outcome: 'refused', code: 'NOT_FOUND', message: '' };
  const { hash_type: hashType, hash_value: hashValue, download_url: downloadUrl } = applied.value.json;
  if (hashType !== 'SHA1' || typeof hashValue !== 'string' || typeof downloadUrl !== 'string') {
    return {
      outcome: 'corrupt',
      code: 'UNREADABLE',
      message: 'The bill answer lacks hash_type SHA1, hash_value or download_url.',
    };
  }
  let url: URL;
  try {
    url = new URL(downloadUrl);
  } catch {
    return { outcome: 'corrupt', code: 'UNREADABLE', message: 'The download_url is not a URL.' };
  }
  const base = new URL(settings.baseUrl);
  if (url.origin !== base.origin || !url.pathname.startsWith(`${base.pathname.replace(/\/$/, '')}/`)) {
    // The merchant's signature is for WeChat Pay alone.
    return {
      outcome: 'refused',
      code: 'DOWNLOAD_URL_FOREIGN',
      message: `download_url is not under ${settings.baseUrl}`,
    };
  }
  const fetched = await download(url.toString(), {
    Authorization: wechatpayAuthorization({
      mchid: settings.mchid,
      serialNo: settings.merchantSerial,
      privateKey: settings.merchantPrivateKey,
      method: 'GET',
      pathAndQuery: `${url.pathname}${url.search}`,
      body: '',
      timestamp: Math.floor(clock.now().getTime() / 1000),
      nonce: wechatpayNonce(),
    }),
    Accept: '*/*',
  });
  if ('error' in fetched) return { outcome: 'unknown', reason: fetched.error };
  if (fetched.status >= 500) return { outcome: 'unknown', reason: `HTTP ${fetched.status}` };
  if (fetched.status !== 200) {
    // The token expired (valid 30 s) or was refused: another application gives a new one.
    return {
      outcome: 'refused',
      code: `HTTP_${fetched.status}`,
      message: fetched.bytes.toString('utf8').slice(0, 200),
    };
  }
  let file: Buffer;
  try {
    file = gunzipSync(fetched.bytes, { maxOutputLength: PaymentsLimits.statementMaxBytes });
  } catch {
    return { outcome: 'corrupt', code: 'UNREADABLE', message: 'The bill file is not gzip.' };
  }
  const digest = createHash('sha1').update(file).digest('hex');
  if (digest !== hashValue.toLowerCase()) {
    return {
      outcome: 'corrupt',
      code: 'DIGEST_MISMATCH',
      message: `SHA-1 of the bill is ${digest}, WeChat Pay gave ${hashValue}.`,
    };
  }
  return { outcome: 'ok', text: new TextDecoder('utf-8').decode(file) };
}

const alipayNotReady = new Set(['isp.bill_not_exist']);
const alipayMethod = 'alipay.data.dataservice.bill.downloadurl.query';

/** Alipay's trade detail bill (业务明细) for a date, out of its ZIP and decoded from GBK. */
export async function downloadAlipayBill(
  settings: AlipaySettings,
  clock: Clock,
  billDate: BusinessDate,
  guard?: ChannelGuard,
): Promise<StatementDownload> {
  const call = alipayCaller(settings, clock, guard);
  const answer = await call(alipayMethod, { bill_type: 'trade', bill_date: billDate });
  if (answer.outcome === 'refused' && alipayNotReady.has(answer.code)) {
    return { outcome: 'not_ready', code: answer.code, message: answer.message };
  }
  if (answer.outcome !== 'ok') return answer;
  const link = answer.value.bill_download_url;
  let url: URL;
  try {
    url = new URL(String(link));
  } catch {
    return { outcome: 'corrupt', code: 'UNREADABLE', message: 'bill_download_url is not a URL.' };
  }
  // The link carries its own short-lived token; over TLS whenever the gateway is.
  if (new URL(settings.gateway).protocol === 'https:' && url.protocol !== 'https:') {
    return { outcome: 'refused', code: 'DOWNLOAD_URL_INSECURE', message: 'bill_download_url is not https' };
  }
  const fetched = await download(url.toString(), { Accept: '*/*' });
  if ('error' in fetched) return { outcome: 'unknown', reason: fetched.error };
  if (fetched.status >= 500) return { outcome: 'unknown', reason: `HTTP ${fetched.status}` };
  if (fetched.status !== 200) {
    return { outcome: 'refused', code: `HTTP_${fetched.status}`, message: 'the bill link was refused (it lives 30 s)' };
  }
  let detail: Buffer | undefined;
  try {
    const entries = readZip(fetched.bytes);
    detail = entries.find(
      (e) => e.name.endsWith('.csv') && e.name.includes('业务明细') && !e.name.includes('汇总'),
    )?.data;
  } catch (error) {
    return { outcome: 'corrupt', code: 'UNREADABLE', message: error instanceof Error ? error.message : 'not a ZIP' };
  }
  if (!detail) return { outcome: 'corrupt', code: 'UNREADABLE', message: 'The bill archive holds no 业务明细 CSV.' };
  return { outcome: 'ok', text: decodeGbk(detail) };
}
