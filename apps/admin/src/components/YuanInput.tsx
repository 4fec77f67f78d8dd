import { formatMajor, parseMajor } from '@zulin/kernel';
import { InputNumber } from 'antd';

/**
 * A money field that shows yuan and holds integer 分. The text is parsed exactly as a decimal
 * string (never through a float), so "19.99" is 1999.
 */
export function YuanInput({
  value,
  onChange,
  ...rest
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  'data-testid'?: string;
}) {
  return (
    <InputNumber<string>
      {...rest}
      stringMode
      min="0"
      precision={2}
      prefix="¥"
      style={{ width: '100%' }}
      value={value === undefined || value === null ? null : formatMajor(value)}
      onChange={(text) => {
        if (text === null || text === '') return onChange?.(null);
        try {
          onChange?.(parseMajor(String(text)));
        } catch {
          onChange?.(null);
        }
      }}
    />
  );
}
