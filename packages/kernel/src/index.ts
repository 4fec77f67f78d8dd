export * from './assert';
export * from './clock';
export * from './dates';
export * from './errors';
export * from './ids';
export * from './limits';
export * from './luhn';
export * from './money';
export * from './pagination';
export * from './rate-cap';
// Not `export *`: rates.ts also exports floatGuess, the IRR solver's first guess, for its own test only.
export {
  compoundAnnualBps,
  type IrrRates,
  monthlyIrrRates,
  netPresentValue,
  periodicIrr,
  simpleAnnualBps,
} from './rates';
