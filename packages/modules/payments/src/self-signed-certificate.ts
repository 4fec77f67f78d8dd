// A minimal self-signed X.509 v3 certificate (RSA, sha256WithRSAEncryption), written in DER by hand
// because node:crypto reads certificates but does not make them. The sandbox uses it to play WeChat
// Pay's platform-certificate mode with a certificate our verifier reads through `X509Certificate`,
// exactly as it reads one downloaded from WeChat Pay.
import { createSign, type KeyObject, X509Certificate } from 'node:crypto';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...content: Buffer[]) => tlv(0x30, ...content);
const sha256WithRsa = sequence(tlv(0x06, Buffer.from('2a864886f70d01010b', 'hex')), Buffer.from([0x05, 0x00]));
const commonName = Buffer.from('550403', 'hex');

function utcTime(at: Date): Buffer {
  const iso = at.toISOString(); // 2026-12-02T08:40:00.000Z
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

function name(cn: string): Buffer {
  return sequence(tlv(0x31, sequence(tlv(0x06, commonName), tlv(0x0c, Buffer.from(cn, 'utf8')))));
}

/**
 * Makes a certificate for `publicKey`, signed by `privateKey`, with the given serial (upper-case hex,
 * first digit 1–7 so that DER keeps it as written). Dates before 2050 (UTCTime).
 */
export function selfSignedCertificate(options: {
  serialHex: string;
  commonName: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
}): string {
  if (!/^[1-7][0-9A-F]{7,39}$/.test(options.serialHex) || options.serialHex.length % 2 !== 0) {
    throw new Error('The serial is 8 to 40 upper-case hex digits, an even count, starting with 1–7.');
  }
  const tbs = sequence(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, Buffer.from(options.serialHex, 'hex')),
    sha256WithRsa,
    name(options.commonName),
    sequence(utcTime(options.notBefore), utcTime(options.notAfter)),
    name(options.commonName),
    options.publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = createSign('RSA-SHA256').update(tbs).sign(options.privateKey);
  const der = sequence(tbs, sha256WithRsa, tlv(0x03, Buffer.from([0]), signature));
  const base64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  const pem = `-----BEGIN CERTIFICATE-----\n${base64.endsWith('\n') ? base64 : `${base64}\n`}-----END CERTIFICATE-----\n`;
  // Read it back once: a certificate node cannot parse is a bug here, not at the first callback.
  new X509Certificate(pem);
  return pem;
}
