import { Empty, Table } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiRequestError } from '../../../app/api-error.ts';
import { useFormat } from '../../../app/i18n/format.ts';
import { LoadError } from '../../../app/pages/load-error.tsx';
import { PAGE_SIZES } from '../../../app/use-list-params.ts';

/** Height of the app's top bar (styles.css .shell__header), under which a sticky table header stops. */
const APP_HEADER_HEIGHT = 56;

/** What a list page gets from useListParams: page, size and the sort it keeps in the URL. */
export interface ListParams {
  page: number;
  pageSize: number;
  filters: { sort?: string; order?: string };
  setPage: (page: number, pageSize: number) => void;
  setFilters: (changes: { sort?: string; order?: string }) => void;
}

/**
 * A registry list's table: column sorting and paging written back to the URL (a new sort starts at page 1),
 * the total, the empty state, and the load error with a retry in place of the table.
 */
export function RegistryTable<T extends { id: string }>(props: {
  list: ListParams;
  columns: TableColumnsType<T>;
  data: { items: T[]; total: number } | undefined;
  loading: boolean;
  error: ApiRequestError | undefined;
  reload: () => void;
  /** Width the columns need before the table scrolls sideways; by default their widths added up (200 for a column without one). */
  scrollX?: number;
  onRow?: TableProps<T>['onRow'];
  /** Replaces the generic "no records" text (e.g. naming the search that found nothing). */
  emptyText?: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { page, pageSize, filters, setPage, setFilters } = props.list;
  // A fixed total narrower than the columns squeezes the one without a width to nothing (its text then
  // wraps a character per line and every row grows tall): the default leaves each column its room — and no
  // more, so the columns the user chose fit the screen when they can and scroll only when they cannot.
  const scrollX = props.scrollX ?? props.columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 200), 0);
  if (props.error) return <LoadError error={props.error} onRetry={props.reload} />;
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      loading={props.loading}
      columns={props.columns}
      dataSource={props.data?.items}
      scroll={{ x: scrollX }}
      // The header stays under the app bar, and the horizontal scrollbar at the window's bottom edge: a long
      // page need not be scrolled to its end to reach the columns on the right.
      sticky={{ offsetHeader: APP_HEADER_HEIGHT }}
      onChange={(pagination, _f, sorter) => {
        const s = Array.isArray(sorter) ? sorter[0] : sorter;
        const sort = s?.order ? String(s.columnKey) : '';
        const order = s?.order === 'descend' ? 'desc' : s?.order ? 'asc' : '';
        if (sort !== (filters.sort ?? '') || order !== (filters.order ?? '')) setFilters({ sort, order });
        else setPage(pagination.current ?? 1, pagination.pageSize ?? pageSize);
      }}
      {...(props.onRow ? { onRow: props.onRow } : {})}
      locale={{ emptyText: <Empty description={props.emptyText ?? t('registries.empty')} /> }}
      pagination={{ current: page, pageSize, total: props.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: PAGE_SIZES.map(String), showTotal: (total) => t('common.total', { total: fmt.number(total) }) }}
    />
  );
}
