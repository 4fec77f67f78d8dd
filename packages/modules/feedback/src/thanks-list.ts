// The public thanks list (seed 001: 公开表彰和感谢提供反馈的用户), only for customers who opted in,
// and never with more than a first name: a Chinese name shows the surname and one star (张*, 欧阳*),
// whatever the length of the given name; a name in Latin letters shows its first word (Emily).
import { assert, type BusinessDate } from '@zulin/kernel';
import { FeedbackLimits } from './limits';

// Two-character surnames, so that 欧阳娜娜 shows as 欧阳* and not 欧*.
const compoundSurnames: ReadonlySet<string> = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '百里',
  '呼延',
  '钟离',
  '闻人',
  '赫连',
  '澹台',
  '司空',
  '拓跋',
  '第五',
]);

const hanName = /^\p{Script=Han}{2,6}$/u;

/** The name shown publicly, or null when the name has neither form (shown as nothing rather than wrong). */
export function thanksName(fullName: string): string | null {
  const name = fullName.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const compact = name.replace(/[\s·•]/g, '');
  if (hanName.test(compact)) {
    const surname =
      compact.length >= 3 && compoundSurnames.has(compact.slice(0, 2)) ? compact.slice(0, 2) : compact.slice(0, 1);
    return `${surname}*`;
  }
  const first = name.split(' ')[0] ?? '';
  if (!/^\p{Script=Latin}[\p{Script=Latin}'-]{0,29}$/u.test(first)) return null;
  return first.charAt(0).toUpperCase() + first.slice(1).toLowerCase();
}

export interface ThanksCandidate {
  fullName: string;
  optedIn: boolean;
  /** The day the feedback was marked valuable. */
  thankedOn: BusinessDate;
}

export interface ThanksEntry {
  name: string;
  thankedOn: BusinessDate;
}

/** The newest `limit` opted-in entries, newest first. */
export function thanksList(
  candidates: readonly ThanksCandidate[],
  limit: number = FeedbackLimits.thanksListMax,
): ThanksEntry[] {
  assert(
    Number.isSafeInteger(limit) && limit > 0 && limit <= FeedbackLimits.thanksListMax,
    'limit within thanksListMax',
  );
  const entries: ThanksEntry[] = [];
  for (const c of candidates) {
    if (!c.optedIn) continue;
    const name = thanksName(c.fullName);
    if (name !== null) entries.push({ name, thankedOn: c.thankedOn });
  }
  entries.sort((a, b) => (a.thankedOn < b.thankedOn ? 1 : a.thankedOn > b.thankedOn ? -1 : 0));
  return entries.slice(0, limit);
}
