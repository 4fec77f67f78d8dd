import type { ReactNode } from 'react';
import { BankCardsPage } from './BankCardsPage';
import { BillSplitPage } from './BillSplitPage';
import { BillSplitsPage } from './BillSplitsPage';
import { BindCardPage } from './BindCardPage';
import { CreateBillSplitPage } from './CreateBillSplitPage';
import { SecurityPage } from './SecurityPage';
import { StatementsPage } from './StatementsPage';
import { WithdrawPage } from './WithdrawPage';

/** The wallet's pages above the tabs that App.tsx routes behind the sign-in guard. */
export const WALLET_SUB_PAGES: { path: string; page: ReactNode }[] = [
  { path: 'wallet/withdraw', page: <WithdrawPage /> },
  { path: 'wallet/cards', page: <BankCardsPage /> },
  { path: 'wallet/cards/bind', page: <BindCardPage /> },
  { path: 'wallet/security', page: <SecurityPage /> },
  { path: 'wallet/splits', page: <BillSplitsPage /> },
  { path: 'wallet/splits/new', page: <CreateBillSplitPage /> },
  { path: 'wallet/splits/:id', page: <BillSplitPage /> },
  { path: 'wallet/statements', page: <StatementsPage /> },
];
