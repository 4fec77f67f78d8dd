// Installments: the public calculators (a quote, a prepayment quote) behind the product page's
// calculator. Every figure on screen comes from the server's engine — the same function that books
// orders — never from arithmetic in the browser.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { paths } from '@zulin/sdk';
import { api, problemError } from './api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Body<P extends keyof paths> = paths[P] extends {
  post: { requestBody?: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

export type QuoteTerms = Body<'/v1/installments/quote'>;
export type InstallmentQuote = Json<paths['/v1/installments/quote']['post']['responses'][200]>;
export type InstallmentMethod = QuoteTerms['method'];
export type PrepayStrategy = 'reduce_term' | 'reduce_installment';
type PrepayAnswer = Json<paths['/v1/installments/prepay-quote']['post']['responses'][200]>;
export type PartialPrepayQuote = Extract<PrepayAnswer, { schedule: unknown }>;

export function useInstallmentQuote(terms: QuoteTerms | null) {
  return useQuery({
    queryKey: ['installments', 'quote', terms],
    enabled: terms !== null,
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const { data, error, response } = await api.POST('/v1/installments/quote', { body: terms as QuoteTerms });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
  });
}

/** What prepaying X after period k would do, by the given strategy (the public calculator). */
export function usePrepayQuote(
  terms: QuoteTerms | null,
  prepay: { paidPeriods: number; prepayMinor: number; strategy: PrepayStrategy } | null,
) {
  return useQuery({
    queryKey: ['installments', 'prepay-quote', terms, prepay],
    enabled: terms !== null && prepay !== null && prepay.prepayMinor > 0,
    retry: false,
    queryFn: async () => {
      const body = { ...(terms as QuoteTerms), ...(prepay as NonNullable<typeof prepay>) };
      const { data, error, response } = await api.POST('/v1/installments/prepay-quote', { body });
      if (data === undefined) throw problemError(error, response);
      return data as PartialPrepayQuote;
    },
  });
}
