// Minimal X.509 v3 certificates (sha256WithRSAEncryption, sha1WithRSAEncryption; ECDSA for tests), written in
// DER by hand because node:crypto reads certificates but does not make them. The sandbox uses them to
// play WeChat Pay's platform-certificate mode (self-signed) and Alipay's public-key certificate mode
// (a root, and the Alipay and app certificates it issues), read by our verifier and the official
// clients exactly as they read ones downloaded from the channels.
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
const signatureAlgorithms = {
  sha256WithRSA: { oid: '2a864886f70d01010b', hash: 'RSA-SHA256' },
  sha1WithRSA: { oid: '2a864886f70d010105', hash: 'RSA-SHA1' },
  // For an issuer with an EC key (a root that is not RSA-signed, left out of alipay_root_cert_sn).
  ecdsaWithSHA256: { oid: '2a8648ce3d040302', hash: 'SHA256' },
} as const;
export type CertificateSignatureAlgorithm = keyof typeof signatureAlgorithms;
const algorithmIdentifier = (algorithm: CertificateSignatureAlgorithm) =>
  algorithm === 'ecdsaWithSHA256'
    ? sequence(tlv(0x06, Buffer.from(signatureAlgorithms[algorithm].oid, 'hex')))
    : sequence(tlv(0x06, Buffer.from(signatureAlgorithms[algorithm].oid, 'hex')), Buffer.from([0x05, 0x00]));

/** The name attributes written (X.520 OIDs 2.5.4.x); C is a PrintableString, the others UTF8String. */
const attributeOids = { C: '550406', ST: '550408', L: '550407', O: '55040a', OU: '55040b', CN: '550403' } as const;
export type DistinguishedName = ReadonlyArray<readonly [keyof typeof attributeOids, string]>;

function utcTime(at: Date): Buffer {
  const iso = at.toISOString(); // 2026-12-02T08:40:00.000Z
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

/** A Name in the order given (most significant first, as C=…, O=…, CN=…), one attribute per RDN. */
function name(attributes: DistinguishedName): Buffer {
  return sequence(
    ...attributes.map(([type, value]) =>
      tlv(
        0x31,
        sequence(
          tlv(0x06, Buffer.from(attributeOids[type], 'hex')),
          tlv(type === 'C' ? 0x13 : 0x0c, Buffer.from(value, 'utf8')),
        ),
      ),
    ),
  );
}

/**
 * Makes a certificate for `publicKey` (the subject's) signed by `issuerKey` under the issuer's name,
 * with the given serial (upper-case hex, first digit 1–7 so that DER keeps it as written). Dates
 * before 2050 (UTCTime). A root is a certificate whose issuer is its subject and signed by its own key.
 */
export function issuedCertificate(options: {
  serialHex: string;
  subject: DistinguishedName;
  publicKey: KeyObject;
  issuer: DistinguishedName;
  issuerKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  algorithm?: CertificateSignatureAlgorithm;
}): string {
  if (!/^[1-7][0-9A-F]{7,39}$/.test(options.serialHex) || options.serialHex.length % 2 !== 0) {
    throw new Error('The serial is 8 to 40 upper-case hex digits, an even count, starting with 1–7.');
  }
  const algorithm = options.algorithm ?? 'sha256WithRSA';
  const tbs = sequence(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, Buffer.from(options.serialHex, 'hex')),
    algorithmIdentifier(algorithm),
    name(options.issuer),
    sequence(utcTime(options.notBefore), utcTime(options.notAfter)),
    name(options.subject),
    options.publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = createSign(signatureAlgorithms[algorithm].hash).update(tbs).sign(options.issuerKey);
  const der = sequence(tbs, algorithmIdentifier(algorithm), tlv(0x03, Buffer.from([0]), signature));
  const base64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  const pem = `-----BEGIN CERTIFICATE-----\n${base64.endsWith('\n') ? base64 : `${base64}\n`}-----END CERTIFICATE-----\n`;
  // Read it back once: a certificate node cannot parse is a bug here, not at the first callback.
  new X509Certificate(pem);
  return pem;
}

/** A self-signed certificate named by its common name alone (WeChat Pay's platform certificate). */
export function selfSignedCertificate(options: {
  serialHex: string;
  commonName: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
}): string {
  const dn: DistinguishedName = [['CN', options.commonName]];
  return issuedCertificate({
    serialHex: options.serialHex,
    subject: dn,
    publicKey: options.publicKey,
    issuer: dn,
    issuerKey: options.privateKey,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
  });
}
