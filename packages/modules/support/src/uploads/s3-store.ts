// Blobs in an S3-compatible object store (AWS S3, MinIO, Ceph RGW, Cloudflare R2, Alibaba OSS and
// Tencent COS in their S3 modes), signed with AWS Signature Version 4 by `aws4fetch`, a small
// dependency-free signer over fetch. Path-style URLs (`<endpoint>/<bucket>/<key>`), which every
// compatible store accepts. The signing time comes from the injected clock.
import { assert, type Clock, Limits } from '@zulin/kernel';
import { AwsClient } from 'aws4fetch';
import { SupportErrors } from '../errors';
import { type BlobExtension, type BlobStore, blobKeyOf, isBlobKey } from './storage';

export interface S3Config {
  /** e.g. `https://s3.cn-north-1.amazonaws.com.cn` or `http://127.0.0.1:9000` */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Folder inside the bucket, e.g. `uploads/`. */
  prefix?: string;
}

/** aws4fetch retries 5xx and 429 with backoff; two retries keep a failing store from holding a request long. */
const retries = 2;

/** The store refused or failed; the key and the store's body stay in our logs, not in the reply. */
function unavailable(method: string, status: number) {
  return SupportErrors.SUPPORT_STORAGE_UNAVAILABLE({ detail: `The object store answered ${method} with ${status}.` });
}

function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export class S3BlobStore implements BlobStore {
  readonly #client: AwsClient;
  readonly #config: S3Config;
  readonly #clock: Clock;

  constructor(config: S3Config, clock: Clock) {
    assert(/^https?:\/\/[^/]+$/.test(config.endpoint.replace(/\/$/, '')), 'endpoint is scheme://host[:port]');
    assert(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(config.bucket), 'an S3 bucket name');
    assert(config.prefix === undefined || /^([a-z0-9_-]+\/)*$/.test(config.prefix), 'prefix is folder/ names');
    this.#config = { ...config, endpoint: config.endpoint.replace(/\/$/, '') };
    this.#clock = clock;
    this.#client = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      service: 's3',
      region: config.region,
      retries,
    });
  }

  #url(key: string): string {
    assert(isBlobKey(key), 'a blob key');
    return `${this.#config.endpoint}/${this.#config.bucket}/${this.#config.prefix ?? ''}${key}`;
  }

  #send(method: string, key: string, init: { body?: Uint8Array; headers?: Record<string, string> } = {}) {
    return this.#client.fetch(this.#url(key), {
      method,
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(Limits.httpRequestTimeoutMs),
      aws: { datetime: amzDate(this.#clock.now()) },
    });
  }

  async put(bytes: Uint8Array, extension: BlobExtension, contentType: string): Promise<string> {
    const key = blobKeyOf(bytes, extension);
    const response = await this.#send('PUT', key, { body: bytes, headers: { 'content-type': contentType } });
    if (!response.ok) throw unavailable('PUT', response.status);
    await response.body?.cancel();
    return key;
  }

  async get(key: string): Promise<Uint8Array | null> {
    if (!isBlobKey(key)) return null;
    const response = await this.#send('GET', key);
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) throw unavailable('GET', response.status);
    return new Uint8Array(await response.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    if (!isBlobKey(key)) return;
    const response = await this.#send('DELETE', key);
    await response.body?.cancel();
    // S3 answers 204 whether or not the object existed; some compatible stores answer 404.
    if (!response.ok && response.status !== 404) throw unavailable('DELETE', response.status);
  }
}
