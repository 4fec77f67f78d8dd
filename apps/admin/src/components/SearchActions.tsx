import { SearchOutlined } from '@ant-design/icons';
import { Button, Form, type FormInstance, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** The end of a filter form: search (submits the form) and reset (clears the form, then `onReset`). */
export function SearchActions({
  form,
  onReset,
  searchTestId,
}: {
  form: FormInstance;
  onReset: () => void;
  searchTestId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid={searchTestId}>
          {t('wallet.common.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onReset();
          }}
        >
          {t('wallet.common.reset')}
        </Button>
      </Space>
    </Form.Item>
  );
}
