import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ActiveFilter {
  /** Stable key (also the test id: filter-tag-<key>). */
  key: string;
  label: string;
  value: string;
  onClear: () => void;
}

/**
 * The filters a list is narrowed by, as removable tags (「状态：待审核 ×」): a list opened from a workbench count
 * says why it is short, and closing a tag shows the whole list again. Nothing is drawn without a filter.
 */
export function FilterTags({ filters }: { filters: readonly ActiveFilter[] }) {
  const { t } = useTranslation();
  if (!filters.length) return null;
  return (
    <Space size={4} wrap data-testid="filter-tags" style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary">{t('common.filteredBy')}</Typography.Text>
      {filters.map((f) => (
        <Tag
          key={f.key}
          color="blue"
          closable
          closeIcon={<span aria-label={t('common.clearFilter')}>×</span>}
          data-testid={`filter-tag-${f.key}`}
          onClose={(e) => {
            // the list re-renders without the tag; antd must not also hide it itself
            e.preventDefault();
            f.onClear();
          }}
        >
          {t('common.filterValue', { label: f.label, value: f.value })}
        </Tag>
      ))}
    </Space>
  );
}
