// The seal's certificate as a PKCS#12 file (what @signpdf/signer-p12 signs with), made with
// node-forge: an RSA 2048 key and a self-signed certificate for document signing. The sandbox makes
// one; production reads its own from ZULIN_CONTRACT_SEAL_P12 (base64) and ZULIN_CONTRACT_SEAL_PASSWORD.
import { randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface SealP12 {
  p12Base64: string;
  password: string;
}

export function makeSealP12(commonName: string, now: Date): SealP12 {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 86_400_000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 86_400_000);
  const attrs = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'Zulin' },
    { name: 'countryName', value: 'CN' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const password = randomBytes(12).toString('base64url');
  const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], password, { algorithm: '3des' });
  return { p12Base64: forge.util.encode64(forge.asn1.toDer(asn1).getBytes()), password };
}
