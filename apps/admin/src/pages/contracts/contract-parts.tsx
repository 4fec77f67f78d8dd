import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { ContractStatus } from '../../contracts-api';

export const STATUS_COLORS: Record<ContractStatus, string> = {
  draft: 'processing',
  signed: 'success',
  superseded: 'default',
  withdrawn: 'default',
};
export const STATUSES = Object.keys(STATUS_COLORS) as ContractStatus[];

export function StatusTag({ status, t }: { status: ContractStatus; t: TFunction }) {
  return <Tag color={STATUS_COLORS[status]}>{t(`contracts.statuses.${status}`)}</Tag>;
}

const TEMPLATES = ['rental', 'installment', 'buyout_addendum', 'renewal'] as const;
const SUBJECTS = ['rental', 'installment', 'buyout', 'renewal'] as const;
const EVIDENCE_KINDS = [
  'contract.drafted',
  'contract.code_sent',
  'contract.consent_checked',
  'contract.signed',
] as const;

export function templateName(t: TFunction, template: string): string {
  return (TEMPLATES as readonly string[]).includes(template)
    ? t(`contracts.templates.${template as (typeof TEMPLATES)[number]}`)
    : template;
}

export function subjectName(t: TFunction, kind: string): string {
  return (SUBJECTS as readonly string[]).includes(kind)
    ? t(`contracts.subjects.${kind as (typeof SUBJECTS)[number]}`)
    : kind;
}

export function evidenceKindName(t: TFunction, kind: string): string {
  return (EVIDENCE_KINDS as readonly string[]).includes(kind)
    ? t(`contracts.evidenceKinds.${kind as (typeof EVIDENCE_KINDS)[number]}`)
    : kind;
}
