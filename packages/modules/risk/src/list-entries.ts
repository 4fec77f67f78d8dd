// Blacklists and allowlists: ID numbers, phones and addresses by blind index (the clear value is
// never stored), device fingerprints and IP ranges (CIDR) as they are; each entry says who added
// it and why, and removing one keeps it (with who removed it and why). Every change is audited.

import { isIP } from 'node:net';
import type { Executor } from '@zulin/db';
import { blindIndex, checkIdNumber, maskIdNumber, maskPhone, maskText, parsePhone } from '@zulin/identity';
import { decodeCursor, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, desc, eq, isNull, lt, or, type SQL } from 'drizzle-orm';
import { RiskErrors } from './errors';
import { type ListKind, type ListName, riskListEntries } from './schema';

export type ListEntryRow = typeof riskListEntries.$inferSelect;

const invalid = (message: string) => RiskErrors.RISK_LIST_VALUE_INVALID({ errors: [{ path: '/body/value', message }] });

/** The stored value and its masked display for one kind of entry. */
export function listValueOf(masterKey: Buffer, kind: ListKind, input: string): { value: string; display: string } {
  const raw = input.trim();
  switch (kind) {
    case 'id_number': {
      const checked = checkIdNumber(raw);
      if (!checked.ok) throw invalid(`Not a valid ID number (${checked.problem})`);
      return { value: blindIndex(masterKey, 'id_number', checked.idNumber), display: maskIdNumber(checked.idNumber) };
    }
    case 'phone': {
      const phone = parsePhone(raw, '/body/value');
      return { value: blindIndex(masterKey, 'phone', phone), display: maskPhone(phone) };
    }
    case 'address':
      if (raw.length < 4) throw invalid('An address needs province, city, district and street');
      return { value: blindIndex(masterKey, 'address', raw), display: maskText(raw) };
    case 'device':
      if (!/^[A-Za-z0-9._:-]{8,128}$/.test(raw))
        throw invalid('A device fingerprint is 8–128 letters, digits or . _ : -');
      return { value: raw, display: raw };
    case 'ip_cidr': {
      const [address, bits, extra] = raw.split('/');
      const family = isIP(address ?? '');
      const max = family === 4 ? 32 : 128;
      const prefix = bits === undefined ? max : Number(bits);
      if (
        family === 0 ||
        extra !== undefined ||
        !Number.isInteger(prefix) ||
        prefix < 0 ||
        prefix > max ||
        (bits !== undefined && !/^[0-9]+$/.test(bits))
      ) {
        throw invalid('An IP address or range like 203.0.113.0/24');
      }
      const cidr = `${address}/${prefix}`;
      return { value: cidr, display: cidr };
    }
  }
}

/** Active entries, newest first, a cursor page at a time. */
export async function listListEntries(
  db: Executor,
  options: {
    list?: ListName | undefined;
    kind?: ListKind | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
): Promise<Page<ListEntryRow>> {
  const limit = pageLimit(options.limit);
  const conditions: (SQL | undefined)[] = [isNull(riskListEntries.removedAt)];
  if (options.list !== undefined) conditions.push(eq(riskListEntries.list, options.list));
  if (options.kind !== undefined) conditions.push(eq(riskListEntries.kind, options.kind));
  if (options.cursor !== undefined) {
    const [at, id] = decodeCursor(options.cursor);
    const after = new Date(String(at));
    conditions.push(
      or(
        lt(riskListEntries.createdAt, after),
        and(eq(riskListEntries.createdAt, after), lt(riskListEntries.id, String(id))),
      ),
    );
  }
  const rows = await db
    .select()
    .from(riskListEntries)
    .where(and(...conditions))
    .orderBy(desc(riskListEntries.createdAt), desc(riskListEntries.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => [row.createdAt.toISOString(), row.id]);
}
