import { keysOf } from '@zulin/web';
import {
  Button,
  Card,
  ErrorBlock,
  type ImageUploadItem,
  List,
  NoticeBar,
  Selector,
  Skeleton,
  Switch,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { errorCode } from '../../api';
import { ErrorState } from '../../components/ErrorState';
import { LinkItem } from '../../components/LinkItem';
import { MEDIA_LIMITS, PhotoPicker } from '../../components/PhotoPicker';
import { SubPage } from '../../components/SubPage';
import { errorScreenEntry } from '../../error-screen';
import {
  type FeedbackRating,
  type MyFeedback,
  useFeedbackQuestions,
  useMyFeedback,
  useSendFeedback,
} from '../../feedback-api';
import { feedbackZhCN } from '../../i18n/sections/feedback';
import { QuestionField, type QuestionValue } from './QuestionField';
import './feedback.css';
import { formatInstant } from '../../time-format';

const RATING_COLORS = { good: 'success', neutral: 'warning', bad: 'danger' } satisfies Record<FeedbackRating, string>;
const RATINGS = keysOf(RATING_COLORS);
type KnownError = keyof typeof feedbackZhCN.errors;

const KNOWN_ERRORS = new Set<string>(Object.keys(feedbackZhCN.errors));

/** "My feedback" with the replies, and the form: general feedback, or the rating of a finished rental. */
export function FeedbackPage() {
  const { t } = useTranslation();
  const { orderId } = useParams();
  const mine = useMyFeedback();
  const rows = mine.data?.data ?? [];
  return (
    <SubPage title={orderId ? t('feedback.rateTitle') : t('feedback.title')} fallback="/me">
      <FeedbackForm orderId={orderId} />
      <List mode="card" className="feedback-links">
        <LinkItem to="/feedback/thanks" description={t('feedback.thanks.entryHint')} data-testid="feedback-thanks">
          {t('feedback.thanks.entry')}
        </LinkItem>
      </List>
      <h2 className="section-label feedback-mine-title">{t('feedback.mineTitle')}</h2>
      {mine.isPending && <Skeleton.Paragraph lineCount={4} animated className="page-skeleton" />}
      {mine.error && (
        <ErrorState title={t('feedback.loadFailed')} error={mine.error} onRetry={() => void mine.refetch()} />
      )}
      {mine.data && rows.length === 0 && <ErrorBlock status="empty" title={t('feedback.empty')} description="" />}
      <div data-testid="my-feedback">
        {rows.map((f) => (
          <FeedbackCard key={f.id} feedback={f} />
        ))}
      </div>
    </SubPage>
  );
}

function FeedbackForm({ orderId }: { orderId: string | undefined }) {
  const { t } = useTranslation();
  // 反馈问题 under an error opens this form with the screen's marker: general feedback only.
  const [search, setSearch] = useSearchParams();
  const fromError = orderId ? null : errorScreenEntry(search);
  const questionsRead = useFeedbackQuestions();
  const questions = questionsRead.data?.data ?? [];
  const send = useSendFeedback();
  const [rating, setRating] = useState<FeedbackRating | undefined>();
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [thanksOptIn, setThanksOptIn] = useState(false);
  const [scores, setScores] = useState<Record<string, QuestionValue>>({});
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  // A photo shows as soon as it is picked, but counts only once uploaded: sending waits for it.
  const [uploading, setUploading] = useState(false);

  const submit = () => {
    send.mutate(
      {
        ...(rating ? { rating } : {}),
        ...(orderId ? { orderId } : {}),
        text: text.trim(),
        anonymous,
        // Only named feedback may be thanked in public (the server keeps no opt-in for anonymous).
        thanksOptIn: thanksOptIn && !anonymous,
        answers: Object.entries(scores).map(([questionId, value]) => ({ questionId, value })),
        mediaIds: photos.map((p) => String(p.key)),
        ...(fromError ? { entry: fromError } : {}),
      },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('feedback.sent') });
          // The next feedback written here is about something else.
          if (fromError) setSearch({}, { replace: true });
          setRating(undefined);
          setText('');
          setScores({});
          setPhotos([]);
        },
        onError: (error) => {
          const code = errorCode(error);
          Toast.show({
            icon: 'fail',
            content: code && KNOWN_ERRORS.has(code) ? t(`feedback.errors.${code as KnownError}`) : t('feedback.failed'),
          });
        },
      },
    );
  };

  return (
    <Card className="feedback-form" data-testid="feedback-form">
      {fromError && (
        <NoticeBar
          color="info"
          wrap
          data-testid="feedback-from-error"
          content={
            <>
              {t('feedback.errorScreen.notice')}
              {fromError.code && <div>{t('feedback.errorScreen.noticeCode', { code: fromError.code })}</div>}
            </>
          }
        />
      )}
      <div className="feedback-field-label">{t('feedback.ratingLabel')}</div>
      <Selector
        options={RATINGS.map((r) => ({ label: t(`feedback.ratings.${r}`), value: r }))}
        value={rating ? [rating] : []}
        onChange={(values) => setRating(values[0])}
        data-testid="feedback-rating"
      />
      <div className="feedback-field-label">{t('feedback.textLabel')}</div>
      <TextArea
        value={text}
        onChange={setText}
        placeholder={t('feedback.textPlaceholder')}
        maxLength={2000}
        rows={4}
        showCount
        data-testid="feedback-text"
      />
      {/* Without the questions a required one would go unanswered: say so, with a retry, and hold 提交. */}
      {questionsRead.error && (
        <ErrorState
          title={t('feedback.questionsLoadFailed')}
          error={questionsRead.error}
          onRetry={() => void questionsRead.refetch()}
          retryTestId="feedback-questions-retry"
        />
      )}
      {questions.length > 0 && <div className="feedback-field-label">{t('feedback.questions')}</div>}
      {questions.map((q) => (
        <QuestionField
          key={q.questionId}
          question={q}
          value={scores[q.questionId]}
          onChange={(value) =>
            setScores((s) => {
              const { [q.questionId]: _, ...rest } = s;
              return value === undefined ? rest : { ...rest, [q.questionId]: value };
            })
          }
        />
      ))}
      <div className="feedback-field-label">{t('feedback.photos')}</div>
      <div className="feedback-hint" data-testid="feedback-media-hint">
        {t('feedback.media.hint', MEDIA_LIMITS)}
      </div>
      <PhotoPicker
        value={photos}
        onChange={setPhotos}
        onBusyChange={setUploading}
        allowVideo
        failedMessage={(error) =>
          errorCode(error) === 'FEEDBACK_UPLOAD_VIDEO_TOO_LONG'
            ? t('feedback.media.videoTooLong', { seconds: MEDIA_LIMITS.videoSeconds })
            : t('feedback.uploadFailed')
        }
        data-testid="feedback-media"
      />
      <div className="feedback-anonymous">
        <div>
          <div>{t('feedback.anonymous')}</div>
          <div className="feedback-hint">{t('feedback.anonymousHint')}</div>
        </div>
        <Switch checked={anonymous} onChange={setAnonymous} data-testid="feedback-anonymous" />
      </div>
      {!anonymous && (
        <div className="feedback-anonymous">
          <div>
            <div>{t('feedback.thanksOptIn')}</div>
            <div className="feedback-hint">{t('feedback.thanksOptInHint')}</div>
          </div>
          <Switch checked={thanksOptIn} onChange={setThanksOptIn} data-testid="feedback-thanks-opt-in" />
        </div>
      )}
      <Button
        block
        color="primary"
        loading={send.isPending}
        disabled={uploading || questionsRead.isError}
        onClick={submit}
        data-testid="feedback-submit"
      >
        {uploading ? t('feedback.uploading') : t('feedback.submit')}
      </Button>
    </Card>
  );
}

function FeedbackCard({ feedback }: { feedback: MyFeedback }) {
  const { t } = useTranslation();
  const when = formatInstant(feedback.submittedAt);
  return (
    <Card className="feedback-card" data-testid="feedback-entry">
      <div className="feedback-card-head">
        {feedback.rating && (
          <Tag color={RATING_COLORS[feedback.rating]}>{t(`feedback.ratings.${feedback.rating}`)}</Tag>
        )}
        {feedback.anonymous && <Tag fill="outline">{t('feedback.anonymousTag')}</Tag>}
        {feedback.valuable && <Tag color="primary">{t('feedback.valuable')}</Tag>}
        <span className="feedback-when">{when}</span>
      </div>
      {feedback.text && (
        <p className="feedback-text" data-user-content>
          {feedback.text}
        </p>
      )}
      {feedback.replies.length === 0 ? (
        <div className="feedback-hint">{t('feedback.noReply')}</div>
      ) : (
        feedback.replies.map((r) => (
          <div key={r.id} className="feedback-reply" data-testid="feedback-reply">
            <strong>{t('feedback.reply')}</strong>
            <p data-user-content>{r.text}</p>
          </div>
        ))
      )}
    </Card>
  );
}
