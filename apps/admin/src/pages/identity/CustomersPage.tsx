import { EyeOutlined, SearchOutlined, WalletOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ProblemError } from '../../api';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { useInstantFormatter } from '../../hooks';
import { type Customer, useCan, useCustomerSearch, useRevealCustomer } from '../../identity-api';

type SearchKind = 'phone' | 'q';

/** A mainland mobile number as the API wants it (+86…), or null. */
function toE164(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? `+86${digits}` : null;
}

function RevealModal({ customer, onClose }: { customer: Customer | null; onClose: () => void }) {
  const { t } = useTranslation();
  const reveal = useRevealCustomer();
  const [reason, setReason] = useState('');
  const close = () => {
    setReason('');
    reveal.reset();
    onClose();
  };
  const revealed = reveal.data;
  const tooShort = reason.trim().length < 2;
  return (
    <Modal
      open={customer !== null}
      title={revealed ? t('identity.customers.revealed') : t('identity.customers.revealTitle')}
      onCancel={close}
      destroyOnHidden
      footer={
        revealed ? (
          <Button onClick={close}>{t('identity.customers.close')}</Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('identity.staff.form.cancel')}</Button>
            <Button
              type="primary"
              danger
              icon={<EyeOutlined />}
              disabled={tooShort}
              loading={reveal.isPending}
              onClick={() => customer && reveal.mutate({ id: customer.id, reason: reason.trim() })}
              data-testid="reveal-confirm"
            >
              {t('identity.customers.revealConfirm')}
            </Button>
          </Space>
        )
      }
    >
      {revealed ? (
        <>
          <Alert type="warning" showIcon title={t('identity.customers.revealedNote')} className="form-alert" />
          <Descriptions
            bordered
            size="small"
            column={1}
            data-testid="revealed"
            items={[
              { key: 'id', label: t('identity.customers.columns.id'), children: revealed.id },
              { key: 'phone', label: t('identity.customers.columns.phone'), children: revealed.phone },
              {
                key: 'name',
                label: t('identity.customers.realName'),
                children: revealed.realName ?? t('identity.customers.none'),
              },
              {
                key: 'idNumber',
                label: t('identity.customers.idNumber'),
                children: revealed.idNumber ?? t('identity.customers.none'),
              },
            ]}
          />
        </>
      ) : (
        <>
          <Alert type="info" showIcon title={t('identity.customers.revealWarning')} className="form-alert" />
          {customer && (
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'id', label: t('identity.customers.columns.id'), children: customer.id },
                { key: 'phone', label: t('identity.customers.columns.phone'), children: customer.phoneMasked },
              ]}
            />
          )}
          <Form layout="vertical">
            <Form.Item
              label={t('identity.customers.reason')}
              required
              validateStatus={reason && tooShort ? 'error' : undefined}
              help={reason && tooShort ? t('identity.customers.reasonRequired') : undefined}
            >
              <Input.TextArea
                value={reason}
                maxLength={200}
                showCount
                rows={2}
                placeholder={t('identity.customers.reasonPlaceholder')}
                onChange={(event) => setReason(event.target.value)}
                data-testid="reveal-reason"
              />
            </Form.Item>
          </Form>
          {reveal.error && (
            <Alert
              type="error"
              showIcon
              title={
                reveal.error instanceof ProblemError
                  ? (reveal.error.problem.detail ?? reveal.error.problem.title)
                  : reveal.error.message
              }
            />
          )}
        </>
      )}
    </Modal>
  );
}

export function CustomersPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const canReveal = useCan('customers.reveal_pii');
  const canReadLedger = useCan('ledger.read');
  const [kind, setKind] = useState<SearchKind>('phone');
  const [text, setText] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const [search, setSearch] = useState<{ phone?: string; q?: string }>({});
  const [revealing, setRevealing] = useState<Customer | null>(null);
  const results = useCustomerSearch(search);
  const rows = results.data?.pages.flatMap((page) => page.data) ?? [];

  const submit = () => {
    const value = text.trim();
    setInputError(null);
    if (value === '') return setSearch({});
    if (kind === 'phone') {
      const phone = toE164(value);
      if (phone === null) return setInputError(t('identity.customers.invalidPhone'));
      return setSearch({ phone });
    }
    setSearch({ q: value });
  };

  const columns: TableColumnsType<Customer> = [
    {
      title: t('identity.customers.columns.id'),
      dataIndex: 'id',
      width: 310,
      render: (id: string) => (
        <Typography.Text code copyable={{ text: id }} className="mono-cell">
          {id}
        </Typography.Text>
      ),
    },
    { title: t('identity.customers.columns.phone'), dataIndex: 'phoneMasked', width: 130 },
    { title: t('identity.customers.columns.nickname'), dataIndex: 'nickname', width: 110, render: (n) => n ?? '—' },
    {
      title: t('identity.customers.columns.identity'),
      key: 'identity',
      width: 300,
      render: (_, c) => (
        <Space size={4} className="nowrap">
          <Tag
            color={c.identity.status === 'verified' ? 'success' : c.identity.status === 'failed' ? 'error' : 'default'}
          >
            {t(`identity.customers.identityStatus.${c.identity.status}`)}
          </Tag>
          {c.identity.nameMasked && <span>{c.identity.nameMasked}</span>}
          {c.identity.idNumberMasked && <Typography.Text type="secondary">{c.identity.idNumberMasked}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('identity.customers.columns.tier'),
      dataIndex: 'tier',
      width: 90,
      render: (tier: Customer['tier']) => t(`identity.customers.tiers.${tier}`),
    },
    {
      title: t('identity.customers.columns.status'),
      dataIndex: 'status',
      width: 90,
      render: (status: Customer['status']) => (
        <Tag color={status === 'active' ? 'green' : 'default'}>{t(`identity.customers.status.${status}`)}</Tag>
      ),
    },
    {
      title: t('identity.customers.columns.createdAt'),
      dataIndex: 'createdAt',
      width: 190,
      render: (at: string) => format(at),
    },
    {
      title: t('identity.customers.columns.actions'),
      key: 'actions',
      width: 220,
      fixed: 'right',
      render: (_, customer) => (
        <Space size={8}>
          <Tooltip title={canReveal ? undefined : t('identity.customers.noReveal')}>
            <Button
              size="small"
              icon={<EyeOutlined />}
              disabled={!canReveal}
              onClick={() => setRevealing(customer)}
              data-testid="reveal"
            >
              {t('identity.customers.reveal')}
            </Button>
          </Tooltip>
          <Tooltip title={canReadLedger ? undefined : t('wallet.customerWallet.noPermission')}>
            {/* A link (not a button): the wallet opens in a new tab too, and the crawl follows it. */}
            {canReadLedger ? (
              <Link to={`/customers/${customer.id}/wallet`} data-testid="customer-wallet" className="nowrap">
                <WalletOutlined /> {t('wallet.customerWallet.open')}
              </Link>
            ) : (
              <Button size="small" icon={<WalletOutlined />} disabled data-testid="customer-wallet">
                {t('wallet.customerWallet.open')}
              </Button>
            )}
          </Tooltip>
        </Space>
      ),
    },
  ];

  return (
    <div className="page" data-testid="customers-page">
      <PageHeader title={t('identity.customers.title')} subtitle={t('identity.customers.subtitle')} />
      <Card>
        <Form layout="inline" onFinish={submit} className="search-form">
          <Form.Item validateStatus={inputError ? 'error' : undefined} help={inputError ?? undefined}>
            <Space.Compact>
              <Select<SearchKind>
                value={kind}
                onChange={setKind}
                style={{ width: 210 }}
                options={[
                  { value: 'phone', label: t('identity.customers.searchBy.phone') },
                  { value: 'q', label: t('identity.customers.searchBy.q') },
                ]}
              />
              <Input
                allowClear
                value={text}
                onChange={(event) => setText(event.target.value)}
                placeholder={
                  kind === 'phone' ? t('identity.customers.phonePlaceholder') : t('identity.customers.qPlaceholder')
                }
                style={{ width: 320 }}
                data-testid="customer-search"
              />
            </Space.Compact>
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('identity.customers.search')}
              </Button>
              <Button
                onClick={() => {
                  setText('');
                  setInputError(null);
                  setSearch({});
                }}
              >
                {t('identity.customers.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <CursorTable
          query={results}
          rows={rows}
          columns={columns}
          size="middle"
          scrollX={1440}
          empty={t('identity.customers.empty')}
          testId="customers-table"
        />
      </Card>
      <RevealModal customer={revealing} onClose={() => setRevealing(null)} />
    </div>
  );
}
