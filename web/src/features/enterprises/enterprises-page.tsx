import { Card, Empty, Input, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EnterpriseListItem } from '../../../../contracts/enterprises.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { PAGE_SIZES, useListParams } from '../../app/use-list-params.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { listEnterprises } from './enterprises.api.ts';
import { useTagLabel } from './enterprise-tags.ts';

const FILTERS = ['q'] as const;

/** 企业库: the enterprises the server lets this user see (its scope), searchable, paged on the server. */
export function EnterprisesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const tagLabel = useTagLabel();
  const { page, pageSize, filters, setPage, setFilters } = useListParams(FILTERS);
  const { data, error, loading, reload } = useAsync(
    (signal) => listEnterprises({ page, pageSize, q: filters.q }, signal),
    [page, pageSize, filters.q],
  );

  const columns: TableColumnsType<EnterpriseListItem> = [
    {
      title: t('enterprises.name'),
      dataIndex: 'name',
      render: (_, row) => (
        <span className="cell-name">
          {row.name}
          {row.isDemo && (
            <Tag color="gold" className="demo-tag">
              {t('common.demo')}
            </Tag>
          )}
        </span>
      ),
    },
    { title: t('enterprises.uscc'), dataIndex: 'uscc', width: 190, render: (_, row) => <span className="mono">{row.uscc}</span> },
    { title: t('enterprises.domain'), dataIndex: ['domain', 'name'], width: 150, render: (_, row) => row.domain?.name ?? '—' },
    { title: t('enterprises.zone'), dataIndex: ['zone', 'name'], width: 120, render: (_, row) => row.zone?.name ?? '—' },
    { title: t('enterprises.stage'), dataIndex: 'stage', width: 110, render: (_, row) => t(`enterprises.stages.${row.stage}`) },
    {
      title: t('enterprises.aboveScale'),
      dataIndex: 'isAboveScale',
      width: 110,
      render: (_, row) => (row.isAboveScale ? <Tag color="green">{t('enterprises.aboveScaleYes')}</Tag> : t('enterprises.aboveScaleNo')),
    },
    {
      title: t('enterprises.tags'),
      dataIndex: 'tags',
      width: 180,
      render: (_, row) => (row.tags.length ? row.tags.map((tag) => <Tag key={tag}>{tagLabel(tag)}</Tag>) : '—'),
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.enterprises')} subtitle={t('enterprises.subtitle')} />
      <Card>
        <div className="toolbar">
          <Input.Search
            key={filters.q}
            allowClear
            defaultValue={filters.q}
            placeholder={t('enterprises.searchPlaceholder')}
            enterButton={t('common.search')}
            maxLength={64}
            className="toolbar__search"
            onSearch={(value) => setFilters({ q: value.trim() })}
          />
        </div>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<EnterpriseListItem>
            rowKey="id"
            size="middle"
            loading={loading}
            columns={columns}
            dataSource={data?.items ?? []}
            scroll={{ x: 1040 }}
            locale={{
              emptyText: (
                <Empty description={filters.q ? t('enterprises.emptySearch', { q: filters.q }) : t('enterprises.empty')} />
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES.map(String),
              showTotal: (total) => t('common.total', { total: fmt.number(total) }),
              onChange: setPage,
            }}
          />
        )}
      </Card>
    </>
  );
}
