// High-frequency words of a set of feedback texts (seed 001: 分析用户反馈中的高频词). Chinese is cut into
// words by jieba (through @zulin/support's segmenter); English and other Latin-script words are
// taken as written. What is left after stop words, single characters, numbers and punctuation is
// counted once per text it appears in, so one long rant cannot outweigh twenty short complaints.
import { assert } from '@zulin/kernel';
import { isHanWord, normaliseText, segmentWords } from '@zulin/support';
import { FeedbackLimits } from './limits';
import { defaultStopWords } from './text/stop-words';

export interface WordCount {
  word: string;
  /** Texts that contain the word at least once: the ranking key. */
  texts: number;
  /** Every occurrence, for the tie-break and the word cloud's size. */
  occurrences: number;
}

const numberPattern = /^[\p{N}.,:-]+$/u;
// Chinese numerals and amounts written out: 七百多, 两三, 半.
const hanNumberPattern = /^[零一二三四五六七八九十百千万亿两几多余半个]+$/u;

/**
 * Whether a segmented word can be a topic: not a stop word, not a single Han character (的, 了, 屏
 * on its own says nothing), not a number (in digits or in Chinese numerals), and for Latin script at least three letters (so "ok",
 * "gb" and stray letters drop out while "app", "gps" stay).
 */
export function isMeaningfulWord(word: string, stopWords: ReadonlySet<string> = defaultStopWords): boolean {
  if (stopWords.has(word)) return false;
  if (numberPattern.test(word) || hanNumberPattern.test(word)) return false;
  const length = Array.from(word).length;
  if (isHanWord(word)) return length >= 2;
  return length >= 3;
}

/** The meaningful words of one text, in order, with repeats. */
export function meaningfulWords(text: string, stopWords: ReadonlySet<string> = defaultStopWords): string[] {
  return segmentWords(text.slice(0, FeedbackLimits.textLengthMax)).filter((w) => isMeaningfulWord(w, stopWords));
}

/**
 * The `limit` most frequent meaningful words over `texts`: ranked by the number of texts containing
 * the word, then by occurrences, then by the word itself (code point order) so the result is stable.
 */
export function topWords(options: {
  texts: readonly string[];
  limit: number;
  stopWords?: ReadonlySet<string>;
}): WordCount[] {
  const { texts, limit } = options;
  assert(Number.isSafeInteger(limit) && limit > 0 && limit <= FeedbackLimits.topWordsMax, 'limit within topWordsMax');
  assert(texts.length <= FeedbackLimits.wordFrequencyTextsMax, 'at most wordFrequencyTextsMax texts per run');
  const counts = new Map<string, WordCount>();
  for (const text of texts) {
    const words = meaningfulWords(text, options.stopWords);
    for (const word of words) {
      const count = counts.get(word) ?? { word, texts: 0, occurrences: 0 };
      count.occurrences += 1;
      counts.set(word, count);
    }
    for (const word of new Set(words)) {
      const count = counts.get(word);
      assert(count !== undefined, 'a word seen in this text was counted');
      count.texts += 1;
    }
  }
  return [...counts.values()].sort(compareCounts).slice(0, limit);
}

function compareCounts(a: WordCount, b: WordCount): number {
  if (a.texts !== b.texts) return b.texts - a.texts;
  if (a.occurrences !== b.occurrences) return b.occurrences - a.occurrences;
  return a.word < b.word ? -1 : a.word > b.word ? 1 : 0;
}

/** The drill-down behind a word of the list: the feedbacks whose text contains it as a word. */
export function feedbacksWithWord<T extends { feedbackId: string; text: string }>(
  entries: readonly T[],
  word: string,
  limit: number,
): T[] {
  assert(Number.isSafeInteger(limit) && limit > 0 && limit <= FeedbackLimits.topWordsMax, 'limit within topWordsMax');
  const found: T[] = [];
  for (const entry of entries.slice(0, FeedbackLimits.wordFrequencyTextsMax)) {
    if (meaningfulWords(entry.text).includes(word)) found.push(entry);
    if (found.length === limit) break;
  }
  return found;
}

/**
 * Whether `text` holds `word` as one of its words, cut as the word list cuts it (so 快递 is not found
 * inside 快递员 when jieba keeps that whole): the queue's drill-down from a word of the list finds
 * exactly the texts the list counted. The word is compared as the list writes it (NFKC, lower case).
 */
export function textHasWord(text: string, word: string): boolean {
  const wanted = normaliseText(word.trim());
  return wanted.length > 0 && segmentWords(text.slice(0, FeedbackLimits.textLengthMax)).includes(wanted);
}
