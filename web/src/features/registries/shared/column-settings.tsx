import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const STORAGE_PREFIX = 'biomfg.columns.';

function readHidden(listKey: string): string[] {
  try {
    const raw = window.localStorage.getItem(STORAGE_PREFIX + listKey);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Column choice for a list (列设置): which columns show, remembered per list in this browser. Columns need a
 * `key`; those marked `fixed` stay visible.
 */
export function useColumnSettings<T>(listKey: string, columns: TableColumnsType<T>) {
  const { t } = useTranslation();
  const [hidden, setHidden] = useState<string[]>(() => readHidden(listKey));
  const toggle = (key: string, visible: boolean) => {
    const next = visible ? hidden.filter((k) => k !== key) : [...hidden, key];
    setHidden(next);
    try {
      window.localStorage.setItem(STORAGE_PREFIX + listKey, JSON.stringify(next));
    } catch {
      // storage disabled: the choice lasts for this page
    }
  };
  const choosable = columns.filter((c) => c.key && !c.fixed);
  const visibleColumns = columns.filter((c) => !c.key || c.fixed || !hidden.includes(String(c.key)));
  const button = (
    <Popover
      trigger="click"
      placement="bottomRight"
      content={
        <div className="column-settings">
          {choosable.map((c) => (
            <Checkbox key={String(c.key)} checked={!hidden.includes(String(c.key))} onChange={(e) => toggle(String(c.key), e.target.checked)}>
              {c.title as string}
            </Checkbox>
          ))}
        </div>
      }
    >
      <Button icon={<SettingOutlined />} data-testid={`columns-${listKey}`}>
        {t('registries.actions.columns')}
      </Button>
    </Popover>
  );
  return { visibleColumns, button };
}
