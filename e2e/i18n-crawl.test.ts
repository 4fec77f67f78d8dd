// The i18n crawl (issue #18 point 10): every page of both apps, in Chinese and in English, must
// show no text of the other language's interface. The pages are the routes the apps' sources
// declare, so a new page is crawled without being named here: those without a path parameter by
// their path, and those with one (a detail page) through the first link to them that the crawled
// pages show (the demo data's orders, contracts, payments…).
//
// What counts as a leak:
// * in Chinese: a raw i18n key or an internal code (`top_up`, `wallet.dispute_refund_proposed`),
//   an English phrase (two or more English words in a row, none of them a product or brand name of
//   the demo catalog or a term kept in Latin letters by Chinese UIs, such as IMEI), or one English
//   word that is a whole text (a server's title such as "Forbidden");
// * in English: a text that is a Chinese message of the app's own catalog (an untranslated key
//   falling back to Chinese), or a raw key or code.
// What people typed (names, feedback, an article's English title in the editor's list) is data, not
// interface: a page marks it `data-user-content` and the crawl skips it, as it skips identifiers
// shown deliberately in `<code>` or `<kbd>`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { en as adminEn } from '../apps/admin/src/i18n/en';
import { zhCN as adminZh } from '../apps/admin/src/i18n/zh-CN';
import { en as h5En } from '../apps/h5/src/i18n/en';
import { zhCN as h5Zh } from '../apps/h5/src/i18n/zh-CN';
import { repoRoot } from './harness';
import {
  DESKTOP_VIEWPORT,
  loginCustomerByApi,
  openBrowser,
  openH5As,
  PHONE_VIEWPORT,
  patience,
  serverForThisFile,
  signInStaffByApi,
  waitForSettledPage,
} from './helpers';

const baseUrl = serverForThisFile();
const CRAWL_TIMEOUT_MS = patience(600_000);

/** Every string of a catalog, with its key path. */
function flatten(messages: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof messages === 'string') out.set(prefix, messages);
  else if (messages && typeof messages === 'object') {
    for (const [key, value] of Object.entries(messages)) {
      for (const [k, v] of flatten(value, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.tsx') ? [path] : [];
  });
}

/**
 * The routes an app's sources declare (`path="…"` or `path: '…'`): the pages without a path
 * parameter, and the detail pages' patterns (each parameter as one path segment).
 */
function declaredRoutes(app: 'h5' | 'admin'): { pages: string[]; details: Map<string, RegExp> } {
  const paths = new Set<string>();
  const details = new Map<string, RegExp>();
  const prefix = app === 'h5' ? '' : '/admin';
  for (const file of sourceFiles(join(repoRoot, 'apps', app, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bpath(?:="|: ')([^"'{}]*)["']/g)) {
      const raw = match[1] ?? '';
      // Not a page: the catch-all, the login page, or an API path (`/v1/chat`).
      if (raw.includes('*') || raw === '/login' || raw === 'login' || raw.startsWith('/v1/')) continue;
      const path = raw.startsWith('/') ? raw : `/${raw}`;
      if (path.includes(':')) {
        const pattern = path
          .split('/')
          .map((part) => (part.startsWith(':') ? '[^/?#]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
          .join('/');
        details.set(path, new RegExp(`^${prefix}${pattern}$`));
      } else paths.add(path);
    }
  }
  paths.add('/');
  return { pages: [...paths].sort(), details };
}

// Terms Chinese interfaces keep in Latin letters.
const LATIN_TERMS = new Set(
  'IMEI SKU SN NPS API CSV PDF ID OK URL TOTP SMS IP App APP PNG JPG JPEG Excel GPS eSIM SIM WiFi Wi-Fi 5G 4G iOS Android MDM IRR APR VIP QR Zulin PGlite PostgreSQL Redis NATS WebAuthn H5 UTC GMT Merkle RFC Ed25519 RSA SHA SHA-256 Beijing Asia Shanghai English Google Microsoft Authenticator 1Password'.split(
    ' ',
  ),
);

/** Every Latin word in the demo catalog's answers (brands, models, colours): names, not interface. */
async function catalogTerms(): Promise<Set<string>> {
  const terms = new Set(LATIN_TERMS);
  const collect = (value: unknown): void => {
    if (typeof value === 'string') for (const word of value.match(/[A-Za-z][A-Za-z0-9+-]*/g) ?? []) terms.add(word);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const url = new URL('/v1/products', baseUrl());
    url.searchParams.set('limit', '100');
    if (cursor) url.searchParams.set('cursor', cursor);
    const response = await fetch(url);
    assert.equal(response.status, 200, `GET ${url.pathname}${url.search}`);
    const body = (await response.json()) as { data: unknown[]; nextCursor?: string | null };
    collect(body.data);
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  assert.ok(terms.has('iPhone'), 'the demo catalog names no iPhone');
  return terms;
}

interface Leak {
  route: string;
  text: string;
  why: string;
}

/**
 * The visible texts of the page: text nodes, and placeholders and titles (`attribute`: a filter's
 * placeholder may show an example code, so attributes are judged for phrases only).
 */
const VISIBLE_TEXTS = `(() => {
  const out = [];
  const visible = (el) => {
    if (!el || el.closest('script,style,noscript,svg,code,kbd,[data-user-content],[aria-hidden="true"]')) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    if (text && visible(walker.currentNode.parentElement)) out.push({ text, attribute: false });
  }
  for (const el of document.querySelectorAll('[placeholder],[title]')) {
    if (!visible(el)) continue;
    for (const attr of ['placeholder', 'title']) {
      const value = el.getAttribute(attr);
      if (value && value.trim()) out.push({ text: value.trim(), attribute: true });
    }
  }
  return out;
})()`;

const CODE =
  /(?<![\w./@:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?:\.[a-z0-9_]+)*(?![\w/@:-])|(?<![\w./@:-])[a-z][a-z0-9]*(?:\.[a-z][a-zA-Z0-9_]*){1,5}(?![\w/@:(-])/;
const FILE = /\.(pdf|csv|png|jpe?g|zip|json|xlsx|txt)$/i;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;
const NOT_CODES = new Set(['e.g', 'i.e']);

interface ShownText {
  text: string;
  attribute: boolean;
}

function zhLeaks(route: string, texts: ShownText[], keys: Set<string>, terms: Set<string>): Leak[] {
  const leaks: Leak[] = [];
  for (const { text, attribute } of texts) {
    if (keys.has(text)) {
      leaks.push({ route, text, why: 'a raw i18n key' });
      continue;
    }
    if (SLUG.test(text)) continue; // an identifier such as demo-rental-1 or sandbox-tsa
    const code = attribute ? undefined : text.match(CODE)?.[0];
    if (code && !FILE.test(code) && !NOT_CODES.has(code)) {
      leaks.push({ route, text, why: `an internal code "${code}"` });
      continue;
    }
    // Runs of English words (letters only, 2+ long) separated by single spaces.
    // Runs of English words (letters only, 2+ long) separated by spaces, commas, apostrophes or
    // hyphens; not a run inside a path (/v1/admin/procurement-orders), and not a list of camelCase
    // field names (a CSV header).
    for (const run of text.match(/(?<![/\w])[A-Za-z]{2,}(?:[ ,'-]+[A-Za-z]{2,})+/g) ?? []) {
      const words = run.split(/[ ,'-]+/);
      if (words.some((w) => /[a-z][A-Z]/.test(w))) continue;
      if (words.length >= 2 && words.some((w) => !terms.has(w))) {
        leaks.push({ route, text, why: `English "${run}"` });
        break;
      }
    }
    if (/^[A-Z][a-z]{3,}[.!]?$/.test(text) && !terms.has(text.replace(/[.!]$/, ''))) {
      leaks.push({ route, text, why: 'one English word as a whole text' });
    }
  }
  return leaks;
}

function enLeaks(route: string, texts: ShownText[], keys: Set<string>, chinese: Set<string>): Leak[] {
  const leaks: Leak[] = [];
  for (const { text, attribute } of texts) {
    if (keys.has(text)) leaks.push({ route, text, why: 'a raw i18n key' });
    else if (chinese.has(text)) leaks.push({ route, text, why: 'a Chinese message of the catalog' });
    else if (!attribute) {
      const code = text.match(CODE)?.[0];
      if (code && !FILE.test(code) && !NOT_CODES.has(code))
        leaks.push({ route, text, why: `an internal code "${code}"` });
    }
  }
  return leaks;
}

function report(leaks: Leak[]): string {
  return leaks.map((l) => `  ${l.route}: ${l.why} in "${l.text.slice(0, 120)}"`).join('\n');
}

/** Chinese strings of a catalog, for the English crawl (the ones containing Chinese characters). */
function chineseMessages(zh: Map<string, string>): Set<string> {
  // A language's own name ("简体中文" in the language switcher) is the same in every language.
  return new Set(
    [...zh.entries()]
      .filter(([key, v]) => /[\u4e00-\u9fff]/.test(v) && !v.includes('{{') && !key.startsWith('languages.'))
      .map(([, v]) => v),
  );
}

/**
 * The detail pages no link opens (the H5 app's list rows are links, components/LinkItem.tsx): pages
 * opened by a button. The demo customer's own records name one of each — the first row of the list
 * the page's own API answers that has one of the `prefer`red values, else its first row. A page a
 * crawled link reaches is crawled through the link instead.
 */
const H5_DETAILS_FROM_API: Record<
  string,
  { api: string; field: 'id' | 'slug' | 'document'; prefer?: { field: string; values: string[] } }
> = {
  // The rating form of an order (the order page's 评价 link): the crawl opens one order page per
  // pattern, not necessarily a finished one, so a finished order's form (小张's demo rental returned
  // and closed) is named from the API when the customer has one, else the form's "not finished yet".
  '/orders/:orderId/rate': {
    api: '/v1/rentals',
    field: 'id',
    prefer: { field: 'status', values: ['closed', 'settled', 'bought_out'] },
  },
  // The checkout (the product page's 立即租赁 button).
  '/products/:id/rent': { api: '/v1/products', field: 'id' },
};

async function firstOf(source: (typeof H5_DETAILS_FROM_API)[string], token: string): Promise<string | undefined> {
  const response = await fetch(new URL(source.api, baseUrl()), { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) return undefined;
  const body = (await response.json()) as { data?: Record<string, unknown>[] } | Record<string, unknown>[];
  const rows = Array.isArray(body) ? body : (body.data ?? []);
  const { prefer } = source;
  const preferred = prefer && rows.find((row) => prefer.values.includes(String(row[prefer.field])));
  const value = (preferred ?? rows[0])?.[source.field];
  return typeof value === 'string' ? value : undefined;
}

async function crawl(options: {
  app: 'h5' | 'admin';
  language: 'zh-CN' | 'en';
  terms: Set<string>;
}): Promise<{ leaks: Leak[]; routes: string[]; details: number }> {
  const { app, language } = options;
  const zh = flatten(app === 'h5' ? h5Zh : adminZh);
  const en = flatten(app === 'h5' ? h5En : adminEn);
  const keys = new Set([...zh.keys(), ...en.keys()].filter((k) => k.includes('.')));
  const chinese = chineseMessages(zh);
  const browser = await openBrowser(app === 'h5' ? PHONE_VIEWPORT : DESKTOP_VIEWPORT);
  const leaks: Leak[] = [];
  try {
    const { page } = browser;
    const prefix = app === 'h5' ? '' : '/admin';
    // A login code is sent once a minute per phone: each language signs in one demo customer.
    const phone = language === 'zh-CN' ? '13800138000' : '13900139000';
    const customer = app === 'h5' ? await loginCustomerByApi(baseUrl(), phone) : undefined;
    if (customer) await openH5As(page, baseUrl(), customer);
    else await signInStaffByApi(page, baseUrl());
    await page.evaluate(`localStorage.setItem('zulin.${app}.lang', ${JSON.stringify(language)})`);
    const { pages, details } = declaredRoutes(app);
    // The first link to each detail page that a crawled page shows (`/admin/orders/rnt_…`).
    const detailLinks = new Map<RegExp, string>();
    const visit = async (path: string): Promise<void> => {
      await page.goto(`${baseUrl()}${path}`);
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await waitForSettledPage(page);
      const texts = await page.evaluate<ShownText[]>(VISIBLE_TEXTS);
      leaks.push(
        ...(language === 'zh-CN' ? zhLeaks(path, texts, keys, options.terms) : enLeaks(path, texts, keys, chinese)),
      );
      const hrefs = await page.evaluate<string[]>(
        `[...document.querySelectorAll('a[href]')].map((a) => new URL(a.href, location.href)).filter((u) => u.origin === location.origin).map((u) => u.pathname)`,
      );
      for (const href of hrefs) {
        for (const pattern of details.values()) {
          if (!detailLinks.has(pattern) && pattern.test(href)) detailLinks.set(pattern, href);
        }
      }
    };
    const routes: string[] = [];
    for (const route of pages) {
      const path = `${prefix}${route === '/' && app === 'admin' ? '' : route}`;
      await visit(path);
      routes.push(path);
    }
    for (const [route, source] of Object.entries(customer ? H5_DETAILS_FROM_API : {})) {
      const pattern = details.get(route);
      assert.ok(pattern, `the H5 app no longer declares ${route}`);
      const value = customer && !detailLinks.has(pattern) && (await firstOf(source, customer.accessToken));
      if (value) detailLinks.set(pattern, route.replace(/:[a-z]+/i, encodeURIComponent(value)));
    }
    // Detail pages found on detail pages (a contract from an order) are crawled as well.
    const crawled = new Set<string>();
    for (let found = [...detailLinks.values()]; found.length > 0; ) {
      for (const path of found) {
        crawled.add(path);
        await visit(path);
        routes.push(path);
      }
      found = [...detailLinks.values()].filter((path) => !crawled.has(path));
    }
    const missed = [...details].filter(([, pattern]) => !detailLinks.has(pattern)).map(([route]) => route);
    console.log(
      `${app} ${language}: ${pages.length} pages, ${crawled.size} detail pages; no link found to ${missed.join(' ')}`,
    );
    return { leaks, routes, details: crawled.size };
  } finally {
    await browser.close();
  }
}

for (const app of ['h5', 'admin'] as const) {
  for (const language of ['zh-CN', 'en'] as const) {
    test(`${app} in ${language}: no text of the other language on any page`, {
      timeout: CRAWL_TIMEOUT_MS,
    }, async () => {
      const terms = await catalogTerms();
      const { leaks, routes, details } = await crawl({ app, language, terms });
      assert.ok(routes.length >= (app === 'h5' ? 15 : 20), `only ${routes.length} routes found in the sources`);
      // The H5 app reaches 12 detail pages (every one but the cashier and the sandbox agreement, which
      // only a payment opens: its list rows are links, H5_DETAILS_FROM_API adds two), the console 12
      // (every detail route, a return's too since the demo has one) — the crawl waits for a settled page.
      // The floors are what is reached: a page lost from the crawl fails it.
      const floor = 12;
      assert.ok(details >= floor, `only ${details} detail pages reached through links (at least ${floor})`);
      const unique = [...new Map(leaks.map((l) => [`${l.route} ${l.text}`, l])).values()];
      assert.equal(unique.length, 0, `${unique.length} leaks in ${routes.length} pages:\n${report(unique)}`);
    });
  }
}
