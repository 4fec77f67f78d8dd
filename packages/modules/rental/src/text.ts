// Text shown to customers and staff comes in both supported locales: zh-CN (the default) and en.
import { formatCny } from '@zulin/kernel';

export type Locale = 'zh-CN' | 'en';
export const locales: readonly Locale[] = ['zh-CN', 'en'];

/** One piece of text in every supported locale. */
export type Text = Readonly<Record<Locale, string>>;

export function text(zh: string, en: string): Text {
  return Object.freeze({ 'zh-CN': zh, en });
}

/** ¥1,234.56 in both locales (they write CNY the same way). */
export function yuan(amountMinor: number): string {
  return formatCny(amountMinor, 'zh-CN');
}
