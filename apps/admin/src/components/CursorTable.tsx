import { Button, Empty, Table, type TableColumnsType, type TableProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryErrorAlert } from './QueryErrorAlert';

/** What the table needs of a cursor-paged query (TanStack's infinite query has all of it). */
export interface CursorQuery {
  error: Error | null;
  isPending: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  refetch: () => unknown;
  fetchNextPage: () => unknown;
}

/**
 * The one table of the console's cursor-paged lists: its load error with a retry, the rows loaded
 * so far (a spinner while the first page loads, an empty state when there are none), and "N loaded"
 * with a button for the next page (or "all loaded").
 */
export function CursorTable<T extends { id: string }>({
  query,
  rows,
  columns,
  scrollX,
  empty,
  testId,
  onRow,
  size = 'small',
  expandable,
}: {
  query: CursorQuery;
  rows: T[];
  columns: TableColumnsType<T>;
  scrollX: number;
  empty: string;
  testId: string;
  onRow?: TableProps<T>['onRow'];
  size?: 'small' | 'middle';
  expandable?: TableProps<T>['expandable'];
}) {
  const { t } = useTranslation();
  return (
    <>
      {query.error && <QueryErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      <Table<T>
        rowKey="id"
        size={size}
        columns={columns}
        dataSource={rows}
        loading={query.isPending}
        pagination={false}
        tableLayout="fixed"
        scroll={{ x: scrollX }}
        onRow={onRow}
        expandable={expandable}
        locale={{ emptyText: <Empty description={empty} /> }}
        data-testid={testId}
      />
      <div className="load-more">
        <Typography.Text type="secondary">{t('list.loaded', { count: rows.length })}</Typography.Text>
        {query.hasNextPage ? (
          <Button
            loading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
            data-testid={`${testId}-load-more`}
          >
            {t('list.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('list.end')}</Typography.Text>
        )}
      </div>
    </>
  );
}
