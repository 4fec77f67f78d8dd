import { describe, expect, test } from 'vitest';
import { npsScoreOf, validateAnswers } from './answers';
import {
  type ChoiceQuestion,
  defaultQuestions,
  type QuestionVersion,
  reviseQuestion,
  validateQuestion,
  validateQuestionSet,
} from './questions';

const whatWentWrong: ChoiceQuestion = {
  key: 'what_went_wrong',
  version: 2,
  kind: 'choice',
  multiple: true,
  required: true,
  text: { 'zh-CN': '哪里不满意?', en: 'What went wrong?' },
  choices: [
    { id: 'phone', label: { 'zh-CN': '手机', en: 'The phone' } },
    { id: 'delivery', label: { 'zh-CN': '物流', en: 'Delivery' } },
    { id: 'price', label: { 'zh-CN': '价格', en: 'Price' } },
  ],
};
const form: QuestionVersion[] = [...defaultQuestions, whatWentWrong];

describe('preset questions', () => {
  test('the three default questions of seed 001, 0–10, the last one the NPS question', () => {
    expect(defaultQuestions.map((q) => [q.key, q.kind, q.text['zh-CN']])).toEqual([
      ['phone_quality', 'scale', '手机质量如何?'],
      ['service_quality', 'scale', '服务质量如何?'],
      ['recommend', 'scale', '是否推荐给他人?'],
    ]);
    expect(defaultQuestions.filter((q) => q.kind === 'scale' && q.nps).map((q) => q.key)).toEqual(['recommend']);
    for (const q of defaultQuestions) expect(validateQuestion(q)).toBe(q);
  });

  test('a revision is the next version; the kind cannot change', () => {
    const v1 = defaultQuestions[2]!;
    const v2 = reviseQuestion(v1, {
      ...v1,
      text: { 'zh-CN': '您愿意把我们推荐给朋友吗?', en: 'Would you recommend us to a friend?' },
    });
    expect(v2.version).toBe(2);
    expect(v1.version).toBe(1);
    expect(v1.text['zh-CN']).toBe('是否推荐给他人?');
    expect(() => reviseQuestion(v1, { ...whatWentWrong, key: 'recommend' })).toThrow(
      expect.objectContaining({ code: 'FEEDBACK_QUESTION_INVALID' }),
    );
  });

  test('a form shows each question once and at most one NPS question', () => {
    expect(validateQuestionSet(form)).toBe(form);
    const recommend = defaultQuestions[2]!;
    expect(() => validateQuestionSet([...form, { ...recommend, key: 'recommend_again' }])).toThrow(
      expect.objectContaining({
        code: 'FEEDBACK_QUESTION_NPS_TAKEN',
        errors: [{ path: '/questions', message: 'at most one NPS question' }],
      }),
    );
    expect(() => validateQuestionSet([...form, recommend])).toThrow(
      expect.objectContaining({ code: 'FEEDBACK_QUESTION_INVALID' }),
    );
  });

  test('a choice question needs unique ids and two choices', () => {
    expect(() =>
      validateQuestion({ ...whatWentWrong, choices: [whatWentWrong.choices[0]!, whatWentWrong.choices[0]!] }),
    ).toThrow(
      expect.objectContaining({ errors: [{ path: '/choices/1/id', message: 'a unique lower_snake_case id' }] }),
    );
  });
});

describe('answers', () => {
  test('valid answers come back, text trimmed; the NPS score is read from the NPS question', () => {
    const answers = [
      { questionKey: 'recommend', version: 1, value: 9 },
      { questionKey: 'what_went_wrong', version: 2, value: ['delivery', 'price'] },
    ];
    expect(validateAnswers(form, answers)).toEqual(answers);
    expect(npsScoreOf(form, answers)).toBe(9);
    expect(npsScoreOf(form, answers.slice(1))).toBeNull();
  });

  test('an answer to another version of the question is refused', () => {
    expect(() => validateAnswers(form, [{ questionKey: 'what_went_wrong', version: 1, value: ['phone'] }])).toThrow(
      expect.objectContaining({ errors: [{ path: '/answers/0/version', message: 'this form shows version 2' }] }),
    );
  });

  test('every problem is listed: out of range, unknown choice, twice, unknown question, required missing', () => {
    expect(() =>
      validateAnswers(form, [
        { questionKey: 'phone_quality', version: 1, value: 11 },
        { questionKey: 'service_quality', version: 1, value: 7.5 },
        { questionKey: 'phone_quality', version: 1, value: 5 },
        { questionKey: 'colour', version: 1, value: 'red' },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: 'FEEDBACK_ANSWERS_INVALID',
        errors: [
          { path: '/answers/0/value', message: 'a whole number from 0 to 10' },
          { path: '/answers/1/value', message: 'a whole number from 0 to 10' },
          { path: '/answers/2/questionKey', message: 'answered twice' },
          { path: '/answers/3/questionKey', message: 'not a question of this form' },
          { path: '/answers', message: 'what_went_wrong is required' },
        ],
      }),
    );
  });

  test('a single-choice question takes one known choice', () => {
    const single = [{ ...whatWentWrong, multiple: false }];
    expect(() =>
      validateAnswers(single, [{ questionKey: 'what_went_wrong', version: 2, value: ['phone', 'price'] }]),
    ).toThrow(expect.objectContaining({ errors: [{ path: '/answers/0/value', message: 'exactly one choice' }] }));
    expect(() => validateAnswers(single, [{ questionKey: 'what_went_wrong', version: 2, value: ['colour'] }])).toThrow(
      expect.objectContaining({ errors: [{ path: '/answers/0/value', message: 'choices of this question' }] }),
    );
  });
});
