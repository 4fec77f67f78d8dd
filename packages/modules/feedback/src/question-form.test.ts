// Which versions a submission may answer after an edit or a retirement (the 24-hour grace window),
// which questions it must answer, and the console's input turned into a checked version.
import { describe, expect, test } from 'vitest';
import { npsScoreOf, validateAnswers } from './answers';
import { activeForm, answerableQuestions, type PlacedQuestion } from './question-form';
import { questionFromInput } from './question-input';
import { defaultQuestions, type QuestionVersion, type ScaleQuestion } from './questions';

const hour = 3_600_000;
const grace = 24 * hour;
const now = new Date('2031-06-10T12:00:00Z');
const ago = (hours: number) => new Date(now.getTime() - hours * hour);
const recommend = defaultQuestions[2] as ScaleQuestion;
const recommend2: ScaleQuestion = {
  ...recommend,
  version: 2,
  text: { 'zh-CN': '您愿意把我们推荐给朋友吗?', en: 'Would you recommend us to a friend?' },
};

function placed(question: QuestionVersion, fields: Partial<Omit<PlacedQuestion, 'question'>> = {}): PlacedQuestion {
  return {
    question,
    position: 1,
    createdAt: ago(1000),
    supersededAt: null,
    retiredAt: null,
    restoredAt: null,
    ...fields,
  };
}

const ids = (form: { versions: readonly QuestionVersion[] }) => form.versions.map((q) => `${q.key}@v${q.version}`);

describe('the versions a submission may answer', () => {
  test('the current version, and a version superseded less than 24 h ago; not one superseded earlier', () => {
    const edited = (hoursAgo: number) => [
      placed(recommend, { supersededAt: ago(hoursAgo) }),
      placed(recommend2, { createdAt: ago(hoursAgo) }),
    ];
    expect(ids(answerableQuestions(edited(23), now, grace))).toEqual(['recommend@v1', 'recommend@v2']);
    expect(ids(answerableQuestions(edited(24), now, grace))).toEqual(['recommend@v2']);
    expect(ids(answerableQuestions(edited(25), now, grace))).toEqual(['recommend@v2']);
  });

  test('a retired question is answerable for 24 h after its retirement, then no more', () => {
    expect(ids(answerableQuestions([placed(recommend, { retiredAt: ago(2) })], now, grace))).toEqual(['recommend@v1']);
    expect(ids(answerableQuestions([placed(recommend, { retiredAt: ago(30) })], now, grace))).toEqual([]);
  });

  test('a version published while its question was retired was never asked, until the question is back', () => {
    const retiredThenEdited = [
      placed(recommend, { retiredAt: ago(5), supersededAt: ago(3) }),
      placed(recommend2, { createdAt: ago(3), retiredAt: ago(5) }),
    ];
    // v1 was asked until 5 h ago; v2 was never on a form.
    expect(ids(answerableQuestions(retiredThenEdited, now, grace))).toEqual(['recommend@v1']);
    const broughtBack = [
      retiredThenEdited[0] as PlacedQuestion,
      placed(recommend2, { createdAt: ago(3), restoredAt: ago(1) }),
    ];
    expect(ids(answerableQuestions(broughtBack, now, grace))).toEqual(['recommend@v1', 'recommend@v2']);
  });

  test('an answer to v1 within the window is accepted and still counts for the NPS; v3 does not exist', () => {
    const form = answerableQuestions(
      [placed(recommend, { supersededAt: ago(1) }), placed(recommend2, { createdAt: ago(1) })],
      now,
      grace,
    );
    const answers = [{ questionKey: 'recommend', version: 1, value: 9 }];
    expect(validateAnswers(form, answers)).toEqual(answers);
    expect(npsScoreOf(form, answers)).toBe(9);
    expect(npsScoreOf(form, [{ questionKey: 'recommend', version: 2, value: 4 }])).toBe(4);
    expect(() => validateAnswers(form, [{ questionKey: 'recommend', version: 3, value: 9 }])).toThrow(
      expect.objectContaining({ errors: [{ path: '/answers/0/version', message: 'this form shows version 2' }] }),
    );
    expect(() =>
      validateAnswers(form, [
        { questionKey: 'recommend', version: 1, value: 9 },
        { questionKey: 'recommend', version: 2, value: 9 },
      ]),
    ).toThrow(expect.objectContaining({ errors: [{ path: '/answers/1/questionKey', message: 'answered twice' }] }));
  });
});

describe('the questions a submission must answer', () => {
  const must: QuestionVersion = { ...recommend2, key: 'must', required: true, nps: false };

  test('a required question asked for more than 24 h must be answered', () => {
    const form = answerableQuestions([placed(must)], now, grace);
    expect(form.requiredKeys).toEqual(['must']);
    expect(() => validateAnswers(form, [])).toThrow(
      expect.objectContaining({ errors: [{ path: '/answers', message: 'must is required' }] }),
    );
  });

  test('not when it was added, made required or brought back within 24 h: an older form did not ask for it', () => {
    const added = [placed(must, { createdAt: ago(2) })];
    expect(answerableQuestions(added, now, grace).requiredKeys).toEqual([]);
    const madeRequired = [
      placed({ ...must, version: 1, required: false }, { supersededAt: ago(2) }),
      placed({ ...must, version: 2 }, { createdAt: ago(2) }),
    ];
    expect(answerableQuestions(madeRequired, now, grace).requiredKeys).toEqual([]);
    expect(answerableQuestions([placed(must, { restoredAt: ago(2) })], now, grace).requiredKeys).toEqual([]);
    expect(answerableQuestions([placed(must, { retiredAt: ago(2) })], now, grace).requiredKeys).toEqual([]);
  });

  test('still required when reworded: every version asked within the window was required', () => {
    const reworded = [placed({ ...must, version: 1 }, { supersededAt: ago(2) }), placed(must, { createdAt: ago(2) })];
    expect(answerableQuestions(reworded, now, grace).requiredKeys).toEqual(['must']);
    expect(answerableQuestions([placed(must, { restoredAt: ago(25) })], now, grace).requiredKeys).toEqual(['must']);
  });
});

describe('the form shown', () => {
  test('the current versions of the active questions by position', () => {
    const form = activeForm([
      placed(defaultQuestions[0] as QuestionVersion, { position: 3 }),
      placed(recommend, { position: 1, supersededAt: ago(1) }),
      placed(recommend2, { position: 1, createdAt: ago(1) }),
      placed(defaultQuestions[1] as QuestionVersion, { position: 2, retiredAt: ago(1) }),
    ]);
    expect(form.map((q) => `${q.key}@v${q.version}`)).toEqual(['recommend@v2', 'phone_quality@v1']);
  });
});

describe('a version written in the console', () => {
  const text = { 'zh-CN': ' 哪里不满意? ', en: 'What went wrong?' };
  const choices = [
    { id: 'phone', label: { 'zh-CN': '手机', en: 'The phone' } },
    { id: 'delivery', label: { 'zh-CN': '物流', en: 'Delivery' } },
  ];

  test('texts trimmed, the kind fields taken, defaults filled', () => {
    expect(questionFromInput('what_went_wrong', 1, 'choice', { text, required: false, choices })).toEqual({
      key: 'what_went_wrong',
      version: 1,
      kind: 'choice',
      text: { 'zh-CN': '哪里不满意?', en: 'What went wrong?' },
      required: false,
      multiple: false,
      choices,
    });
  });

  test('fields of another kind and missing fields are named', () => {
    expect(() =>
      questionFromInput('what_went_wrong', 1, 'choice', { text, required: false, maxLength: 200, nps: true }),
    ).toThrow(
      expect.objectContaining({
        code: 'FEEDBACK_QUESTION_INVALID',
        errors: [
          { path: '/nps', message: 'only for scale questions' },
          { path: '/maxLength', message: 'only for text questions' },
          { path: '/choices', message: 'required for a choice question' },
        ],
      }),
    );
  });

  test('both languages 1–200 characters; 2–10 choices', () => {
    expect(() =>
      questionFromInput('remarks', 1, 'text', {
        text: { 'zh-CN': '  ', en: 'x'.repeat(201) },
        required: false,
        maxLength: 500,
      }),
    ).toThrow(
      expect.objectContaining({
        errors: [
          { path: '/text/zh-CN', message: '1–200 characters' },
          { path: '/text/en', message: '1–200 characters' },
        ],
      }),
    );
    const many = Array.from({ length: 11 }, (_, i) => ({
      id: `c${i}`,
      label: { 'zh-CN': `选项${i}`, en: `Choice ${i}` },
    }));
    expect(() => questionFromInput('colour', 1, 'choice', { text, required: false, choices: many })).toThrow(
      expect.objectContaining({ errors: [{ path: '/choices', message: '2–10 choices' }] }),
    );
    expect(questionFromInput('colour', 1, 'choice', { text, required: false, choices: many.slice(0, 10) }).kind).toBe(
      'choice',
    );
    expect(() =>
      questionFromInput('colour', 1, 'choice', { text, required: false, choices: many.slice(0, 1) }),
    ).toThrow(expect.objectContaining({ errors: [{ path: '/choices', message: '2–10 choices' }] }));
  });
});
