import { keysOf } from '@zulin/web';
import {
  App as AntdApp,
  Button,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter } from '../../hooks';
import { supportZhCN } from '../../i18n/sections/support';
import { useCan } from '../../identity-api';
import {
  type ArticleInput,
  type HelpTopic,
  type StaffHelpArticle,
  useCreateArticle,
  useEditArticle,
  useHelpArticles,
  usePublishArticle,
} from '../../support-api';

const TOPICS = keysOf<HelpTopic>({
  renting: true,
  deposit: true,
  returns: true,
  payments: true,
  wallet: true,
  installments: true,
  feedback: true,
  support: true,
  account: true,
});
type KnownError = keyof typeof supportZhCN.articles.errors;
const KNOWN_ERRORS = new Set<string>(Object.keys(supportZhCN.articles.errors));

interface ArticleForm {
  slug: string;
  topic: HelpTopic;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  keywordsZh?: string;
  keywordsEn?: string;
}

function toInput(v: ArticleForm): ArticleInput {
  return {
    slug: v.slug,
    topic: v.topic,
    title: { 'zh-CN': v.titleZh, en: v.titleEn },
    body: { 'zh-CN': v.bodyZh, en: v.bodyEn },
    keywords: { 'zh-CN': v.keywordsZh ?? '', en: v.keywordsEn ?? '' },
  };
}

function toForm(a: StaffHelpArticle): ArticleForm {
  return {
    slug: a.slug,
    topic: a.topic,
    titleZh: a.title['zh-CN'],
    titleEn: a.title.en,
    bodyZh: a.body['zh-CN'],
    bodyEn: a.body.en,
    keywordsZh: a.keywords['zh-CN'],
    keywordsEn: a.keywords.en,
  };
}

/** The help-centre editor: every article with its state; write, edit, publish and unpublish. */
export function HelpArticlesPage() {
  const { t, i18n } = useTranslation();
  const { message } = AntdApp.useApp();
  const format = useInstantFormatter();
  const canHandle = useCan('support.handle');
  const articles = useHelpArticles();
  const publish = usePublishArticle();
  const [editing, setEditing] = useState<StaffHelpArticle | 'new' | null>(null);
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';

  const columns: TableColumnsType<StaffHelpArticle> = [
    {
      title: t('support.articles.columns.title'),
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{a.title[locale]}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-user-content>
            {a.title[locale === 'en' ? 'zh-CN' : 'en']}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('support.articles.columns.topic'),
      width: 130,
      render: (_, a) => t(`support.articles.topics.${a.topic}`),
    },
    {
      title: t('support.articles.columns.status'),
      width: 100,
      render: (_, a) =>
        a.published ? (
          <Tag color="success">{t('support.articles.published')}</Tag>
        ) : (
          <Tag data-testid="article-draft">{t('support.articles.draft')}</Tag>
        ),
    },
    {
      title: t('support.articles.columns.updated'),
      width: 220,
      render: (_, a) =>
        a.updatedByName
          ? t('support.articles.by', { name: a.updatedByName, when: format(a.updatedAt) })
          : format(a.updatedAt),
    },
    ...(canHandle
      ? [
          {
            key: 'actions',
            width: 170,
            render: (_: unknown, a: StaffHelpArticle) => (
              <Space>
                <Button size="small" onClick={() => setEditing(a)} data-testid={`article-edit-${a.slug}`}>
                  {t('support.articles.edit')}
                </Button>
                <Button
                  size="small"
                  type={a.published ? 'default' : 'primary'}
                  data-testid={`article-publish-${a.slug}`}
                  onClick={() =>
                    publish.mutate(
                      { slug: a.slug, published: !a.published },
                      { onError: () => void message.error(t('support.articles.failed')) },
                    )
                  }
                >
                  {a.published ? t('support.articles.unpublish') : t('support.articles.publish')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('support.articles.title')}
        subtitle={t('support.articles.subtitle')}
        extra={
          canHandle ? (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="article-new">
              {t('support.articles.new')}
            </Button>
          ) : null
        }
      />
      {articles.error && <QueryErrorAlert error={articles.error} onRetry={() => void articles.refetch()} />}
      <Table<StaffHelpArticle>
        rowKey="slug"
        size="middle"
        loading={articles.isPending}
        dataSource={articles.data?.data ?? []}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('support.articles.empty') }}
        data-testid="article-table"
      />
      <ArticleDrawer editing={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function ArticleDrawer({ editing, onClose }: { editing: StaffHelpArticle | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const create = useCreateArticle();
  const edit = useEditArticle();
  const isNew = editing === 'new';
  const required = [{ required: true, whitespace: true, message: t('support.articles.required') }];
  const save = (values: ArticleForm) => {
    const input = toInput(values);
    const mutation = isNew ? create : edit;
    mutation.mutate(input, {
      onSuccess: () => {
        void message.success(t('support.articles.saved'));
        onClose();
      },
      onError: (error) => {
        const code = errorCode(error);
        void message.error(
          code && KNOWN_ERRORS.has(code)
            ? t(`support.articles.errors.${code as KnownError}`)
            : t('support.articles.failed'),
        );
      },
    });
  };
  return (
    <Drawer
      open={editing !== null}
      onClose={onClose}
      width={720}
      title={isNew ? t('support.articles.new') : t('support.articles.edit')}
      destroyOnHidden
    >
      {editing !== null && (
        <Form<ArticleForm>
          layout="vertical"
          initialValues={editing === 'new' ? { topic: 'renting' } : toForm(editing)}
          onFinish={save}
          data-testid="article-form"
        >
          <Space style={{ width: '100%' }} align="start">
            <Form.Item
              name="slug"
              label={t('support.articles.slug')}
              extra={t('support.articles.slugHelp')}
              rules={[
                ...required,
                { pattern: /^[a-z0-9][a-z0-9-]*[a-z0-9]$/, message: t('support.articles.slugHelp') },
              ]}
              style={{ width: 360 }}
            >
              <Input disabled={!isNew} data-testid="article-slug" />
            </Form.Item>
            <Form.Item name="topic" label={t('support.articles.topic')} rules={required} style={{ width: 200 }}>
              <Select<HelpTopic>
                options={TOPICS.map((topic) => ({ value: topic, label: t(`support.articles.topics.${topic}`) }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="titleZh" label={t('support.articles.titleZh')} rules={required}>
            <Input maxLength={80} showCount data-testid="article-title-zh" />
          </Form.Item>
          <Form.Item name="titleEn" label={t('support.articles.titleEn')} rules={required}>
            <Input maxLength={80} showCount data-testid="article-title-en" />
          </Form.Item>
          <Form.Item
            name="bodyZh"
            label={t('support.articles.bodyZh')}
            extra={t('support.articles.bodyHelp')}
            rules={required}
          >
            <Input.TextArea rows={8} maxLength={8000} showCount data-testid="article-body-zh" />
          </Form.Item>
          <Form.Item name="bodyEn" label={t('support.articles.bodyEn')} rules={required}>
            <Input.TextArea rows={8} maxLength={8000} showCount data-testid="article-body-en" />
          </Form.Item>
          <Form.Item name="keywordsZh" label={t('support.articles.keywordsZh')}>
            <Input maxLength={200} data-testid="article-keywords-zh" />
          </Form.Item>
          <Form.Item name="keywordsEn" label={t('support.articles.keywordsEn')}>
            <Input maxLength={200} />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={create.isPending || edit.isPending}
            data-testid="article-save"
          >
            {t('support.articles.save')}
          </Button>
        </Form>
      )}
    </Drawer>
  );
}
