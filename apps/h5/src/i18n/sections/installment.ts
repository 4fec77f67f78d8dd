// Strings of the installment calculator (product page) and the customer's installment orders.

export const installmentZhCN = {
  calc: {
    aprLabel: '年化利率（IRR，含全部费用）',
    aprCompound: '复利年化 {{rate}}',
    downPayment: '首付',
    financed: '分期金额',
    firstPayment: '首期应还',
    totalCost: '利息及费用合计',
    totalPayment: '分期应还合计',
    schedule: '还款计划',
    whatIfPrepay: '如果提前还款？',
    prepayAmount: '提前还本金（元）',
    afterPeriod: '在第几期还款后',
    prepayInvalid: '该金额无法提前还款（需小于剩余本金）',
    reduceTermResult: '剩余 {{count}} 期，节省利息 {{saved}}',
    reduceInstallmentResult: '每期约 {{payment}}，节省利息 {{saved}}',
  },
  strategies: {
    reduce_term: '缩短期限（月供不变）',
    reduce_installment: '减少月供（期限不变）',
  },
  schedule: {
    period: '期数',
    dueDate: '还款日',
    payment: '应还',
    principal: '本金',
    interestFee: '利息/费用',
  },
};

export const installmentEn: typeof installmentZhCN = {
  calc: {
    aprLabel: 'Annual rate (IRR, all fees included)',
    aprCompound: 'Compound {{rate}} a year',
    downPayment: 'Down payment',
    financed: 'Amount financed',
    firstPayment: 'First installment',
    totalCost: 'Interest and fees in total',
    totalPayment: 'Total of installments',
    schedule: 'Repayment schedule',
    whatIfPrepay: 'What if I prepay?',
    prepayAmount: 'Principal to prepay (¥)',
    afterPeriod: 'After installment no.',
    prepayInvalid: 'This amount cannot be prepaid (it must be below the balance)',
    reduceTermResult: '{{count}} installments left, {{saved}} interest saved',
    reduceInstallmentResult: 'about {{payment}} each, {{saved}} interest saved',
  },
  strategies: {
    reduce_term: 'Shorter term (same installment)',
    reduce_installment: 'Lower installment (same term)',
  },
  schedule: {
    period: 'No.',
    dueDate: 'Due',
    payment: 'Amount',
    principal: 'Principal',
    interestFee: 'Interest/fee',
  },
};
