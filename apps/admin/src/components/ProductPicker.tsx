// Picks a product the way staff know it: by brand (either language), model or series, searched as
// they type (the console's product search), never by typing a `prd_…` or `sku_…` id. The value is
// the product's id, so a filter keeps sending what the API takes.
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProducts } from '../catalog-api';
import { useCan } from '../identity-api';

export function ProductPicker({
  value,
  onChange,
  testId,
  width = 240,
}: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  testId?: string;
  width?: number;
}) {
  const { t, i18n } = useTranslation();
  const can = useCan('catalog.read');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  // The first page with nothing typed (the newest products), then the search's matches: every
  // product can be found, not only the first twenty.
  const search = useProducts(q ? { q } : {});
  const english = i18n.language.startsWith('en');
  const found = can ? (search.data?.pages.flatMap((page) => page.data) ?? []) : [];
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const options = found.map((product) => ({
    value: product.id,
    label: `${english ? product.brandName : product.brandNameZh} ${product.model}`,
  }));
  if (value && chosen?.value === value && !options.some((option) => option.value === value)) {
    options.unshift(chosen);
  }
  if (!can) return null;
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear
      value={value}
      style={{ width }}
      placeholder={t('productPicker.placeholder')}
      loading={search.isFetching}
      notFoundContent={t('productPicker.none')}
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
