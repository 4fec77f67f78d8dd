// The seal: a PDF signature (adbe.pkcs7.detached) over the whole signed contract, made with
// @signpdf (a placeholder added through pdf-lib, then a detached CMS signature by the P12 signer).
// Any change to the bytes it covers breaks it; `pdfsig` (poppler) and Acrobat check it. The sandbox
// seals with a self-signed certificate; production with ZULIN_CONTRACT_SEAL_P12 (base64) and
// ZULIN_CONTRACT_SEAL_PASSWORD.
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import type { SealP12 } from './seal-certificate';

export async function sealPdf(
  pdf: Buffer,
  seal: SealP12,
  options: { signingTime: Date; reason: string; location: string },
): Promise<Buffer> {
  const { PDFDocument } = await import('pdf-lib'); // loaded on the first seal, not at start (issue #10)
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: options.reason,
    contactInfo: 'Zulin',
    name: 'Zulin contract seal',
    location: options.location,
    signingTime: options.signingTime,
  });
  const withPlaceholder = Buffer.from(await doc.save({ useObjectStreams: false }));
  const signer = new P12Signer(Buffer.from(seal.p12Base64, 'base64'), { passphrase: seal.password });
  return new SignPdf().sign(withPlaceholder, signer, options.signingTime);
}
