// Every audit action the code base records has a label in the console's languages (zh-CN and
// English), so that the audit log never shows a bare code to an operator. The actions are found by
// reading the modules' source the way a reader would: `action: '…'` (and `auditAction: '…'`, the
// audited settings'), the codes of a ternary on that line, a `const` named there, identity's login
// `audit('…')` helper, and the template strings below with what fills them. A new action without a
// label, or a new template this file does not know how to expand, fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { auditActionsEn, auditActionsZhCN } from '../apps/admin/src/i18n/sections/audit-actions';

const root = join(import.meta.dirname, '..');
const CODE = /'([a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*)'/g;

type Labels = Record<string, Record<string, string>>;

/** The label of `module.thing` (the console looks it up as `auditActions.module.thing`). */
function labelOf(labels: Labels, code: string): string | undefined {
  const dot = code.indexOf('.');
  return labels[code.slice(0, dot)]?.[code.slice(dot + 1)];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function read(path: string): string {
  return readFileSync(join(root, path), 'utf8');
}

/** The quoted members of `export const <name> = [ … ]` in a file. */
function listOf(path: string, name: string): string[] {
  const match = new RegExp(`export const ${name} = \\[([^\\]]*)\\]`).exec(read(path));
  if (!match?.[1]) throw new Error(`${path}: no list ${name}`);
  return [...match[1].matchAll(/'([a-z_]+)'/g)].map((m) => m[1] as string);
}

/** The `action: '…'` of every `changeFault(tx, { … })` call: what fills `rental.fault_${options.action}`. */
function faultChanges(): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(join(root, 'packages/modules/rental/src'))) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(/changeFault\(tx, \{[\s\S]*?\n {2}\}\)/g)) {
      for (const m of call[0].matchAll(/\baction: '([a-z_]+)'/g)) found.add(m[1] as string);
    }
  }
  return [...found];
}

/** What fills each `${…}` of the template-string actions, keyed by the template as written. */
const templates: Record<string, () => string[][]> = {
  'rental.order_${action}': () => [listOf('packages/modules/rental/src/order-machine.ts', 'orderActions')],
  'rental.fault_${options.action}': () => [faultChanges()],
  'risk.device_${options.kind}_requested': () => [listOf('packages/modules/risk/src/kinds.ts', 'deviceCommandKinds')],
  'risk.device_${command.kind}_${answer.status}': () => {
    const answer = /status: ('[a-z_]+'(?: \| '[a-z_]+')*);/.exec(
      read('packages/modules/risk/src/answer-device-command.ts'),
    );
    if (!answer?.[1]) throw new Error('answer-device-command.ts: no answer status union');
    return [
      listOf('packages/modules/risk/src/kinds.ts', 'deviceCommandKinds'),
      [...answer[1].matchAll(/'([a-z_]+)'/g)].map((m) => m[1] as string),
    ];
  },
  'support.ticket_${options.action}': () => [listOf('packages/modules/support/src/tickets.ts', 'ticketActions')],
  'support.chat_${change.event}': () => [listOf('packages/modules/support/src/chats.ts', 'chatSystemEvents')],
  'inventory.unit_${unit.state}': () => [listOf('packages/modules/inventory/src/schema.ts', 'unitStates')],
};
/** Expressions that pass on an action written elsewhere (and collected there). */
const passThrough = new Set(['spec.auditAction', 'audit.action', 'row.action', 'entry.action', 'options.action']);

function expand(template: string, where: string): string[] {
  const parts = template.split(/\$\{[^}]*\}/);
  const holes = [...template.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1] as string);
  // `${x ? 'a' : 'b'}` carries its own values.
  const ternaries = holes.map((hole) => /\? '([a-z_]+)' : '([a-z_]+)'$/.exec(hole));
  const values = ternaries.every((t) => t !== null)
    ? ternaries.map((t) => [t[1] as string, t[2] as string])
    : templates[template]?.();
  if (!values) throw new Error(`${where}: the action template \`${template}\` is not known to this test: add it`);
  let codes = [parts[0] as string];
  values.forEach((options, i) => {
    expect(options.length, `${where}: \`${template}\` hole ${i} has no values`).toBeGreaterThan(0);
    codes = codes.flatMap((code) => options.map((value) => code + value + parts[i + 1]));
  });
  return codes;
}

function codesOf(expression: string, text: string, where: string, seen = new Set<string>()): string[] {
  const found = [...expression.matchAll(CODE)].map((m) => m[1] as string);
  for (const m of expression.matchAll(/`([^`]*)`/g)) found.push(...expand(m[1] as string, where));
  if (found.length > 0) return found;
  const name = expression.trim();
  if (passThrough.has(name)) return [];
  if (/^[A-Za-z_]\w*$/.test(name) && !seen.has(name)) {
    const declared = new RegExp(`const ${name}(?:: [^=]+)? = ([^;]+);`).exec(text);
    if (declared?.[1]) return codesOf(declared[1], text, where, new Set([...seen, name]));
  }
  throw new Error(`${where}: cannot tell which audit action \`${name}\` is: write a code, or teach this test`);
}

function recordedAuditActions(): Map<string, string> {
  const actions = new Map<string, string>();
  const modules = join(root, 'packages/modules');
  for (const module of readdirSync(modules)) {
    const src = join(modules, module, 'src');
    let files: string[];
    try {
      files = sourceFiles(src);
    } catch {
      continue;
    }
    // api-schemas.ts describes the API's shapes (`action: Type.String()`), no action is recorded there.
    for (const file of files.filter((f) => !f.endsWith('api-schemas.ts'))) {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n');
      lines.forEach((line, index) => {
        const where = `${relative(root, file)}:${index + 1}`;
        const add = (code: string) => {
          if (!actions.has(code)) actions.set(code, where);
        };
        // A literal code anywhere (`{ action: 'x.y', … }` on one line), and identity's login helper.
        for (const m of line.matchAll(/\b(?:action|auditAction): '([a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*)'/g))
          add(m[1] as string);
        for (const m of line.matchAll(/\baudit\('([^']+)'/g)) add(m[1] as string);
        // A property on a line of its own: the whole expression (a ternary, a template, a const).
        const property = /^(?:action|auditAction): (.+),$/.exec(line.trim());
        // `action,` (shorthand): a const of the file, or a parameter passed on (collected at its caller).
        const writesAudit = /\brecordAudits?\(|\baudit\(tx\b/.test(text);
        if (line.trim() === 'action,') {
          if (!writesAudit) return;
          const declared = /const action(?:: [^=]+)? = ([^;]+);/.exec(text);
          if (declared?.[1]) for (const code of codesOf(declared[1], text, where)) add(code);
          return;
        }
        const expression = property?.[1];
        if (expression === undefined) return;
        // Properties named action that are not audit codes (an order's transition 'submit', a bank's code).
        // (quoted words that are no `module.thing` code and no template).
        if (/'/.test(expression) && !/`/.test(expression) && !new RegExp(CODE.source).test(expression)) return;
        // An expression the scan cannot read matters only where an audit entry is written.
        if (!writesAudit && !/['`]/.test(expression)) return;
        for (const code of codesOf(expression, text, where)) add(code);
      });
    }
  }
  return actions;
}

describe('audit action labels', () => {
  const actions = recordedAuditActions();

  test('the scan finds the actions it must (a broken scan fails here, not silently)', () => {
    for (const code of [
      'http.staff_request',
      'staff.login_failed',
      'catalog.product_published',
      'catalog.rate_cap_changed',
      'rental.order_submit',
      'rental.fault_resolved',
      'risk.case_approved',
      'risk.device_lock_acknowledged',
      'support.chat_taken',
      'inventory.unit_in_stock',
      'installment.funder_settlement_proposed',
    ]) {
      expect(actions.has(code), code).toBe(true);
    }
    expect(actions.size).toBeGreaterThan(150);
  });

  test('every recorded audit action has a label in zh-CN and English', () => {
    const missing = [...actions]
      .filter(([code]) => labelOf(auditActionsZhCN, code) === undefined || labelOf(auditActionsEn, code) === undefined)
      .map(([code, where]) => `${code} (${where})`);
    expect(missing).toEqual([]);
  });

  test('the labels are real: Chinese in zh-CN, English in English, and none for an action never recorded', () => {
    const labelled = Object.entries(auditActionsZhCN).flatMap(([module, things]) =>
      Object.keys(things).map((thing) => `${module}.${thing}`),
    );
    for (const code of labelled) {
      expect(labelOf(auditActionsZhCN, code), code).toMatch(/[\u4e00-\u9fff]/);
      expect(labelOf(auditActionsEn, code), code).toMatch(/^[A-Z][A-Za-z0-9 ,'’()-]+$/);
    }
    expect(labelled.filter((code) => !actions.has(code))).toEqual([]);
  });
});
