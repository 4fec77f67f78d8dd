// The rating window beside the questions editor (issue #16: "a rating window of 30 days
// (configurable) with one reminder"): the days a finished rental may be rated and the reminder day.
// Saving shows before → after in a dialog; the server checks the values and audits who changed them.
import { Alert, App as AntdApp, Button, Card, InputNumber, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { type RatingWindow, useRatingWindow, useSaveRatingWindow } from '../../feedback-settings-api';
import { useInstantFormatter, useProblemToast } from '../../hooks';
import { useCan } from '../../identity-api';

/** The server's bounds (feedback's FeedbackLimits), checked here too so the form says so first. */
const DAYS_MAX = 365;

export function RatingWindowSettingsCard() {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const problemToast = useProblemToast('feedback.ratingWindow.errors');
  const format = useInstantFormatter();
  const settings = useRatingWindow();
  const save = useSaveRatingWindow();
  const mayWrite = useCan('feedback.handle');
  const [draft, setDraft] = useState<Partial<RatingWindow>>({});
  const [confirming, setConfirming] = useState(false);
  const view = settings.data;
  const current = view?.ratingWindow;
  const windowDays = draft.windowDays ?? current?.windowDays ?? null;
  const reminderAfterDays = draft.reminderAfterDays ?? current?.reminderAfterDays ?? null;
  const valid = windowDays !== null && reminderAfterDays !== null && reminderAfterDays < windowDays;
  const changed =
    current !== undefined && (windowDays !== current.windowDays || reminderAfterDays !== current.reminderAfterDays);
  return (
    <Card title={t('feedback.ratingWindow.title')} data-testid="rating-window-settings" style={{ marginTop: 16 }}>
      {settings.error && <QueryErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {view && current && (
        <>
          <Typography.Paragraph type="secondary" data-testid="rating-window-updated">
            {view.updatedBy
              ? t('feedback.ratingWindow.updatedBy', {
                  who: view.updatedByName ?? view.updatedBy,
                  at: format(view.updatedAt),
                })
              : t('feedback.ratingWindow.defaults')}
          </Typography.Paragraph>
          {!mayWrite && (
            <Alert type="info" showIcon message={t('feedback.ratingWindow.readOnly')} className="page-alert" />
          )}
          <Space wrap align="center" size="large">
            <Space align="center">
              <Typography.Text>{t('feedback.ratingWindow.windowField')}</Typography.Text>
              <InputNumber
                min={2}
                max={DAYS_MAX}
                precision={0}
                value={windowDays}
                disabled={!mayWrite}
                onChange={(v) => setDraft((d) => ({ ...d, windowDays: typeof v === 'number' ? v : undefined }))}
                data-testid="rating-window-days"
              />
              <Typography.Text>{t('feedback.ratingWindow.unit')}</Typography.Text>
            </Space>
            <Space align="center">
              <Typography.Text>{t('feedback.ratingWindow.reminderField')}</Typography.Text>
              <InputNumber
                min={1}
                max={(windowDays ?? DAYS_MAX) - 1}
                precision={0}
                value={reminderAfterDays}
                disabled={!mayWrite}
                status={valid || reminderAfterDays === null ? undefined : 'error'}
                onChange={(v) => setDraft((d) => ({ ...d, reminderAfterDays: typeof v === 'number' ? v : undefined }))}
                data-testid="rating-window-reminder"
              />
              <Typography.Text>{t('feedback.ratingWindow.reminderUnit')}</Typography.Text>
            </Space>
            {mayWrite && (
              <Button
                type="primary"
                disabled={!valid || !changed}
                onClick={() => setConfirming(true)}
                data-testid="rating-window-save"
              >
                {t('feedback.ratingWindow.save')}
              </Button>
            )}
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('feedback.ratingWindow.extra', view.defaults)}
          </Typography.Paragraph>
        </>
      )}
      {confirming && current && windowDays !== null && reminderAfterDays !== null && (
        <Modal
          open
          title={t('feedback.ratingWindow.confirmTitle')}
          okText={t('feedback.ratingWindow.save')}
          confirmLoading={save.isPending}
          onCancel={() => setConfirming(false)}
          onOk={() =>
            save.mutate(
              { windowDays, reminderAfterDays },
              {
                onSuccess: () => {
                  void message.success(t('feedback.ratingWindow.saved'));
                  setDraft({});
                  setConfirming(false);
                },
                onError: problemToast,
              },
            )
          }
        >
          <div data-testid="rating-window-change">
            {windowDays !== current.windowDays && (
              <Typography.Paragraph>
                {t('feedback.ratingWindow.confirmWindow', { before: current.windowDays, after: windowDays })}
              </Typography.Paragraph>
            )}
            {reminderAfterDays !== current.reminderAfterDays && (
              <Typography.Paragraph>
                {t('feedback.ratingWindow.confirmReminder', {
                  before: current.reminderAfterDays,
                  after: reminderAfterDays,
                })}
              </Typography.Paragraph>
            )}
            <Typography.Paragraph type="secondary">{t('feedback.ratingWindow.confirmNote')}</Typography.Paragraph>
          </div>
        </Modal>
      )}
    </Card>
  );
}
