// Word segmentation for Chinese and English text, shared by help-centre search (here) and feedback
// word frequency (@zulin/feedback). Chinese has no spaces between words, so runs of Han characters
// are cut by jieba (`@node-rs/jieba`, the Rust port with a prebuilt binary per platform); runs of
// letters and digits are words as written, lower-cased, so "iPhone" and "iphone" count as one word.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { SupportLimits } from '../limits';
import { domainWords } from './domain-words';

// Loading the dictionary takes about half a second, so it happens once, on first use, and not when
// the module is imported by code that never segments.
let jieba: Jieba | undefined;

function segmenter(): Jieba {
  if (jieba === undefined) {
    const instance = Jieba.withDict(dict);
    instance.loadDict(Buffer.from(`${domainWords.join('\n')}\n`, 'utf8'));
    jieba = instance;
  }
  return jieba;
}

// A run of Han characters, or a Latin/digit word with inner apostrophes ("didn't") or hyphens
// ("e-contract"). Everything else (spaces, punctuation, emoji) separates words and is dropped.
const runPattern = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:['-](?:(?!\p{Script=Han})[\p{L}\p{N}])+)*/gu;
const hanPattern = /^\p{Script=Han}+$/u;

/** Full-width letters and digits to half-width (ＡＢＣ１２３ → ABC123), lower case. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/’/g, "'");
}

export interface SegmentOptions {
  /** Search mode also yields the shorter words inside long ones (中华人民共和国 → 中华, 人民, 共和国 …). */
  mode?: 'words' | 'search';
}

/**
 * The words of a text, in order, lower-cased; punctuation and spaces removed. Text beyond
 * `segmentTextLengthMax` characters is ignored (a feedback or an article is far shorter).
 */
export function segmentWords(text: string, options: SegmentOptions = {}): string[] {
  const input = normaliseText(text.slice(0, SupportLimits.segmentTextLengthMax));
  const words: string[] = [];
  for (const match of input.matchAll(runPattern)) {
    const run = match[0];
    if (!hanPattern.test(run)) {
      words.push(run);
      continue;
    }
    // jieba's HMM guesses words missing from the dictionary by character statistics; on short
    // customer texts it glues function words together ("我用的" → 我用), so it is off: unknown words
    // fall apart into single characters, which word counts drop, and trade words are in domainWords.
    const cut = options.mode === 'search' ? segmenter().cutForSearch(run, false) : segmenter().cut(run, false);
    for (const word of cut) {
      if (word.trim().length > 0) words.push(word);
    }
  }
  return words;
}

/** True for a word made only of Han characters. */
export function isHanWord(word: string): boolean {
  return hanPattern.test(word);
}
