import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { saveBlob } from '@zulin/web';
import {
  App as AntdApp,
  Button,
  Checkbox,
  Empty,
  Popover,
  Space,
  Table,
  type TableColumnsType,
  type TableProps,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useRef, useState } from 'react';
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

type Column<T> = TableColumnsType<T>[number];

/**
 * A column sorter over the rows loaded so far (the server pages in its own order): numbers and
 * dates-as-text by value, text in the language's collation, empty values last either way.
 */
export function sortBy<T>(value: (row: T) => string | number | null | undefined): (a: T, b: T) => number {
  const collator = new Intl.Collator('zh-CN', { numeric: true });
  return (a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    return typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
  };
}

/** A column's stable key: its `key`, else its `dataIndex`. */
function keyOf<T>(column: Column<T>): string {
  if (column.key !== undefined) return String(column.key);
  const index = 'dataIndex' in column ? column.dataIndex : undefined;
  return Array.isArray(index) ? index.join('.') : String(index ?? '');
}

/** Amounts, instants, dates, rates and counts sort by their value; a column may give its own `sorter`. */
const SORTABLE = /(Minor|At|Date|Bps|Months|Days)$/;

function withDefaultSorter<T>(column: Column<T>): Column<T> {
  const index = 'dataIndex' in column ? column.dataIndex : undefined;
  if (column.sorter !== undefined || typeof index !== 'string' || !SORTABLE.test(index)) return column;
  return {
    ...column,
    sorter: sortBy((row: T) => {
      const value = (row as Record<string, unknown>)[index];
      return typeof value === 'number' || typeof value === 'string' ? value : null;
    }),
  };
}

/** A column of buttons or links (keyed `actions`, or with no title): not data to choose or export. */
function isControl<T>(column: Column<T>): boolean {
  return column.key === 'actions' || column.title === '';
}

const STORAGE = 'zulin.admin.columns.';

function readHidden(testId: string): string[] {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE + testId) ?? '[]');
    return Array.isArray(stored) ? stored.filter((key): key is string => typeof key === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The one table of the console's cursor-paged lists: its load error with a retry, the rows loaded
 * so far (a spinner while the first page loads, an empty state when there are none), "N loaded"
 * with a button for the next page (or "all loaded"), and the conventions of an operator's console:
 * column settings remembered per list, sorting of the loaded rows (amounts, instants and dates by
 * default, any column that gives a `sorter`),
 * a totals row over the loaded rows (`totals`, per column key), and an Excel export of exactly what
 * the table shows.
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
  totals,
  exportName,
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
  /** Column key → its total over the loaded rows. */
  totals?: (rows: T[]) => Partial<Record<string, ReactNode>>;
  /** The workbook's file and sheet name (default: the page's title); the list is exported as shown. */
  exportName?: string;
}) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const [hidden, setHidden] = useState<string[]>(() => readHidden(testId));
  const [exporting, setExporting] = useState(false);
  const tableRef = useRef<HTMLDivElement>(null);
  const choosable = columns.filter((column) => keyOf(column) !== '' && !isControl(column));
  const shown = columns.filter((column) => !hidden.includes(keyOf(column))).map(withDefaultSorter);

  const saveHidden = (next: string[]) => {
    setHidden(next);
    try {
      localStorage.setItem(STORAGE + testId, JSON.stringify(next));
    } catch {
      // A full or blocked storage only loses the preference.
    }
  };

  const exportShown = async () => {
    const table = tableRef.current?.querySelector('table');
    if (!table) return;
    setExporting(true);
    try {
      const { buildXlsx } = await import('@zulin/web/xlsx');
      const text = (cell: Element) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim();
      const dataCells = (row: Element) =>
        [...row.children].filter(
          (cell) =>
            !cell.classList.contains('ant-table-row-expand-icon-cell') &&
            !cell.classList.contains('ant-table-selection-column'),
        );
      // Buttons and links are not data: controls stay out of the workbook.
      const exported = (cells: Element[]) =>
        cells.filter((_, i) => shown[i] !== undefined && !isControl(shown[i])).map(text);
      const headerRow = table.querySelector('thead tr');
      const header = headerRow ? exported(dataCells(headerRow)) : [];
      const body = [...table.querySelectorAll('tbody tr.ant-table-row')].map((row) => exported(dataCells(row)));
      // Named after the page it is on unless the list says otherwise.
      const pageTitle = tableRef.current?.closest('.page')?.querySelector('.page-title')?.textContent?.trim();
      const name = exportName ?? (pageTitle || testId);
      const bytes = buildXlsx({ sheet: name, header, rows: body });
      saveBlob(
        new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
        `${name}.xlsx`,
      );
    } catch (error) {
      message.error(error instanceof RangeError ? t('list.exportTooLarge') : t('list.exportFailed'));
    } finally {
      setExporting(false);
    }
  };

  const summary =
    totals && rows.length > 0
      ? () => {
          const values = totals(rows);
          const offset = expandable ? 1 : 0;
          // The label spans the leading columns that have no total (at least the first), on one line:
          // in a narrow first column (a date) "合计（已加载 5 条）" would wrap over three lines.
          const firstTotal = shown.findIndex((column) => values[keyOf(column)] !== undefined);
          const labelSpan = Math.max(1, firstTotal < 0 ? shown.length : firstTotal);
          return (
            <Table.Summary fixed>
              <Table.Summary.Row data-testid={`${testId}-totals`}>
                {offset === 1 && <Table.Summary.Cell index={0} />}
                {shown.map((column, i) => {
                  const key = keyOf(column);
                  if (i > 0 && i < labelSpan) return null;
                  const value = values[key];
                  if (i === 0 && value === undefined)
                    return (
                      <Table.Summary.Cell key={key || i} index={offset} colSpan={labelSpan} className="totals-label">
                        <Typography.Text strong>{t('list.totals', { count: rows.length })}</Typography.Text>
                      </Table.Summary.Cell>
                    );
                  return (
                    <Table.Summary.Cell
                      key={key || i}
                      index={i + offset}
                      align={column.align}
                      className={value === undefined ? undefined : 'total-cell'}
                    >
                      {value ?? null}
                    </Table.Summary.Cell>
                  );
                })}
              </Table.Summary.Row>
            </Table.Summary>
          );
        }
      : undefined;

  const settings = (
    <div style={{ maxWidth: 260 }} data-testid={`${testId}-columns`}>
      <Checkbox.Group
        style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
        value={choosable.map(keyOf).filter((key) => !hidden.includes(key))}
        options={choosable.map((column) => ({
          value: keyOf(column),
          label: typeof column.title === 'string' ? column.title : keyOf(column),
          // The first column names the row: it always stays.
          disabled: keyOf(column) === keyOf(choosable[0]!),
        }))}
        onChange={(visible) => saveHidden(choosable.map(keyOf).filter((key) => !visible.includes(key)))}
      />
      <Button type="link" size="small" style={{ paddingLeft: 0 }} onClick={() => saveHidden([])}>
        {t('list.columnsReset')}
      </Button>
    </div>
  );

  return (
    <>
      {query.error && <QueryErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      <div className="cursor-table-toolbar">
        <Space size={4}>
          <Tooltip title={t('list.exportHint')}>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              loading={exporting}
              disabled={rows.length === 0}
              onClick={() => void exportShown()}
              data-testid={`${testId}-export`}
            >
              {t('list.export')}
            </Button>
          </Tooltip>
          <Popover trigger="click" placement="bottomRight" title={t('list.columns')} content={settings}>
            <Button size="small" icon={<SettingOutlined />} data-testid={`${testId}-settings`}>
              {t('list.columns')}
            </Button>
          </Popover>
        </Space>
      </div>
      <div ref={tableRef}>
        <Table<T>
          rowKey="id"
          size={size}
          columns={shown}
          dataSource={rows}
          loading={query.isPending}
          pagination={false}
          tableLayout="fixed"
          scroll={{ x: scrollX }}
          onRow={onRow}
          expandable={expandable}
          summary={summary}
          showSorterTooltip={{ title: t('list.sortHint') }}
          locale={{ emptyText: <Empty description={empty} /> }}
          data-testid={testId}
        />
      </div>
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
