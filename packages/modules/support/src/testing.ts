// For tests: a small S3-compatible server that checks AWS Signature Version 4 the way S3 does
// (written from the specification, independent of the client's signer), keeps objects in memory,
// and answers as S3 does — 403 SignatureDoesNotMatch, 404 NoSuchKey, 204 on delete — or, while
// `unavailable` is set, 503 SlowDown as a store under pressure would.
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const testS3Credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  region: 'cn-north-1',
};

export interface TestS3Server {
  server: Server;
  endpoint: string;
  /** By path, `/<bucket>/<key>`. */
  objects: Map<string, { body: Buffer; type: string }>;
  /** `METHOD /path x-amz-date` of every request whose signature was accepted. */
  seen: string[];
  /** While true, every request is answered 503 SlowDown. */
  unavailable: boolean;
  close(): Promise<void>;
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function expectedSignature(req: IncomingMessage, payloadHash: string): { signature: string; given: string } | null {
  const { accessKeyId, secretAccessKey, region } = testS3Credentials;
  const auth = req.headers.authorization ?? '';
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (match === null || match[1] !== accessKeyId || match[3] !== region) return null;
  const [, , date = '', , signedHeaders = '', given = ''] = match;
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const url = new URL(req.url ?? '/', 'http://x');
  const canonicalHeaders = signedHeaders
    .split(';')
    .map(
      (name) =>
        `${name}:${String(req.headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalRequest = [
    req.method,
    url.pathname,
    url.search.slice(1),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), 's3'), 'aws4_request');
  return { signature: hmac(signingKey, stringToSign).toString('hex'), given };
}

export function startTestS3Server(): Promise<TestS3Server> {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const seen: string[] = [];
  const state = { unavailable: false };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (state.unavailable) {
      res.writeHead(503, { 'content-type': 'application/xml' }).end('<Error><Code>SlowDown</Code></Error>');
      return;
    }
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    const check = expectedSignature(req, payloadHash);
    const bodyHash = createHash('sha256').update(body).digest('hex');
    if (
      check === null ||
      check.signature !== check.given ||
      (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== bodyHash)
    ) {
      res
        .writeHead(403, { 'content-type': 'application/xml' })
        .end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
      return;
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    seen.push(`${req.method} ${path} ${req.headers['x-amz-date']}`);
    if (req.method === 'PUT') {
      objects.set(path, { body, type: String(req.headers['content-type']) });
      res.writeHead(200).end();
    } else if (req.method === 'GET') {
      const object = objects.get(path);
      if (object === undefined) res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
      else res.writeHead(200, { 'content-type': object.type }).end(object.body);
    } else if (req.method === 'DELETE') {
      objects.delete(path);
      res.writeHead(204).end();
    } else res.writeHead(405).end();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        endpoint: `http://127.0.0.1:${port}`,
        objects,
        seen,
        get unavailable() {
          return state.unavailable;
        },
        set unavailable(value: boolean) {
          state.unavailable = value;
        },
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
