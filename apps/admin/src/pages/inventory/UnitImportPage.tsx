import { CheckCircleOutlined, DownloadOutlined, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Input,
  Row,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
  Upload,
} from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api';
import { type ImportReport, importUnits } from '../../catalog-api';
import { PageHeader } from '../../components/PageHeader';

const KNOWN_CODES = [
  'INVENTORY_IMEI_INVALID',
  'INVENTORY_IMEI_DUPLICATE',
  'INVENTORY_IMEI_REPEATED_IN_FILE',
  'CATALOG_SKU_NOT_FOUND',
  'INVENTORY_SKU_AMBIGUOUS',
  'INVENTORY_WAREHOUSE_NOT_FOUND',
  'INVENTORY_SUPPLIER_NOT_FOUND',
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

function isKnownCode(code: string): code is KnownCode {
  return (KNOWN_CODES as readonly string[]).includes(code);
}

/** The field checks (required, enum, invalid) are worded per column. */
const FIELD_TEXTS = {
  'required.skuId': 'catalog.import.fieldCodes.required.skuId',
  'required.skuName': 'catalog.import.fieldCodes.required.skuName',
  'required.serialNumber': 'catalog.import.fieldCodes.required.serialNumber',
  'enum.condition': 'catalog.import.fieldCodes.enum.condition',
  'enum.grade': 'catalog.import.fieldCodes.enum.grade',
  'invalid.cost': 'catalog.import.fieldCodes.invalid.cost',
  'invalid.costMinor': 'catalog.import.fieldCodes.invalid.costMinor',
  'invalid.purchaseDate': 'catalog.import.fieldCodes.invalid.purchaseDate',
} as const;

/** A bad row's problem in the console's language; null for a code not worded here (the server's sentence is shown). */
function problemText(t: TFunction, row: { code: string; column: string; message: string }): string | null {
  if (isKnownCode(row.code)) return t(`catalog.import.codes.${row.code}`);
  const key = `${row.code}.${row.column}`;
  return key in FIELD_TEXTS ? t(FIELD_TEXTS[key as keyof typeof FIELD_TEXTS]) : null;
}

const TEMPLATE = 'skuName,condition,imei,serialNumber,warehouse,cost,grade,location,purchaseDate\n';

interface BadRow {
  key: string;
  line: number;
  imei: string | null;
  column: string;
  code: string;
  message: string;
}

function badRows(report: ImportReport): BadRow[] {
  return report.invalidRows.flatMap((row) =>
    row.errors.map((error, index) => ({ key: `${row.line}-${index}`, line: row.line, imei: row.imei, ...error })),
  );
}

/** A strict import of a file with bad rows answers 422 naming each: `/body/lines/{line}/{column}`. */
function badRowsFromProblem(error: ProblemError): BadRow[] {
  return (error.problem.errors ?? []).map((e, index) => {
    const [, line, column] = /\/lines\/(\d+)\/?([^/]*)/.exec(e.path) ?? [];
    return {
      key: `p${index}`,
      line: Number(line ?? 0),
      imei: null,
      column: column ?? '',
      code: e.code ?? '',
      message: e.message,
    };
  });
}

export function UnitImportPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [problemRows, setProblemRows] = useState<BadRow[] | null>(null);
  const [busy, setBusy] = useState<'check' | 'all' | 'valid' | null>(null);

  const run = async (mode: 'check' | 'all' | 'valid') => {
    if (csv.trim() === '') {
      void message.warning(t('catalog.import.empty'));
      return;
    }
    setBusy(mode);
    setProblemRows(null);
    try {
      const result = await importUnits(csv, { dryRun: mode === 'check', skipInvalid: mode === 'valid' });
      setReport(result);
      if (result.committed) void message.success(t('catalog.import.done', { count: result.importedCount }));
    } catch (error) {
      if (error instanceof ProblemError && error.problem.code === 'INVENTORY_IMPORT_INVALID') {
        // Nothing went in. The same file checked gives the full report, which offers importing
        // only the valid rows; if even that fails, the refusal's own rows are shown.
        try {
          setReport(await importUnits(csv, { dryRun: true, skipInvalid: false }));
        } catch {
          setProblemRows(badRowsFromProblem(error));
        }
      } else {
        void message.error(
          t('catalog.import.failed', {
            reason: error instanceof ProblemError ? (error.problem.detail ?? error.problem.title) : String(error),
          }),
        );
      }
    } finally {
      setBusy(null);
    }
  };

  const rows = problemRows ?? (report ? badRows(report) : []);
  const invalidCount = report ? report.invalidRows.length : new Set(rows.map((r) => r.line)).size;
  const columns: TableColumnsType<BadRow> = [
    { title: t('catalog.import.line'), dataIndex: 'line', width: 80 },
    {
      title: t('catalog.import.imei'),
      dataIndex: 'imei',
      width: 180,
      render: (imei: string | null) => <Typography.Text className="mono-cell">{imei ?? '—'}</Typography.Text>,
    },
    {
      title: t('catalog.import.column'),
      dataIndex: 'column',
      width: 140,
      render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
    },
    {
      title: t('catalog.import.problem'),
      key: 'problem',
      render: (_, row) => (
        <span>
          <Typography.Text type="danger">{problemText(t, row) ?? row.message}</Typography.Text>{' '}
          <Typography.Text type="secondary" className="mono-cell">
            {/* The server's sentence is English: shown beside the code only in the English console. */}
            {i18n.language.startsWith('en') ? `${row.code} · ${row.message}` : row.code}
          </Typography.Text>
        </span>
      ),
    },
  ];

  return (
    <div className="page" data-testid="import-page">
      <PageHeader title={t('catalog.import.title')} subtitle={t('catalog.import.subtitle')} />
      <Card>
        <Alert type="info" showIcon title={t('catalog.import.columnsHint')} className="form-alert" />
        <Space wrap className="table-toolbar">
          <Upload
            accept=".csv,text/csv"
            showUploadList={false}
            beforeUpload={async (file) => {
              setCsv(await file.text());
              setFileName(file.name);
              setReport(null);
              setProblemRows(null);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="import-file">
              {t('catalog.import.choose')}
            </Button>
          </Upload>
          {fileName && (
            <Typography.Text>
              <FileTextOutlined /> {fileName}
            </Typography.Text>
          )}
          <Button
            type="link"
            icon={<DownloadOutlined />}
            href={`data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`}
            download="units-template.csv"
          >
            {t('catalog.import.template')}
          </Button>
        </Space>
        <Input.TextArea
          value={csv}
          onChange={(event) => {
            setCsv(event.target.value);
            setReport(null);
            setProblemRows(null);
          }}
          rows={8}
          placeholder={`${t('catalog.import.orPaste')}\n${TEMPLATE}`}
          className="csv-input"
          data-testid="import-csv"
        />
        <Space className="import-actions" wrap>
          <Button
            type="primary"
            icon={<CheckCircleOutlined />}
            loading={busy === 'check'}
            onClick={() => void run('check')}
            data-testid="import-check"
          >
            {t('catalog.import.validate')}
          </Button>
          <Button loading={busy === 'all'} onClick={() => void run('all')} data-testid="import-all">
            {t('catalog.import.importAll')}
          </Button>
          {report && report.invalidRows.length > 0 && report.validRows > 0 && (
            <Button loading={busy === 'valid'} onClick={() => void run('valid')} data-testid="import-valid">
              {t('catalog.import.importValid', { count: report.validRows })}
            </Button>
          )}
        </Space>
      </Card>
      {(report || problemRows) && (
        <Card title={t('catalog.import.reportTitle')} data-testid="import-report">
          {report && (
            <Row gutter={16} className="import-stats">
              <Col xs={12} md={6}>
                <Statistic title={t('catalog.import.total')} value={report.totalRows} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('catalog.import.valid')}
                  value={report.validRows}
                  styles={{ content: { color: '#16a34a' } }}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('catalog.import.invalid')}
                  value={report.invalidRows.length}
                  styles={{ content: { color: report.invalidRows.length > 0 ? '#dc2626' : undefined } }}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('catalog.import.imported')} value={report.importedCount} />
              </Col>
            </Row>
          )}
          {rows.length === 0 ? (
            <Alert type="success" showIcon title={t('catalog.import.allValid')} />
          ) : (
            <>
              <Alert
                type="error"
                showIcon
                title={t('catalog.import.hasInvalid', { count: invalidCount })}
                className="form-alert"
              />
              <Table
                rowKey="key"
                size="small"
                columns={columns}
                dataSource={rows}
                pagination={false}
                data-testid="import-errors"
              />
            </>
          )}
        </Card>
      )}
    </div>
  );
}
