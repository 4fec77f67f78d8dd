// Putting a returned, refurbished or repaired phone back in stock. Before staff confirm, the dialog
// says which SKU the phone goes under by its grade ("按成色 A 入库至 99 新 SKU …", from the server's
// restock plan) or why it cannot go in stock (INVENTORY_GRADE_NOT_SELLABLE, INVENTORY_NO_SKU_FOR_GRADE),
// in the reader's language. After refurbishing or repair staff may grade the phone again first.
import { keysOf } from '@zulin/web';
import { Alert, App, Form, Input, Modal, Select, Skeleton, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../api';
import {
  type Condition,
  type RestockPlan,
  type UnitDetail,
  type UnitGrade,
  type UnitState,
  useRestockPlan,
  useUnitTransition,
} from '../../catalog-api';
import { problemText } from '../catalog/ProductsPage';

/** The states a phone comes back in stock from by hand; the grade may change after work on it. */
export const RESTOCK_FROM: readonly UnitState[] = ['inspecting', 'refurbishing', 'repair'];
const REGRADE_FROM: readonly UnitState[] = ['refurbishing', 'repair'];
const GRADES = keysOf<UnitGrade>({ new: true, A: true, B: true, C: true, D: true });
const PROBLEMS = [
  'INVENTORY_GRADE_NOT_SELLABLE',
  'INVENTORY_NO_SKU_FOR_GRADE',
  'INVENTORY_INVALID_TRANSITION',
] as const;
type Problem = (typeof PROBLEMS)[number];
const isProblem = (code: string | undefined): code is Problem =>
  code !== undefined && (PROBLEMS as readonly string[]).includes(code);

/** "A", or 全新 / New for a new phone: how the dialog names a grade in a sentence. */
export function gradeWord(t: TFunction, grade: UnitGrade): string {
  return grade === 'new' ? t('catalog.conditions.new') : grade;
}

function conditionWord(t: TFunction, condition: Condition | null): string {
  return condition === null ? '—' : t(`catalog.conditions.${condition}`);
}

/** The sentence for a plan: where the phone goes, or the refusal's message. */
function planText(t: TFunction, plan: RestockPlan): { type: 'info' | 'error'; text: string } {
  const params = {
    grade: gradeWord(t, plan.grade),
    condition: conditionWord(t, plan.condition),
    fromCondition: conditionWord(t, plan.fromCondition),
    sku: plan.toSkuName ?? plan.toSkuId ?? '',
  };
  if (plan.refusal !== null)
    return { type: 'error', text: t(`catalog.units.restock.problems.${plan.refusal}`, params) };
  return {
    type: 'info',
    text: t(plan.changesSku ? 'catalog.units.restock.moves' : 'catalog.units.restock.stays', params),
  };
}

export function RestockDialog({ unit, open, onClose }: { unit: UnitDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [grade, setGrade] = useState<UnitGrade | undefined>();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const regrade = REGRADE_FROM.includes(unit.state);
  const plan = useRestockPlan(open ? unit.id : undefined, regrade ? grade : undefined);
  const transition = useUnitTransition();
  const close = () => {
    setGrade(undefined);
    setReason('');
    setTouched(false);
    transition.reset();
    onClose();
  };
  const sentence = plan.data ? planText(t, plan.data) : undefined;
  const submit = () => {
    setTouched(true);
    if (reason.trim() === '' || plan.data === undefined || plan.data.refusal !== null) return;
    const planned = plan.data;
    transition.mutate(
      {
        id: unit.id,
        body: {
          to: 'in_stock',
          reason: reason.trim(),
          expectedFrom: unit.state,
          ...(regrade && grade !== undefined && grade !== unit.grade ? { grade } : {}),
        },
      },
      {
        onSuccess: () => {
          void message.success(t('catalog.units.restock.done', { sku: planned.toSkuName ?? planned.toSkuId ?? '' }));
          close();
        },
      },
    );
  };
  const failed = transition.error ? errorCode(transition.error) : undefined;
  return (
    <Modal
      open={open}
      title={t('catalog.units.restock.title', { imei: unit.imei })}
      okText={t('catalog.units.restock.confirm')}
      cancelText={t('catalog.editor.cancel')}
      okButtonProps={{ disabled: sentence?.type !== 'info' }}
      confirmLoading={transition.isPending}
      onOk={submit}
      onCancel={close}
      destroyOnHidden
    >
      <div data-testid="restock-dialog">
        <Typography.Paragraph type="secondary">{t('catalog.units.restock.rule')}</Typography.Paragraph>
        <Form layout="vertical">
          {regrade && (
            <Form.Item
              label={t('catalog.units.restock.grade')}
              extra={t('catalog.units.restock.gradeHint', { grade: gradeWord(t, unit.grade) })}
            >
              <Select
                value={grade ?? unit.grade}
                onChange={setGrade}
                data-testid="restock-grade"
                options={GRADES.map((g) => ({ value: g, label: t(`catalog.grades.${g}`) }))}
              />
            </Form.Item>
          )}
          <Form.Item
            label={t('catalog.units.restock.reason')}
            required
            validateStatus={touched && reason.trim() === '' ? 'error' : ''}
            help={touched && reason.trim() === '' ? t('catalog.units.restock.reasonRequired') : undefined}
          >
            <Input
              value={reason}
              maxLength={200}
              placeholder={t('catalog.units.restock.reasonPlaceholder')}
              onChange={(event) => setReason(event.target.value)}
              data-testid="restock-reason"
            />
          </Form.Item>
        </Form>
        {plan.isPending && <Skeleton active paragraph={{ rows: 1 }} />}
        {plan.error && <Alert type="error" showIcon title={problemText(plan.error)} />}
        {sentence && <Alert type={sentence.type} showIcon title={sentence.text} data-testid="restock-plan" />}
        {plan.data?.refusal === null && plan.data.toSkuActive === false && (
          <Alert className="drawer-section" type="warning" showIcon title={t('catalog.units.restock.inactive')} />
        )}
        {transition.error && (
          <Alert
            className="drawer-section"
            type="error"
            showIcon
            data-testid="restock-error"
            title={
              isProblem(failed)
                ? t(`catalog.units.restock.problems.${failed}`, {
                    grade: gradeWord(t, plan.data?.grade ?? unit.grade),
                    condition: conditionWord(t, plan.data?.condition ?? null),
                  })
                : problemText(transition.error)
            }
          />
        )}
      </div>
    </Modal>
  );
}
