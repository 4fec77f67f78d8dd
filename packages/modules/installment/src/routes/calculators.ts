// The public calculators (API.md): a plan's schedule and disclosed rates, and what a prepayment or a
// payoff of such a plan costs. Pure functions behind HTTP: nothing is read or written.
import { Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { PrepayFields, TermsBody } from '../api-schemas';
import type { PayoffQuote } from '../pay-off';
import { quoteInstallment } from '../quote-installment';
import { quotePrepayment } from '../quote-prepayment';
import type { PartialPrepaymentQuote } from '../settle-prepayment';

export const calculatorRoutes: RoutesPlugin = async (app) => {
  app.post(
    '/v1/installments/quote',
    {
      config: { auth: 'public', effects: 'none' },
      schema: {
        tags: ['installments'],
        summary: 'The schedule of an installment plan, its totals and its IRR-based annual rates',
        body: Type.Object(TermsBody, { additionalProperties: false }),
        response: { 200: Ref('InstallmentQuote') },
      },
    },
    async (request) => quoteInstallment(request.body),
  );

  app.post(
    '/v1/installments/prepay-quote',
    {
      config: { auth: 'public', effects: 'none' },
      schema: {
        tags: ['installments'],
        summary: 'What a partial prepayment (reduce term or installment) or a payoff of a plan costs',
        body: Type.Object(
          { ...TermsBody, paidPeriods: Type.Number({ description: 'k, the periods already paid' }), ...PrepayFields },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Union([
            Ref<PartialPrepaymentQuote>('InstallmentPartialPrepayQuote'),
            Ref<PayoffQuote>('InstallmentPayoffQuote'),
          ]),
        },
      },
    },
    async (request) => quotePrepayment(request.body),
  );
};
