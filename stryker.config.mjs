// Mutation testing of the money code (issue #19): Stryker with its Vitest runner. One run per
// module, because a run is slow on a small machine: `npm run mutation -- <module>` (see
// scripts/mutation.mjs) or `npx stryker run --mutate <files>`. Scores per module: docs/testing.md.
/** The money files of each module, the ones the mutation score is about. */
export const moneyFiles = {
  kernel: ['packages/kernel/src/money.ts', 'packages/kernel/src/dates.ts', 'packages/kernel/src/rates.ts'],
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
};

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
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
