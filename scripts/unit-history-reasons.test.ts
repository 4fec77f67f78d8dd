// Every reason code inventory writes on a unit's history (unitReasonCodes) has a label in the
// console's languages (zh-CN and English), with the same placeholders in both, and every placeholder
// a label uses is a parameter some writer of that code fills — so the unit history never shows a bare
// code, an English sentence in the Chinese console, or an unfilled {{…}}.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { unitReasonsEn, unitReasonsZhCN } from '../apps/admin/src/i18n/sections/unit-reasons';
import { unitReasonCodes } from '../packages/modules/inventory/src/unit-reasons';

const root = join(import.meta.dirname, '..');
const placeholders = (label: string) => [...label.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] as string).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** code → the parameter names its writers give: `reason: { code: '…', params: { a: …, b: … } }`. */
function writtenParams(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const file of sourceFiles(join(root, 'packages/modules'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/code: '([a-z_]+)',?\s*(?:params: \{([^}]*)\})?/g)) {
      const code = m[1] as string;
      if (!(unitReasonCodes as readonly string[]).includes(code)) continue;
      const names = [...(m[2] ?? '').matchAll(/(\w+)(?=:|,|\s*$)/g)].map((n) => n[1] as string);
      const set = found.get(code) ?? new Set<string>();
      for (const n of names) set.add(n);
      found.set(code, set);
    }
  }
  return found;
}

describe('unit history reason labels', () => {
  test('every code has a label in zh-CN and English, with the same placeholders', () => {
    const missing = unitReasonCodes.filter((code) => !unitReasonsZhCN[code] || !unitReasonsEn[code]);
    expect(missing).toEqual([]);
    for (const code of unitReasonCodes) {
      expect(placeholders(unitReasonsEn[code]), code).toEqual(placeholders(unitReasonsZhCN[code]));
    }
  });

  test('no label for a code inventory does not know, and no English in the Chinese labels', () => {
    expect(Object.keys(unitReasonsZhCN).sort()).toEqual([...unitReasonCodes].sort());
    for (const [code, label] of Object.entries(unitReasonsZhCN)) {
      const words = label.replace(/\{\{\w+\}\}/g, '').replace(/\b(CSV|IMEI)\b/g, '');
      expect(words, code).not.toMatch(/[A-Za-z]{2,}/);
    }
  });

  test('a label uses only parameters its writers fill (the order-flow defaults fill orderRef)', () => {
    const written = writtenParams();
    for (const code of unitReasonCodes) {
      const given = new Set(written.get(code) ?? []);
      if (code.startsWith('order_') || code.startsWith('reservation_')) given.add('orderRef');
      for (const name of placeholders(unitReasonsZhCN[code])) {
        expect(given.has(name), `${code} uses {{${name}}}`).toBe(true);
      }
    }
  });
});
