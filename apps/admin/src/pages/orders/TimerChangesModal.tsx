// The dialog a timers form opens before saving (rental's and installment's): each change as
// "field: before → after", nothing to save when nothing changed; saving reports success or the
// server's problem and closes.
import { App as AntdApp, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api';

export interface TimerChange {
  key: string;
  field: string;
  before: string;
  after: string;
}

export function TimerChangesModal(props: {
  title: string;
  body: string;
  changes: TimerChange[];
  saving: boolean;
  /** The prefix of the test ids: `<prefix>-confirm`, `<prefix>-changes`. */
  testId: string;
  /** The message once saved (default: the timers' "saved"). */
  savedText?: string;
  onCancel: () => void;
  /** Saves; resolves when saved (the dialog then closes), rejects with the server's problem. */
  save: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  return (
    <Modal
      open
      title={props.title}
      okText={t('orders.timers.save')}
      okButtonProps={
        { disabled: props.changes.length === 0, 'data-testid': `${props.testId}-confirm` } as Record<
          `data-${string}`,
          string
        >
      }
      confirmLoading={props.saving}
      onCancel={props.onCancel}
      onOk={() =>
        props.save().then(
          () => void message.success(props.savedText ?? t('orders.timers.saved')),
          (error: unknown) =>
            void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError')),
        )
      }
    >
      {props.changes.length === 0 ? (
        <Typography.Paragraph>{t('orders.timers.noChanges')}</Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph>{props.body}</Typography.Paragraph>
          <ul data-testid={`${props.testId}-changes`}>
            {props.changes.map((c) => (
              <li key={c.key}>{t('orders.timers.change', { field: c.field, before: c.before, after: c.after })}</li>
            ))}
          </ul>
        </>
      )}
    </Modal>
  );
}
