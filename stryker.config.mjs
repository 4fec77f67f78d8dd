// Mutation testing of the money code (issue #19): Stryker with its Vitest runner. One run per
// module, because a run is slow on a small machine: `npm run mutation -- <module>` (see
// scripts/mutation.mjs) or `npx stryker run --mutate <files>`. Scores per module: docs/testing.md.
/** The money files of each module, the ones the mutation score is about. */
export const moneyFiles = {
  kernel: [
    'packages/kernel/src/money.ts',
    'packages/kernel/src/dates.ts',
    'packages/kernel/src/rates.ts',
    'packages/kernel/src/rate-cap.ts',
  ],
  ledger: ['packages/modules/ledger/src/create-transfers.ts', 'packages/modules/ledger/src/apply-leg.ts'],
  billing: ['packages/modules/billing/src/allocate.ts'],
  wallet: [
    'packages/modules/wallet/src/request-withdrawal.ts',
    'packages/modules/wallet/src/pay-out-withdrawal.ts',
    'packages/modules/wallet/src/fail-expired-withdrawal.ts',
    'packages/modules/wallet/src/send-transfer.ts',
    'packages/modules/wallet/src/second-factor.ts',
    'packages/modules/wallet/src/sms-step-up.ts',
  ],
  installment: [
    'packages/modules/installment/src/amortize.ts',
    'packages/modules/installment/src/build-plan.ts',
    'packages/modules/installment/src/allocate-payment.ts',
    'packages/modules/installment/src/accrue-penalty.ts',
    'packages/modules/installment/src/check-rate-cap.ts',
    'packages/modules/installment/src/quote-prepayment.ts',
    'packages/modules/installment/src/rebuild-schedule.ts',
  ],
  rental: [
    'packages/modules/rental/src/quote-rental.ts',
    'packages/modules/rental/src/rent-schedule.ts',
    'packages/modules/rental/src/residual-value.ts',
    'packages/modules/rental/src/exit-quote.ts',
    'packages/modules/rental/src/settle-inspection.ts',
    'packages/modules/rental/src/fault-credit.ts',
  ],
  marketing: ['packages/modules/marketing/src/coupon-discount.ts'],
};

/** Test files (paths from the repository root) of a module that open no database. */
const inModule = (module, names) => names.map((name) => `packages/modules/${module}/src/${name}.test.ts`);
const installmentEngineTests = inModule('installment', [
  'accrue-penalty',
  'accrue-penalty.edge',
  'allocate-payment',
  'allocate-payment.edge',
  'amortize',
  'amortize.edge',
  'build-plan.edge',
  'cancel-order.property',
  'check-rate-cap',
  'check-rate-cap.edge',
  'delinquency-buckets',
  'engine.property',
  'policy',
  'quote-installment',
  'quote-prepayment.edge',
  'rate-cap-rule',
  'rebuild-schedule',
  'rebuild-schedule.edge',
  'rebuild-schedule.rounding',
  'settle-prepayment',
]);
const rentalPricingTests = inModule('rental', [
  'quote-rental',
  'quote-rental.edge',
  'rent-schedule',
  'rent-schedule.edge',
  'fault-credit',
  'residual-value.property',
  'settle-inspection',
  'settle-inspection.edge',
  'exit-quotes',
  'exit-quote.edge',
  'capture-deposit.property',
]);

/**
 * The tests that judge a money file: the narrowest set that covers it (the tests that import it,
 * directly or through another file of the module). A file not named here is judged by every test of
 * its module (`<module>/src/**\/*.test.ts`), which for ledger and wallet means a database per
 * test file — minutes per mutant on a small machine. `coverageAnalysis: 'perTest'` then runs, for
 * each mutant, only the tests of this set that reached it.
 */
export const moneyTests = {
  ...Object.fromEntries(moneyFiles.installment.map((file) => [file, installmentEngineTests])),
  ...Object.fromEntries(moneyFiles.rental.map((file) => [file, rentalPricingTests])),
  'packages/modules/billing/src/allocate.ts': inModule('billing', ['allocate', 'allocate.edge']),
  // A coupon's amount (2026-12-07): its own edges and integer oracle, and rental's quote property,
  // which caps it again in the quote.
  'packages/modules/marketing/src/coupon-discount.ts': [
    'packages/modules/marketing/src/coupon-discount.test.ts',
    'packages/modules/rental/src/coupon-quote.property.test.ts',
  ],
  // The cap's numbers and an offer's annualised rate (2026-12-06): its own tests, against a
  // floating-point oracle; the kernel's other tests never import it.
  'packages/kernel/src/rate-cap.ts': ['packages/kernel/src/rate-cap.test.ts'],
  // The ledger's transfer tests (narrowed by reading the imports, 2026-12-03), and since 2026-12-05
  // applyLeg's own guards and create-transfers.ts' shape checks (both without a database) and the
  // repeated ids' edges.
  ...Object.fromEntries(
    moneyFiles.ledger.map((file) => [
      file,
      inModule('ledger', [
        'apply-leg.edge',
        'create-transfers',
        'create-transfers.edge',
        'create-transfers.replay.edge',
        'create-transfers.validate.edge',
        // The fast path for plain new transfers (7 December): only the statement count tells it from
        // the general path, so its mutants are judged by the round-trips test too.
        'create-transfers.round-trips',
        'ledger-model',
        'bank',
      ]),
    ]),
  ),
  // Asking for a withdrawal (2026-12-05): its edges and the limits' edges (single maximum, second
  // factor, the daily limit with a failed withdrawal and Shanghai midnight); the concurrency test of
  // the daily limit and the payout tests run the same code without asserting more of it.
  'packages/modules/wallet/src/request-withdrawal.ts': inModule('wallet', [
    'request-withdrawal.edge',
    'withdrawal-limits.edge',
  ]),
  ...Object.fromEntries(
    ['pay-out-withdrawal', 'fail-expired-withdrawal'].map((name) => [
      `packages/modules/wallet/src/${name}.ts`,
      inModule('wallet', [
        'withdrawals',
        'withdrawal-daily-limit',
        'withdrawal-limits.edge',
        'sms-step-up',
        'pay-out-withdrawal.edge',
      ]),
    ]),
  ),
  // Transfers (2026-12-05): their edges, the recipient tests and the ¥2,000.00 threshold of the
  // limits' edges; wallet.test.ts's transfer assertions are all in send-transfer.edge.test.ts.
  'packages/modules/wallet/src/send-transfer.ts': inModule('wallet', [
    'send-transfer.edge',
    'transfer-recipient',
    'withdrawal-limits.edge',
  ]),
  'packages/modules/wallet/src/second-factor.ts': inModule('wallet', [
    'sms-step-up',
    'withdrawal-limits.edge',
    'wallet',
    'withdrawals',
  ]),
  // The files that send, try and spend an SMS code (2026-12-05): the API tests of the SMS step-up and
  // its edges, and the ¥5,000.00 withdrawal by SMS of the limits' edges; wallet.test.ts and
  // withdrawals.test.ts send no SMS code, they only load the module.
  'packages/modules/wallet/src/sms-step-up.ts': inModule('wallet', [
    'sms-step-up',
    'sms-step-up.edge',
    'withdrawal-limits.edge',
  ]),
};

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner', './scripts/stryker-ignore-assertion-texts.mjs'],
  // Assertion messages and problem details/titles are left unmutated: they are text, not rules
  // (exactly which arguments and properties: scripts/stryker-ignore-assertion-texts.mjs).
  ignorers: ['AssertionTexts'],
  vitest: { configFile: 'vitest.config.ts', related: false },
  mutate: Object.values(moneyFiles).flat(),
  // Only the files a test imports are copied to the sandbox's node_modules links; keep the sandbox small.
  ignorePatterns: ['apps/h5', 'apps/admin', 'packages/web', 'bench', 'docs', 'e2e', 'test-results', 'reports'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 120_000,
  // The first, unmutated run of a module's tests on a loaded 2-core machine takes minutes.
  dryRunTimeoutMinutes: 30,
  timeoutFactor: 3,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
