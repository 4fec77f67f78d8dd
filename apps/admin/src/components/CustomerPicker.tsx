// Picks a customer the way staff know them: by phone or ID number (exact), or part of a nickname,
// shown masked (name, phone), never by typing a `cus_…` id. The value is the customer's id, so a
// form or filter keeps sending what the API takes.
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useCustomerSearch } from '../identity-api';

function customerLabel(customer: {
  identity: { nameMasked: string | null };
  nickname: string | null;
  phoneMasked: string;
}): string {
  return [customer.identity.nameMasked ?? customer.nickname, customer.phoneMasked].filter(Boolean).join(' ');
}

export function CustomerPicker({
  value,
  onChange,
  testId,
  width = 260,
}: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  testId?: string;
  width?: number;
}) {
  const { t } = useTranslation();
  const can = useCan('customers.read');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // Ask once the typing pauses, and only for a useful query (two characters or more).
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim().length >= 2 ? typed.trim() : ''), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  // Nothing is asked before the staff member types: a list of every customer is not a choice, and a
  // role without customers.read would log a 403 on every page the picker is on.
  const search = useCustomerSearch({ q }, { enabled: q !== '' && can });
  const found = q ? (search.data?.pages.flatMap((page) => page.data) ?? []) : [];
  // Keep the chosen customer's label while the search moves on.
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const options = found.map((customer) => ({ value: customer.id, label: customerLabel(customer) }));
  if (value && chosen?.value === value && !options.some((option) => option.value === value)) {
    options.unshift(chosen);
  }
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear
      value={value}
      style={{ width }}
      placeholder={t('customerPicker.placeholder')}
      loading={q !== '' && search.isFetching}
      notFoundContent={q ? t('customerPicker.none') : t('customerPicker.hint')}
      options={options}
      onChange={(id: string | undefined) => {
        const option = options.find((o) => o.value === id);
        setChosen(id && option ? { value: id, label: option.label } : null);
        onChange?.(id);
      }}
      data-testid={testId}
    />
  );
}
