// The lost-parcel rule beside the rental timers (时效设置): how many business days without a carrier
// scan before an outbound parcel is flagged as suspected lost (logistics' setting, default 5, 1–30).
// Saving shows before → after in a dialog; the server audits who changed it.
import { Alert, App as AntdApp, Button, Card, InputNumber, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter } from '../../hooks';
import { useCan } from '../../identity-api';
import { useLostParcelSettings, useSaveLostParcelSettings } from '../../shipments-api';

export function LostParcelSettingsCard() {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const format = useInstantFormatter();
  const settings = useLostParcelSettings();
  const save = useSaveLostParcelSettings();
  const mayWrite = useCan('logistics.write');
  const [days, setDays] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const view = settings.data;
  const current = view?.settings.suspectedLostAfterDays;
  const value = days ?? current ?? null;
  return (
    <Card title={t('logistics.lostSettings.title')} data-testid="lost-parcel-settings" style={{ marginTop: 16 }}>
      {settings.error && <QueryErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {view && (
        <>
          <Typography.Paragraph type="secondary" data-testid="lost-settings-updated">
            {view.updatedBy
              ? t('logistics.lostSettings.updatedBy', {
                  who: view.updatedByName ?? view.updatedBy,
                  at: format(view.updatedAt),
                })
              : t('logistics.lostSettings.defaults')}
          </Typography.Paragraph>
          {!mayWrite && (
            <Alert type="info" showIcon message={t('logistics.lostSettings.readOnly')} className="page-alert" />
          )}
          <Space wrap align="center">
            <Typography.Text>{t('logistics.lostSettings.field')}</Typography.Text>
            <InputNumber
              min={1}
              max={30}
              precision={0}
              value={value}
              disabled={!mayWrite}
              onChange={(v) => setDays(typeof v === 'number' ? v : null)}
              data-testid="lost-settings-days"
            />
            <Typography.Text>{t('logistics.lostSettings.unit')}</Typography.Text>
            {mayWrite && (
              <Button
                type="primary"
                disabled={value === null || value === current}
                onClick={() => setConfirming(true)}
                data-testid="lost-settings-save"
              >
                {t('logistics.lostSettings.save')}
              </Button>
            )}
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('logistics.lostSettings.extra', { value: view.defaults.suspectedLostAfterDays })}
          </Typography.Paragraph>
        </>
      )}
      {confirming && value !== null && current !== undefined && (
        <Modal
          open
          title={t('logistics.lostSettings.confirmTitle')}
          okText={t('logistics.lostSettings.save')}
          confirmLoading={save.isPending}
          onCancel={() => setConfirming(false)}
          onOk={() =>
            save.mutate(
              { suspectedLostAfterDays: value },
              {
                onSuccess: () => {
                  void message.success(t('logistics.lostSettings.saved'));
                  setDays(null);
                  setConfirming(false);
                },
                onError: (error) =>
                  void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError')),
              },
            )
          }
        >
          <Typography.Paragraph data-testid="lost-settings-change">
            {t('logistics.lostSettings.confirmBody', { before: current, after: value })}
          </Typography.Paragraph>
        </Modal>
      )}
    </Card>
  );
}
