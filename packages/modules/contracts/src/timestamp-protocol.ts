// RFC 3161 Time-Stamp Protocol, both sides, through pkijs/asn1js (DER):
//  * the client builds a TimeStampReq for a SHA-256 digest with a random nonce and certReq, and
//    checks the TimeStampResp: status granted, a CMS SignedData token whose TSTInfo carries our
//    digest and nonce, and a signature that verifies with the authority's certificate;
//  * the sandbox authority answers a DER TimeStampReq with a DER TimeStampResp signed by its own
//    ECDSA P-256 key behind a self-signed certificate with the timeStamping extended key usage.
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const tstInfoOid = '1.2.840.113549.1.9.16.1.4';
const sha256Oid = '2.16.840.1.101.3.4.2.1';
const timeStampingPurpose = '1.3.6.1.5.5.7.3.8';
const sandboxPolicy = '1.3.6.1.4.1.99999.3161.1';

const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as pkijs.ICryptoEngine['crypto'] });
pkijs.setEngine('node', engine);

const ab = (b: Buffer | Uint8Array): ArrayBuffer => {
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return copy.buffer;
};

function fromDer<T>(der: Buffer | Uint8Array, make: (schema: asn1js.AsnType) => T): T {
  const parsed = asn1js.fromBER(ab(der));
  if (parsed.offset === -1) throw new Error('not DER');
  return make(parsed.result);
}

/** A TimeStampReq (DER) for a SHA-256 digest; the nonce to expect back. */
export function timeStampRequest(digest: Buffer): { der: Buffer; nonceHex: string } {
  if (digest.length !== 32) throw new Error('a SHA-256 digest is 32 bytes');
  // A positive nonce: the top bit of the first byte cleared.
  const nonce = randomBytes(8);
  nonce[0] = ((nonce[0] ?? 0) & 0x7f) | 0x01;
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: sha256Oid }),
      hashedMessage: new asn1js.OctetString({ valueHex: ab(digest) }),
    }),
    nonce: new asn1js.Integer({ valueHex: ab(nonce) }),
    certReq: true,
  });
  return { der: Buffer.from(req.toSchema().toBER(false)), nonceHex: nonce.toString('hex') };
}

export interface TimeStampFacts {
  genTime: Date;
  serialHex: string;
  policy: string;
  digestHex: string;
  nonceHex: string | null;
  /** The TSA's certificate, DER, as carried in the token. */
  certificateDer: Buffer | null;
}

/** Reads a token (ContentInfo with SignedData over TSTInfo) without checking it. */
export function readTimeStampToken(tokenDer: Buffer): { signed: pkijs.SignedData; facts: TimeStampFacts } {
  const contentInfo = fromDer(tokenDer, (schema) => new pkijs.ContentInfo({ schema }));
  if (contentInfo.contentType !== pkijs.ContentInfo.SIGNED_DATA) throw new Error('the token is not SignedData');
  const signed = new pkijs.SignedData({ schema: contentInfo.content });
  if (signed.encapContentInfo.eContentType !== tstInfoOid) throw new Error('the token does not carry a TSTInfo');
  const eContent = signed.encapContentInfo.eContent;
  if (!eContent) throw new Error('the token has no TSTInfo');
  const tst = fromDer(Buffer.from(eContent.getValue()), (schema) => new pkijs.TSTInfo({ schema }));
  const cert = signed.certificates?.[0];
  return {
    signed,
    facts: {
      genTime: tst.genTime,
      serialHex: Buffer.from(tst.serialNumber.valueBlock.valueHexView).toString('hex'),
      policy: tst.policy,
      digestHex: Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView).toString('hex'),
      nonceHex: tst.nonce ? Buffer.from(tst.nonce.valueBlock.valueHexView).toString('hex') : null,
      certificateDer: cert instanceof pkijs.Certificate ? Buffer.from(cert.toSchema().toBER(false)) : null,
    },
  };
}

/**
 * Checks a token for `message` (whose SHA-256 was timestamped): the TSTInfo carries its digest (and
 * `nonceHex` when given), the token's signer is `trustedCertificateDer` when given, and the CMS
 * signature over the signed attributes verifies (pkijs checks the imprint against the message too).
 */
export async function verifyTimeStampToken(
  tokenDer: Buffer,
  message: Buffer,
  options: { nonceHex?: string; trustedCertificateDer?: Buffer; pinnedCertificatesDer?: readonly Buffer[] } = {},
): Promise<TimeStampFacts> {
  const { signed, facts } = readTimeStampToken(tokenDer);
  const digest = createHash('sha256').update(message).digest();
  if (facts.digestHex !== digest.toString('hex')) throw new Error('the token is for another digest');
  if (options.nonceHex !== undefined && facts.nonceHex !== options.nonceHex) {
    throw new Error('the token answers another request (nonce)');
  }
  if (!facts.certificateDer) throw new Error('the token carries no certificate');
  if (options.trustedCertificateDer && !options.trustedCertificateDer.equals(facts.certificateDer)) {
    throw new Error('the token is signed by another authority');
  }
  if (
    options.pinnedCertificatesDer !== undefined &&
    !options.pinnedCertificatesDer.some((pinned) => pinned.equals(facts.certificateDer as Buffer))
  ) {
    throw new Error('the token is signed with a certificate not pinned for this authority');
  }
  // pkijs reads the TSTInfo from a primitive OCTET STRING only; a parsed token may hold it in
  // constructed form, so it is put back as one primitive value (the same bytes, the same digest).
  const eContent = signed.encapContentInfo.eContent;
  if (eContent) signed.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: eContent.getValue() });
  const result = await signed
    .verify({ signer: 0, checkChain: false, data: ab(message), extendedMode: true }, engine)
    .catch((error: unknown) => ({
      signatureVerified: false,
      message: String((error as { message?: string }).message ?? error),
    }));
  if (result.signatureVerified !== true) {
    throw new Error(`the token signature does not verify${'message' in result ? `: ${result.message}` : ''}`);
  }
  return facts;
}

/** The answer of a TimeStampResp: the token (DER) when granted, or the authority's refusal. */
export function readTimeStampResponse(
  respDer: Buffer,
): { granted: true; tokenDer: Buffer } | { granted: false; status: number; text: string } {
  const resp = fromDer(respDer, (schema) => new pkijs.TimeStampResp({ schema }));
  const status = resp.status.status;
  if ((status === 0 || status === 1) && resp.timeStampToken) {
    return { granted: true, tokenDer: Buffer.from(resp.timeStampToken.toSchema().toBER(false)) };
  }
  const text = resp.status.statusStrings?.map((s) => s.valueBlock.value).join('; ') ?? '';
  return { granted: false, status, text };
}

// ── the sandbox authority ─────────────────────────────────────────────────────────────────────────

export interface TsaKeys {
  /** PKCS#8, base64. */
  privateKeyPkcs8: string;
  /** The self-signed certificate, DER, base64. */
  certificateDer: string;
}

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;

function commonName(name: pkijs.RelativeDistinguishedNames, cn: string): void {
  name.typesAndValues.push(
    new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: cn }) }),
  );
}

/** A new authority: an ECDSA P-256 key and a self-signed certificate for time-stamping. */
export async function makeTsaKeys(name: string, now: Date): Promise<TsaKeys> {
  const pair = (await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: ab(Buffer.concat([Buffer.from([0x01]), randomBytes(15)])) });
  commonName(cert.issuer, name);
  commonName(cert.subject, name);
  cert.notBefore.value = new Date(now.getTime() - 86_400_000);
  cert.notAfter.value = new Date(now.getTime() + 10 * 365 * 86_400_000);
  const eku = new pkijs.ExtKeyUsage({ keyPurposes: [timeStampingPurpose] });
  cert.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.37',
      critical: true,
      extnValue: eku.toSchema().toBER(false),
      parsedValue: eku,
    }),
  ];
  await cert.subjectPublicKeyInfo.importKey(pair.publicKey, engine);
  await cert.sign(pair.privateKey, 'SHA-256', engine);
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', pair.privateKey);
  return {
    privateKeyPkcs8: Buffer.from(pkcs8).toString('base64'),
    certificateDer: Buffer.from(cert.toSchema().toBER(false)).toString('base64'),
  };
}

function refusal(status: number, text: string): Buffer {
  const resp = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({ status, statusStrings: [new asn1js.Utf8String({ value: text })] }),
  });
  return Buffer.from(resp.toSchema().toBER(false));
}

/** The sandbox authority's answer to a DER TimeStampReq, stamped at `now`. */
export async function answerTimeStampRequest(keys: TsaKeys, requestDer: Buffer, now: Date): Promise<Buffer> {
  let req: pkijs.TimeStampReq;
  try {
    req = fromDer(requestDer, (schema) => new pkijs.TimeStampReq({ schema }));
  } catch {
    return refusal(2, 'badDataFormat');
  }
  if (req.messageImprint.hashAlgorithm.algorithmId !== sha256Oid) return refusal(2, 'badAlg');
  if (req.messageImprint.hashedMessage.valueBlock.valueHexView.byteLength !== 32) return refusal(2, 'badDataFormat');
  const cert = fromDer(Buffer.from(keys.certificateDer, 'base64'), (schema) => new pkijs.Certificate({ schema }));
  const privateKey = await webcrypto.subtle.importKey(
    'pkcs8',
    Buffer.from(keys.privateKeyPkcs8, 'base64'),
    ecdsa,
    false,
    ['sign'],
  );
  const tst = new pkijs.TSTInfo({
    version: 1,
    policy: req.reqPolicy ?? sandboxPolicy,
    messageImprint: req.messageImprint,
    serialNumber: new asn1js.Integer({ valueHex: ab(Buffer.concat([Buffer.from([0x01]), randomBytes(11)])) }),
    genTime: now,
    accuracy: new pkijs.Accuracy({ seconds: 1 }),
    ...(req.nonce ? { nonce: req.nonce } : {}),
  });
  const tstDer = tst.toSchema().toBER(false);
  const certDer = Buffer.from(keys.certificateDer, 'base64');
  const signed = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: tstInfoOid,
      eContent: new asn1js.OctetString({ valueHex: tstDer }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.3',
              values: [new asn1js.ObjectIdentifier({ value: tstInfoOid })],
            }),
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.4',
              values: [
                new asn1js.OctetString({ valueHex: ab(createHash('sha256').update(Buffer.from(tstDer)).digest()) }),
              ],
            }),
            // RFC 3161 §2.4.2 / RFC 5816: the ESS signing-certificate-v2 attribute names the signer's
            // certificate by its SHA-256 (ESSCertIDv2 with the default hash algorithm).
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.16.2.47',
              values: [
                new asn1js.Sequence({
                  value: [
                    new asn1js.Sequence({
                      value: [
                        new asn1js.Sequence({
                          value: [
                            new asn1js.OctetString({ valueHex: ab(createHash('sha256').update(certDer).digest()) }),
                          ],
                        }),
                      ],
                    }),
                  ],
                }),
              ],
            }),
          ],
        }),
      }),
    ],
    ...(req.certReq ? { certificates: [cert] } : {}),
  });
  await signed.sign(privateKey as unknown as Parameters<pkijs.SignedData['sign']>[0], 0, 'SHA-256', undefined, engine);
  const token = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signed.toSchema(true) });
  const resp = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
    timeStampToken: new pkijs.ContentInfo({ schema: token.toSchema() }),
  });
  return Buffer.from(resp.toSchema().toBER(false));
}
