// A Stryker ignorer (issue #19, docs/testing.md "What the mutation leaves out"): the words of an
// assertion or of a problem's detail/title are not a rule, so mutating them only measures whether a
// test pins the wording. This ignores exactly those texts and nothing around them:
//
//   * the message argument of an assertion: `assert(cond, MESSAGE)`, `assert.ok(cond, MESSAGE)`,
//     the kernel's `assertMinor(x, NAME)` / `assertNonNegativeMinor(x, NAME)` (NAME is only
//     written into the message) and dates' `civilOfValid(d, NAME)`; `new AssertionError(MESSAGE)`,
//     `new InvariantBroken(scope, MESSAGE)` (the scope is a rule and stays mutated);
//   * the default value of those helpers' NAME parameter (`name = 'amountMinor'`);
//   * the `detail` and `title` properties of the options passed to an error factory
//     (`KernelErrors.VALIDATION_FAILED({ detail })`, `InstallmentErrors.X({ detail })`) and the
//     title argument of `new AppError(code, status, TITLE, { detail })`.
//
// It does NOT ignore: the condition of an assertion, field paths ('/body/amountMinor'), problem
// codes, field codes ('enum'), field messages of `errors: [...]` and `FieldProblems.check(...)`
// (the API returns them per field), locales, formats, or anything computed before a message
// (e.g. the 40-character echo of bad input, which money.ts and dates.ts build outside the text).
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

/** Assertion helpers → the index of their first message argument (every argument from there is text). */
export const messageArgumentFrom = new Map([
  ['assert', 1],
  ['assert.ok', 1],
  ['assertMinor', 1],
  ['assertNonNegativeMinor', 1],
  ['civilOfValid', 1],
]);
/** Error classes built with `new` → the index of their message argument. */
const constructorMessageFrom = new Map([
  ['AssertionError', 0],
  ['InvariantBroken', 1],
  ['AppError', 2],
]);
const problemTextProperties = new Set(['detail', 'title']);
const ERROR_CODE = /^[A-Z][A-Z0-9_]*$/;

/** `assert`, `assert.ok`, `KernelErrors.VALIDATION_FAILED` … as a dotted name, or undefined. */
function calleeName(node) {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = calleeName(node.object);
    return object === undefined ? undefined : `${object}.${node.property.name}`;
  }
  return undefined;
}

/** True for `<Something>Errors.<CODE>(…)` (a catalog's factory, kernel errors.ts) and `new AppError(…)`. */
function isErrorFactoryCall(call) {
  const name = calleeName(call.callee);
  if (name === undefined) return false;
  if (call.type === 'NewExpression') return name === 'AppError';
  const parts = name.split('.');
  return parts.length === 2 && parts[0].endsWith('Errors') && ERROR_CODE.test(parts[1]);
}

/** Why the node at `path` is left unmutated, or undefined to mutate it as usual. */
export function assertionTextReason(path) {
  const parent = path.parentPath;
  if (parent === null || parent === undefined) return undefined;

  // An argument of a call or `new`.
  if (path.listKey === 'arguments' && typeof path.key === 'number') {
    const name = calleeName(parent.node.callee);
    if (parent.node.type === 'CallExpression' && path.key >= (messageArgumentFrom.get(name) ?? Infinity))
      return `assertion message of ${name}(): text, not a rule`;
    if (parent.node.type === 'NewExpression' && path.key === (constructorMessageFrom.get(name) ?? -1))
      return `message of new ${name}(): text, not a rule`;
    return undefined;
  }

  // The value of `detail:` / `title:` in the options object of an error factory.
  if (path.key === 'value' && parent.node.type === 'ObjectProperty' && !parent.node.computed) {
    const key = parent.node.key;
    const keyName = key.type === 'Identifier' ? key.name : key.type === 'StringLiteral' ? key.value : undefined;
    if (!problemTextProperties.has(keyName)) return undefined;
    const object = parent.parentPath;
    const call = object?.parentPath;
    if (object?.node.type !== 'ObjectExpression' || object.listKey !== 'arguments') return undefined;
    if (call?.node.type !== 'CallExpression' && call?.node.type !== 'NewExpression') return undefined;
    if (!isErrorFactoryCall(call.node)) return undefined;
    return `problem ${keyName} of ${calleeName(call.node.callee)}(): text, not a rule`;
  }

  // The default of an assertion helper's message parameter: `function assertMinor(x, name = '…')`.
  if (path.key === 'right' && parent.node.type === 'AssignmentPattern' && parent.listKey === 'params') {
    const fn = parent.parentPath;
    const name = fn?.node.type === 'FunctionDeclaration' ? fn.node.id?.name : undefined;
    if (typeof parent.key === 'number' && parent.key >= (messageArgumentFrom.get(name) ?? Infinity))
      return `default message of ${name}(): text, not a rule`;
  }
  return undefined;
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'AssertionTexts', { shouldIgnore: assertionTextReason }),
];
