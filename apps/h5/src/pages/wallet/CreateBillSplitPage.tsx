import { parseMajor, splitEvenly } from '@zulin/kernel';
import { Button, Form, Input, Switch, Toast } from 'antd-mobile';
import { AddCircleOutline, MinusCircleOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCreateBillSplit } from '../../bill-split-api';
import { SubPage } from '../../components/SubPage';
import { useMoney } from '../../money';
import { toE164 } from '../../validation';
import { useWallet } from '../../wallet-api';
import { AmountItem, WalletForm } from './form-parts';
import { parseYuan, walletErrorMessage } from './wallet-errors';

interface Values {
  title: string;
  total: string;
  friends: { phone?: string }[];
  includeMe: boolean;
}

export function CreateBillSplitPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const navigate = useNavigate();
  const create = useCreateBillSplit();
  const friendsMax = useWallet().data?.limits.billSplitFriendsMax ?? 1;
  const [form] = Form.useForm<Values>();
  const total = Form.useWatch('total', form);
  const friends = Form.useWatch('friends', form);
  const includeMe = Form.useWatch('includeMe', form);

  // The shares as the server will cut them (the kernel's splitEvenly: the last ones take the odd fen).
  const totalMinor = total ? parseYuan(total, parseMajor) : null;
  const parts = (friends?.length ?? 0) + (includeMe ? 1 : 0);
  const shares = totalMinor !== null && parts > 0 ? splitEvenly(totalMinor, parts) : [];

  const submit = (values: Values) => {
    const totalMinor = parseYuan(values.total, parseMajor);
    const friendPhones = values.friends.map((f) => toE164(f.phone ?? ''));
    if (totalMinor === null || friendPhones.some((p) => p === null)) return;
    if (new Set(friendPhones).size !== friendPhones.length) {
      Toast.show({ content: t('wallet.errors.phoneRepeated') });
      return;
    }
    create.mutate(
      {
        title: values.title.trim(),
        totalMinor,
        friendPhones: friendPhones as string[],
        includeRequester: values.includeMe,
      },
      {
        onSuccess: (split) => navigate(`/wallet/splits/${split.id}`, { replace: true }),
        onError: (error) => Toast.show({ icon: 'fail', content: walletErrorMessage(t, error) }),
      },
    );
  };

  const preview = shares.length > 0 && (
    <div className="card split-preview" data-testid="split-preview">
      <div className="split-preview-title">{t('wallet.splits.preview')}</div>
      {shares.map((amount, position) => {
        const who =
          includeMe && position === 0
            ? t('wallet.splits.mePaid')
            : t('wallet.splits.friend', { n: position + (includeMe ? 0 : 1) });
        return (
          <div className="summary-row" key={who}>
            <span>{who}</span>
            <span>{money(amount)}</span>
          </div>
        );
      })}
    </div>
  );

  const phoneRules = [
    { required: true, message: t('wallet.errors.phoneRequired') },
    {
      validator: async (_: unknown, value: string | undefined) => {
        if (value && toE164(value) === null) throw new Error(t('wallet.errors.phoneInvalid'));
      },
    },
  ];

  return (
    <SubPage title={t('wallet.splits.createTitle')} fallback="/wallet/splits">
      <p className="page-intro">{t('wallet.splits.createIntro')}</p>
      <WalletForm
        form={form}
        initialValues={{ friends: [{}], includeMe: true }}
        onFinish={submit}
        submitLabel={t('wallet.splits.submit')}
        busy={create.isPending}
        submitTestId="split-submit"
        aboveSubmit={preview}
      >
        <Form.Item
          name="title"
          label={t('wallet.splits.titleLabel')}
          rules={[{ required: true, whitespace: true, message: t('wallet.errors.titleRequired') }]}
        >
          <Input maxLength={60} placeholder={t('wallet.splits.titlePlaceholder')} data-testid="split-title" />
        </Form.Item>
        <AmountItem
          name="total"
          label={t('wallet.splits.total')}
          placeholder={t('wallet.splits.totalPlaceholder')}
          testId="split-total"
        />
        <Form.Array
          name="friends"
          renderHeader={({ index }, { remove }) => (
            <div className="split-friend-head">
              <span>{t('wallet.splits.friend', { n: index + 1 })}</span>
              {(friends?.length ?? 0) > 1 && (
                <Button
                  size="mini"
                  fill="none"
                  onClick={() => remove(index)}
                  aria-label={t('wallet.splits.removeFriend')}
                >
                  <MinusCircleOutline />
                </Button>
              )}
            </div>
          )}
          renderAdd={() =>
            (friends?.length ?? 0) < friendsMax && (
              <span className="split-add-friend" data-testid="split-add-friend">
                <AddCircleOutline /> {t('wallet.splits.addFriend')}
              </span>
            )
          }
          onAdd={(operation) => operation.add({})}
        >
          {(fields) =>
            fields.map(({ index }) => (
              <Form.Item key={index} name={[index, 'phone']} rules={phoneRules}>
                <Input
                  type="tel"
                  placeholder={t('wallet.transfer.phonePlaceholder')}
                  data-testid={`split-friend-${index}`}
                />
              </Form.Item>
            ))
          }
        </Form.Array>
        <Form.Item
          name="includeMe"
          label={t('wallet.splits.includeMe')}
          valuePropName="checked"
          layout="horizontal"
          childElementPosition="right"
        >
          <Switch data-testid="split-include-me" />
        </Form.Item>
      </WalletForm>
    </SubPage>
  );
}
