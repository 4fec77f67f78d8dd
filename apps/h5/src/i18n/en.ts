import { accountEn, legalEn } from './sections/account';
import { billsEn } from './sections/bills';
import { catalogEn } from './sections/catalog';
import { contractsEn } from './sections/contracts';
import { couponsEn } from './sections/coupons';
import { feedbackEn } from './sections/feedback';
import { notificationEn } from './sections/notification';
import { rentalsEn } from './sections/rentals';
import { riskEn } from './sections/risk';
import { supportEn } from './sections/support';
import { walletEn } from './sections/wallet';
import type { Messages } from './zh-CN';

// Typed as the Chinese resource, so a missing or extra key fails `tsc`.
export const en: Messages = {
  app: {
    title: 'Zulin · Phone rental',
    brand: 'Zulin',
    slogan: 'Rent on credit · Pay as you go',
  },
  tabs: {
    home: 'Home',
    orders: 'Orders',
    wallet: 'Wallet',
    me: 'Me',
  },
  home: {
    hero: {
      badge: 'No deposit',
      title: 'Better credit, smaller deposit',
      subtitle: 'An instant credit check can waive the whole deposit. Your new phone comes to your door.',
      cta: 'How it works',
    },
    entries: {
      deposit: {
        label: 'No deposit',
        description:
          'We check your credit when you order: the better your score, the more of the deposit is waived, up to all of it. A deposit is only put on hold, never charged, and is released the day your returned phone passes inspection.',
      },
      installment: {
        label: 'Installments',
        description:
          'Buy a new phone in 3, 6, 12 or 24 installments. Every installment and the annualised rate are shown before you sign.',
      },
      rentToOwn: {
        label: 'Rent to own',
        description:
          'Rent first, buy later: keep the phone for the agreed price at the end of the term, or buy it out early.',
      },
      flexibleReturn: {
        label: 'Easy return',
        description:
          'Book a courier pick-up from your order. Rent stops when the courier collects the parcel; the order is settled after inspection.',
      },
      comingSoon: 'This service opens soon.',
      close: 'Got it',
    },
    steps: {
      title: 'Four steps to a new phone',
      choose: 'Pick a phone',
      credit: 'Credit check',
      sign: 'Sign online',
      receive: 'Receive it',
    },
    footer: 'Zulin open-source rental platform',
  },
  orders: {
    title: 'My orders',
    emptyTitle: 'Sign in to see your orders',
    emptyDescription: 'Your rentals, signing progress and deliveries will appear here',
  },
  wallet: walletEn,
  bills: billsEn,
  rentals: rentalsEn,
  contracts: contractsEn,
  risk: riskEn,
  feedback: feedbackEn,
  coupons: couponsEn,
  support: supportEn,
  me: {
    guest: 'Not signed in',
    guestHint: 'Sign in to see your orders, bills and credit limit',
    language: 'Language',
    about: 'About',
    version: 'Version',
    sandboxBusinessDate: 'Business date (sandbox clock)',
    terms: 'User agreement',
    privacy: 'Privacy policy',
  },
  common: {
    backHome: 'Browse the home page',
    loading: 'Loading…',
  },
  account: accountEn,
  legal: legalEn,
  catalog: catalogEn,
  notification: notificationEn,
  languages: {
    'zh-CN': '简体中文',
    en: 'English',
  },
};
