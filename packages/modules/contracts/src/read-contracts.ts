// Reading contracts: a customer's own, a staff search, one PDF (the sealed copy once signed, else
// the draft) and the daily roots.
import type { Executor } from '@zulin/db';
import { and, desc, eq, or } from 'drizzle-orm';
import { ContractsErrors } from './errors';
import { ContractsLimits } from './limits';
import { contractsContracts } from './schema';

type Row = typeof contractsContracts.$inferSelect;

export interface ContractView {
  id: string;
  customerId: string;
  subject: { kind: string; id: string };
  template: string;
  templateVersion: number;
  locale: string;
  version: number;
  status: Row['status'];
  terms: Record<string, unknown>;
  termsHash: string;
  documentHash: string;
  signedPdfHash: string | null;
  signatureKind: string | null;
  signedAt: string | null;
  createdAt: string;
}

export function toContractView(row: Row): ContractView {
  return {
    id: row.id,
    customerId: row.customerId,
    subject: { kind: row.subjectKind, id: row.subjectId },
    template: row.template,
    templateVersion: row.templateVersion,
    locale: row.locale,
    version: row.version,
    status: row.status,
    terms: row.terms as Record<string, unknown>,
    termsHash: row.termsHash,
    documentHash: row.documentHash,
    signedPdfHash: row.signedPdfHash,
    signatureKind: row.signatureKind,
    signedAt: row.signedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listMyContracts(db: Executor, customerId: string): Promise<ContractView[]> {
  const rows = await db
    .select()
    .from(contractsContracts)
    .where(eq(contractsContracts.customerId, customerId))
    .orderBy(desc(contractsContracts.createdAt), desc(contractsContracts.id))
    .limit(ContractsLimits.contractsPageMax);
  return rows.map(toContractView);
}

/** One contract; with `customerId`, only that customer's (404 otherwise). */
export async function getContract(db: Executor, contractId: string, customerId?: string): Promise<Row> {
  const [row] = await db
    .select()
    .from(contractsContracts)
    .where(
      customerId === undefined
        ? eq(contractsContracts.id, contractId)
        : and(eq(contractsContracts.id, contractId), eq(contractsContracts.customerId, customerId)),
    );
  if (!row) throw ContractsErrors.CONTRACTS_CONTRACT_NOT_FOUND();
  return row;
}

/** Staff search by contract id, customer id or the subject's id (exact), newest first. */
export async function searchContracts(db: Executor, q: string | undefined): Promise<ContractView[]> {
  const query = db.select().from(contractsContracts);
  const filtered = q
    ? query.where(
        or(eq(contractsContracts.id, q), eq(contractsContracts.customerId, q), eq(contractsContracts.subjectId, q)),
      )
    : query;
  const rows = await filtered
    .orderBy(desc(contractsContracts.createdAt), desc(contractsContracts.id))
    .limit(ContractsLimits.contractsPageMax);
  return rows.map(toContractView);
}

/** The PDF to hand out: the sealed copy once signed, else the draft. */
export function contractPdf(row: Row): { pdf: Buffer; fileName: string } {
  const signed = row.signedPdf !== null;
  return {
    pdf: Buffer.from(signed ? (row.signedPdf as string) : row.draftPdf, 'base64'),
    fileName: `zulin-contract-${row.id}${signed ? '-signed' : '-draft'}.pdf`,
  };
}
