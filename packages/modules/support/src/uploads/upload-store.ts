// Where this process keeps uploaded files (feedback media, ticket and chat images): an S3-compatible
// object store when `ZULIN_S3_*` configures one, else files under the data directory. Read from the
// environment once per app. A partial S3 configuration refuses to start, naming what is missing: a
// server that silently kept files on its own disk while the operator meant a shared bucket would
// lose them with the machine.
import { join } from 'node:path';
import type { AdapterStatus, AppContext } from '@zulin/platform';
import { DataDirBlobStore } from './data-dir-store';
import { S3BlobStore, type S3Config } from './s3-store';
import type { BlobStore } from './storage';

/** Every variable an S3-compatible store needs; `ZULIN_S3_PREFIX` (a folder in the bucket) is optional. */
export const s3Variables = [
  'ZULIN_S3_ENDPOINT',
  'ZULIN_S3_BUCKET',
  'ZULIN_S3_REGION',
  'ZULIN_S3_ACCESS_KEY_ID',
  'ZULIN_S3_SECRET_ACCESS_KEY',
] as const;

/** The S3 settings of the environment: undefined when none is set; an error naming the rest when only some are. */
export function s3ConfigOf(env: NodeJS.ProcessEnv): S3Config | undefined {
  const given = s3Variables.filter((name) => env[name]?.trim());
  const prefix = env.ZULIN_S3_PREFIX?.trim() || undefined;
  if (given.length === 0 && prefix === undefined) return undefined;
  const missing = s3Variables.filter((name) => !given.includes(name));
  if (missing.length > 0) {
    throw new Error(
      `the S3-compatible upload store needs ${missing.join(', ')} (or none of ZULIN_S3_* for the data directory)`,
    );
  }
  const value = (name: (typeof s3Variables)[number]) => String(env[name]).trim();
  const endpoint = value('ZULIN_S3_ENDPOINT').replace(/\/$/, '');
  if (!/^https?:\/\/[^/\s]+$/.test(endpoint)) {
    throw new Error(
      `ZULIN_S3_ENDPOINT must be scheme://host[:port], e.g. https://s3.cn-north-1.amazonaws.com.cn, got "${endpoint}"`,
    );
  }
  const bucket = value('ZULIN_S3_BUCKET');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new Error(`ZULIN_S3_BUCKET must be an S3 bucket name (3–63 of a–z, 0–9, "." and "-"), got "${bucket}"`);
  }
  if (prefix !== undefined && !/^([a-z0-9_-]+\/)+$/.test(prefix)) {
    throw new Error(`ZULIN_S3_PREFIX must be folder names each ending in "/", e.g. uploads/, got "${prefix}"`);
  }
  return {
    endpoint,
    bucket,
    region: value('ZULIN_S3_REGION'),
    accessKeyId: value('ZULIN_S3_ACCESS_KEY_ID'),
    secretAccessKey: value('ZULIN_S3_SECRET_ACCESS_KEY'),
    ...(prefix === undefined ? {} : { prefix }),
  };
}

const stores = new WeakMap<AppContext, BlobStore>();

/** The one store of uploaded files of this app, shared by feedback and support. */
export function uploadStoreOf(ctx: AppContext): BlobStore {
  let store = stores.get(ctx);
  if (store === undefined) {
    const s3 = s3ConfigOf(process.env);
    store =
      s3 === undefined
        ? new DataDirBlobStore(join(ctx.config.dataDir, 'feedback-media'))
        : new S3BlobStore(s3, ctx.clock);
    stores.set(ctx, store);
  }
  return store;
}

/** `/readyz`'s line for the upload store: which one, never a sandbox (both are the real thing). */
export function uploadStoreStatus(_ctx: AppContext): AdapterStatus {
  const s3 = s3ConfigOf(process.env);
  return {
    name: 'support.uploads',
    mode: 'production',
    detail:
      s3 === undefined
        ? 'files under the data directory'
        : `S3-compatible store ${s3.endpoint}/${s3.bucket}/${s3.prefix ?? ''}`,
  };
}
