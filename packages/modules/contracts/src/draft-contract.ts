// Drawing up a contract: the template filled from the economic terms (passed as JSON), rendered to a
// PDF and stored with the terms beside it. The PDF's SHA-256 is the document hash the customer's SMS
// code is bound to; the terms' hash (SHA-256 of their canonical JSON) and the document hash go into
// the evidence log in the same transaction. A new draft for the same subject supersedes the older
// drafts (signing one of those is refused); a subject whose contract is signed takes no new draft.
import { createHash } from 'node:crypto';
import type { Executor } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { and, eq, sql } from 'drizzle-orm';
import { canonicalJson } from './canonical-json';
import { renderContractPdf } from './contract-pdf';
import type { ContractsDeps } from './deps';
import { ContractsErrors } from './errors';
import { appendEvidence } from './evidence-log';
import { ContractsLimits } from './limits';
import { contractsContracts } from './schema';
import {
  type ContractLocale,
  type ContractTemplate,
  contractLocales,
  isContractTemplate,
  templates,
} from './templates';

export const contractSubjectKinds = ['rental', 'installment', 'buyout', 'renewal'] as const;
export type ContractSubjectKind = (typeof contractSubjectKinds)[number];

export interface DraftedContract {
  contractId: string;
  documentHash: string;
  version: number;
}

function invalid(path: string, message: string) {
  return ContractsErrors.CONTRACTS_TERMS_INVALID({ errors: [{ path, message }] });
}

/** Checks the terms against the template: its required fields, money as integer 分, rates in bps. */
function checkTerms(template: ContractTemplate, terms: Record<string, unknown>): void {
  const def = templates[template];
  const text = canonicalJson(terms);
  if (text.length > ContractsLimits.termsBytesMax)
    throw invalid('/terms', `at most ${ContractsLimits.termsBytesMax} bytes`);
  for (const field of [...(def.headline ? [def.headline] : []), ...def.fields]) {
    const value = terms[field.key];
    if (value === undefined) {
      if (field.required) throw invalid(`/terms/${field.key}`, 'required by the template');
      continue;
    }
    const integer = field.format === 'money' || field.format === 'bps' || field.format === 'integer';
    if (integer && !(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)) {
      throw invalid(`/terms/${field.key}`, 'a non-negative integer (money in 分, rates in basis points)');
    }
    if (!integer && typeof value !== 'string') throw invalid(`/terms/${field.key}`, 'a string');
  }
}

export async function draftContract(
  tx: Executor,
  deps: Pick<ContractsDeps, 'clock'>,
  options: {
    customerId: string;
    subject: { kind: ContractSubjectKind; id: string };
    template: ContractTemplate;
    locale: ContractLocale;
    terms: Record<string, unknown>;
  },
): Promise<DraftedContract> {
  if (!isContractTemplate(options.template)) throw invalid('/template', 'an unknown template');
  if (!(contractLocales as readonly string[]).includes(options.locale)) throw invalid('/locale', 'zh-CN or en');
  if (!(contractSubjectKinds as readonly string[]).includes(options.subject.kind) || options.subject.id.length === 0) {
    throw invalid('/subject', 'rental, installment, buyout or renewal, with an id');
  }
  checkTerms(options.template, options.terms);
  const now = deps.clock.now();
  // One draft at a time per subject: the lock orders concurrent drafts and signatures of it.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`contracts:subject:${options.subject.kind}:${options.subject.id}`}))`,
  );
  const earlier = await tx
    .select({ version: contractsContracts.version, status: contractsContracts.status })
    .from(contractsContracts)
    .where(
      and(
        eq(contractsContracts.subjectKind, options.subject.kind),
        eq(contractsContracts.subjectId, options.subject.id),
      ),
    );
  if (earlier.some((c) => c.status === 'signed')) throw ContractsErrors.CONTRACTS_ALREADY_SIGNED();
  const version = Math.max(0, ...earlier.map((c) => c.version)) + 1;
  const terms = JSON.parse(canonicalJson(options.terms)) as Record<string, unknown>;
  const termsHash = createHash('sha256').update(canonicalJson(terms)).digest('hex');
  const contractId = newId('ctr', deps.clock);
  const template = templates[options.template];
  const pdf = await renderContractPdf({
    contractId,
    version,
    template: options.template,
    locale: options.locale,
    customerId: options.customerId,
    subject: options.subject,
    terms,
    termsHash,
    createdAt: now,
  });
  const documentHash = createHash('sha256').update(pdf).digest('hex');
  await tx
    .update(contractsContracts)
    .set({ status: 'superseded' })
    .where(
      and(
        eq(contractsContracts.subjectKind, options.subject.kind),
        eq(contractsContracts.subjectId, options.subject.id),
        eq(contractsContracts.status, 'draft'),
      ),
    );
  await tx.insert(contractsContracts).values({
    id: contractId,
    customerId: options.customerId,
    subjectKind: options.subject.kind,
    subjectId: options.subject.id,
    template: options.template,
    templateVersion: template.version,
    locale: options.locale,
    version,
    status: 'draft',
    terms,
    termsHash,
    draftPdf: pdf.toString('base64'),
    documentHash,
    createdAt: now,
  });
  await appendEvidence(tx, {
    subject: { kind: 'contract', id: contractId },
    customerId: options.customerId,
    kind: 'contract.drafted',
    data: {
      contractId,
      about: options.subject,
      version,
      template: options.template,
      templateVersion: template.version,
      locale: options.locale,
      termsHash,
      documentHash,
    },
    at: now,
  });
  return { contractId, documentHash, version };
}
