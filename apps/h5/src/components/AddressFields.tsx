// The delivery address form a checkout asks for (rental and installment), with logistics'
// `checkAddress` rules checked before sending: every field, a mainland mobile number, the field bound.
import { Form, Input } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/** logistics' checkAddress: a mainland mobile number (+86 1[3-9] and 9 digits). */
export const MOBILE = /^1[3-9][0-9]{9}$/;
export const ADDRESS_FIELDS = ['name', 'phone', 'province', 'city', 'district', 'line'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];
export type AddressValues = Record<AddressField, string>;
/** logistics' address field bound (LogisticsLimits.addressFieldLengthMax). */
export const FIELD_MAX = 100;

/** The form's values as the API takes an address (the phone with +86). */
export function toAddress(values: AddressValues) {
  return {
    name: values.name.trim(),
    phone: `+86${values.phone.trim()}`,
    province: values.province.trim(),
    city: values.city.trim(),
    district: values.district.trim(),
    line: values.line.trim(),
  };
}

/** The six fields, each with its rules; the caller owns the `Form`. */
export function AddressFields() {
  const { t } = useTranslation();
  const required = (field: AddressField) => [
    { required: true, whitespace: true, message: t('rentals.checkout.required') },
    { max: FIELD_MAX, message: t('rentals.checkout.tooLong', { max: FIELD_MAX }) },
    ...(field === 'phone' ? [{ pattern: MOBILE, message: t('rentals.checkout.phoneInvalid') }] : []),
  ];
  return (
    <>
      {ADDRESS_FIELDS.map((field) => (
        <Form.Item key={field} name={field} label={t(`rentals.checkout.fields.${field}`)} rules={required(field)}>
          <Input
            placeholder={t(`rentals.checkout.placeholders.${field}`)}
            inputMode={field === 'phone' ? 'numeric' : undefined}
            maxLength={field === 'phone' ? 11 : FIELD_MAX}
            data-testid={`address-${field}`}
          />
        </Form.Item>
      ))}
    </>
  );
}
