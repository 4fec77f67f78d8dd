// The search document of a SKU and the tokens of a query. Customers type Chinese, English or a mix
// ("苹果 256G", "iphone pro", "华为mate"): the document carries the brand in both languages and the
// storage in the ways people write it, and the query is cut into tokens that must each appear.

import { CatalogLimits } from './limits';
import type { Condition } from './schema';

export interface Brand {
  key: string;
  /** How the brand is shown. */
  name: string;
  nameZh: string;
  /** Other spellings a customer may type. */
  aliases: readonly string[];
}

/** The brand alias table. A brand not listed here is stored under its own lower-cased name. */
export const brands: readonly Brand[] = Object.freeze([
  { key: 'apple', name: 'Apple', nameZh: '苹果', aliases: ['iphone', '爱疯'] },
  { key: 'huawei', name: 'Huawei', nameZh: '华为', aliases: ['hw'] },
  { key: 'xiaomi', name: 'Xiaomi', nameZh: '小米', aliases: ['mi', 'redmi', '红米'] },
  { key: 'honor', name: 'Honor', nameZh: '荣耀', aliases: [] },
  { key: 'samsung', name: 'Samsung', nameZh: '三星', aliases: ['galaxy'] },
  { key: 'oppo', name: 'OPPO', nameZh: 'OPPO', aliases: ['欧珀'] },
  { key: 'vivo', name: 'vivo', nameZh: 'vivo', aliases: ['维沃'] },
  { key: 'oneplus', name: 'OnePlus', nameZh: '一加', aliases: [] },
  { key: 'realme', name: 'realme', nameZh: '真我', aliases: [] },
]);

const brandByKey = new Map(brands.map((b) => [b.key, b]));

/** The brand for a key, or a plain entry for a brand outside the table. */
export function brandOf(key: string): Brand {
  return brandByKey.get(key) ?? { key, name: key, nameZh: key, aliases: [] };
}

/**
 * Maps whatever the operator or a filter gives (苹果, Apple, apple, HUAWEI) to the brand key.
 * Unknown brands keep their lower-cased, trimmed name, so new brands need no code change.
 */
export function brandKeyOf(input: string): string {
  const wanted = input.trim().toLowerCase();
  for (const brand of brands) {
    if (brand.key === wanted || brand.name.toLowerCase() === wanted || brand.nameZh.toLowerCase() === wanted) {
      return brand.key;
    }
  }
  return wanted;
}

export const conditionLabels: Readonly<Record<Condition, { zh: string; en: string; words: string }>> = Object.freeze({
  new: { zh: '全新', en: 'New', words: '全新 新机 new brand-new' },
  used_99: { zh: '99新', en: 'Like new (99%)', words: '99新 九九新 准新 like-new 99' },
  used_95: { zh: '95新', en: 'Good (95%)', words: '95新 九五新 二手 used 95' },
});

/** 256 → "256g 256gb"; 1024 → "1t 1tb 1024g 1024gb", the ways storage is written. */
export function storageWords(storageGb: number): string {
  const base = `${storageGb}g ${storageGb}gb`;
  if (storageGb >= 1024 && storageGb % 1024 === 0) {
    const tb = storageGb / 1024;
    return `${tb}t ${tb}tb ${base}`;
  }
  return base;
}

/** "256GB" for people. */
export function storageLabel(storageGb: number): string {
  return storageGb >= 1024 && storageGb % 1024 === 0 ? `${storageGb / 1024}TB` : `${storageGb}GB`;
}

export interface SearchDocumentInput {
  brand: string;
  model: string;
  series: string | null;
  storageGb: number;
  colour: string;
  condition: Condition;
}

/**
 * The lower-cased text a SKU is found by; kept in `catalog_skus.search_text`. It starts with a
 * space so that "a word starting with pro" is the plain LIKE pattern '% pro%'.
 */
export function searchDocument(input: SearchDocumentInput): string {
  const brand = brandOf(input.brand);
  const parts = [
    brand.key,
    brand.name,
    brand.nameZh,
    ...brand.aliases,
    input.model,
    // "iPhone 16 Pro" is also typed "iphone16pro"; the squeezed form lets that match too.
    input.model.replace(/\s+/g, ''),
    input.series ?? '',
    storageWords(input.storageGb),
    input.colour,
    conditionLabels[input.condition].words,
  ];
  return ` ${normalise(parts.filter((p) => p.length > 0).join(' '))}`;
}

/** Lower case, full-width ASCII to half-width, one space between words. */
export function normalise(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

// A CJK ideograph next to a Latin letter or digit is a word boundary: "华为mate70" → 华为 mate 70.
const scriptBoundary = /(?<=[\u3400-\u9fff])(?=[a-z0-9])|(?<=[a-z0-9])(?=[\u3400-\u9fff])/g;
// Storage as typed: 256, 256g, 256gb, 1t, 1tb. The number alone stays a number (it may be a model).
const storagePattern = /^(\d{2,4})(g|gb)$|^(\d)(t|tb)$/;

/**
 * The tokens of a query, each of which must occur in a SKU's search document. Bounded: at most
 * searchTokensMax tokens of at most searchTokenLengthMax characters; duplicates removed.
 */
export function queryTokens(query: string): string[] {
  const text = normalise(query.slice(0, CatalogLimits.searchQueryLengthMax))
    .replace(/[^\p{L}\p{N}\s.+-]/gu, ' ')
    .replace(scriptBoundary, ' ');
  const tokens: string[] = [];
  for (const raw of text.split(' ')) {
    const token = canonicalToken(raw.slice(0, CatalogLimits.searchTokenLengthMax));
    if (token.length === 0 || tokens.includes(token)) continue;
    tokens.push(token);
    if (tokens.length === CatalogLimits.searchTokensMax) break;
  }
  return tokens;
}

function canonicalToken(token: string): string {
  const match = storagePattern.exec(token);
  if (match === null) return token.replace(/^[.+-]+|[.+-]+$/g, '');
  // "256gb" and "256g" both occur in the document as "256g…"; "1tb" as "1t…".
  return match[1] !== undefined ? `${match[1]}g` : `${match[3]}t`;
}

/** Escapes LIKE's wildcards so a token matches literally. */
export function likeEscape(token: string): string {
  return token.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The brand a token names exactly (苹果, apple, 华为, Huawei…), or null. Such a token filters by
 * brand, an indexed column, instead of scanning every document for a two-character word that a
 * trigram index cannot help with.
 */
export function brandOfToken(token: string): string | null {
  for (const brand of brands) {
    if (token === brand.key || token === brand.name.toLowerCase() || token === brand.nameZh.toLowerCase())
      return brand.key;
  }
  return null;
}

/** A LIKE pattern every match satisfies, and for numbers a regular expression to confirm it. */
export type TokenMatch = { like: string; regex: string | null };

/**
 * How one token is matched against the document. Latin and digit tokens match at the start of a
 * word ("pro" finds "pro" and "promax", "iph" finds "iphone", never "oppo"), and a number must not run
 * into more digits ("12" finds "12" and "12s", not "128g"). Tokens with Chinese characters match
 * anywhere, since Chinese is written without spaces ("黑" finds "曜石黑"). LIKE does the work (a
 * trigram index serves it, and it is several times cheaper than a regular expression); only number
 * tokens need the regular expression, on the rows LIKE let through.
 */
export function tokenMatch(token: string): TokenMatch {
  if (/[^ -~]/.test(token)) return { like: `%${likeEscape(token)}%`, regex: null };
  const like = `% ${likeEscape(token)}%`;
  if (!/^\d+$/.test(token)) return { like, regex: null };
  return { like, regex: ` ${token}([^0-9]|$)` };
}
