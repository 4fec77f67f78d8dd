// Reading contracts: a customer's own, a staff search, one PDF (the sealed copy once signed, else
// the draft) and the daily roots.
import type { Executor } from '@zulin/db';
import { decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { ContractsErrors } from './errors';
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

export const contractStatuses = ['draft', 'signed', 'superseded', 'withdrawn'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

export interface ContractFilter {
  status?: ContractStatus;
  /** Exact customer id (staff); a customer's own list always filters by the caller. */
  customerId?: string;
  /** Staff search: the contract id, the customer id or the subject's (order's) id, exact. */
  q?: string;
  limit?: number;
  cursor?: string;
}

/**
 * Contracts newest first, a page at a time: keyset on (createdAt, id) descending, the cursor holding
 * the last row's pair, so a contract drawn up while a client pages never shifts a page.
 */
export async function listContracts(db: Executor, filter: ContractFilter): Promise<Page<ContractView>> {
  const limit = pageLimit(filter.limit);
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(contractsContracts.status, filter.status));
  if (filter.customerId) conditions.push(eq(contractsContracts.customerId, filter.customerId));
  if (filter.q) {
    const q = filter.q;
    const match = or(
      eq(contractsContracts.id, q),
      eq(contractsContracts.customerId, q),
      eq(contractsContracts.subjectId, q),
    );
    if (match) conditions.push(match);
  }
  if (filter.cursor) {
    const [at, id] = decodeCursor(filter.cursor);
    const instant = typeof at === 'string' ? new Date(at) : null;
    if (instant === null || Number.isNaN(instant.getTime()) || typeof id !== 'string') {
      throw KernelErrors.VALIDATION_FAILED({
        errors: [{ path: '/query/cursor', message: 'Invalid cursor', code: 'INVALID_CURSOR' }],
      });
    }
    const after = or(
      lt(contractsContracts.createdAt, instant),
      and(eq(contractsContracts.createdAt, instant), lt(contractsContracts.id, id)),
    );
    if (after) conditions.push(after);
  }
  const rows = await db
    .select()
    .from(contractsContracts)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(contractsContracts.createdAt), desc(contractsContracts.id))
    .limit(limit + 1);
  return toPage(rows.map(toContractView), limit, (c) => [c.createdAt, c.id]);
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

/** The PDF to hand out: the sealed copy once signed, else the draft. */
export function contractPdf(row: Row): { pdf: Buffer; fileName: string } {
  const signed = row.signedPdf !== null;
  return {
    pdf: Buffer.from(signed ? (row.signedPdf as string) : row.draftPdf, 'base64'),
    fileName: `zulin-contract-${row.id}${signed ? '-signed' : '-draft'}.pdf`,
  };
}
