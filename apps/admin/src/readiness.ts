import type { TFunction } from 'i18next';

// Every check `/readyz` answers today (platform app.ts), each named in both languages (status.checks).
const KNOWN_CHECKS = ['database', 'migrations', 'adapters', 'halts'] as const;
type KnownCheck = (typeof KNOWN_CHECKS)[number];

function isKnownCheck(name: string): name is KnownCheck {
  return (KNOWN_CHECKS as readonly string[]).includes(name);
}

/** The translated name of a `/readyz` check; a check this console does not know yet shows its own name. */
export function checkLabel(name: string, t: TFunction): string {
  return isKnownCheck(name) ? t(`status.checks.${name}`) : name;
}

const KNOWN_STATES = ['ok', 'failing', 'pending'] as const;
type KnownState = (typeof KNOWN_STATES)[number];

function isKnownState(value: string): value is KnownState {
  return (KNOWN_STATES as readonly string[]).includes(value);
}

/** The translated state of a check; a state this console does not know yet shows the server's own word. */
export function checkValue(value: string, t: TFunction): string {
  return isKnownState(value) ? t(`status.checkStates.${value}`) : value;
}

export function countPassed(checks: Record<string, string>): { passed: number; total: number } {
  const values = Object.values(checks);
  return { passed: values.filter((value) => value === 'ok').length, total: values.length };
}
