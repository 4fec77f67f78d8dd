import { Selector, TextArea } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { FeedbackQuestion } from '../../feedback-api';

/** An answer as the API takes it: a scale's 0–10, the chosen choice ids, or a text. */
export type QuestionValue = number | string | string[];

/** The answers a scale question takes (feedback questions.ts: scaleMin–scaleMax). */
const SCALE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * One preset question of the form, of any kind the console can publish: a 0–10 scale with its end
 * labels, a single or multiple choice, or a short text. `undefined` is "not answered".
 */
export function QuestionField({
  question: q,
  value,
  onChange,
}: {
  question: FeedbackQuestion;
  value: QuestionValue | undefined;
  onChange: (value: QuestionValue | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <div className="feedback-question" data-testid={`question-${q.questionId}`}>
      <div>
        {q.text[language]}
        {q.required && <span className="feedback-required"> *{t('feedback.questionRequired')}</span>}
      </div>
      {q.kind === 'scale' && (
        <>
          {/* 0 to 10, as NPS asks: 0 is an answer, so buttons rather than stars. */}
          <Selector
            columns={6}
            options={SCALE.map((n) => ({ label: String(n), value: n }))}
            value={typeof value === 'number' ? [value] : []}
            onChange={(values) => onChange(values[0])}
          />
          {q.labels && (
            <div className="feedback-hint feedback-scale-labels">
              <span>0 {q.labels.low[language]}</span>
              <span>10 {q.labels.high[language]}</span>
            </div>
          )}
        </>
      )}
      {q.kind === 'choice' && (
        <Selector
          multiple={q.multiple ?? false}
          options={(q.choices ?? []).map((c) => ({ label: c.label[language], value: c.id }))}
          value={Array.isArray(value) ? value : []}
          onChange={(values) => onChange(values.length === 0 ? undefined : values)}
        />
      )}
      {q.kind === 'text' && (
        <TextArea
          value={typeof value === 'string' ? value : ''}
          onChange={(text) => onChange(text.trim() === '' ? undefined : text)}
          maxLength={q.maxLength}
          rows={2}
          showCount
        />
      )}
    </div>
  );
}
