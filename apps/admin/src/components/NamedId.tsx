// A person or thing named as staff read it (a customer's masked name and phone, a reviewer's name),
// with its id one hover away and copyable: screens never show a bare `cus_…` when a name exists.
import { Tooltip, Typography } from 'antd';

export function NamedId({ name, id, testId }: { name: string | null; id: string | null; testId?: string }) {
  if (id === null) return null;
  return (
    <Tooltip
      title={
        <Typography.Text copyable={{ text: id }} style={{ color: 'inherit' }}>
          {id}
        </Typography.Text>
      }
    >
      <span data-testid={testId} data-id={id} className={name === null ? 'mono-cell' : undefined}>
        {name ?? id}
      </span>
    </Tooltip>
  );
}
