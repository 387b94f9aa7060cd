import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const STORAGE_PREFIX = 'biomfg.columns.';

/** The user's choice for the list, or null when they never made one (then the list's defaults apply). */
function readHidden(listKey: string): string[] | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_PREFIX + listKey);
    if (raw === null) return null;
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : null;
  } catch {
    return null;
  }
}

/**
 * Column choice for a list (列设置): which columns show, remembered per list in this browser. Columns need a
 * `key`; those marked `fixed` stay visible. `defaultHidden` are the columns a list starts without, so that what
 * matters fits a 1440 px screen beside the menu; the user's own choice (even "all") then replaces it.
 */
export function useColumnSettings<T>(listKey: string, columns: TableColumnsType<T>, defaultHidden: readonly string[] = []) {
  const { t } = useTranslation();
  const [hidden, setHidden] = useState<readonly string[]>(() => readHidden(listKey) ?? defaultHidden);
  const choose = (next: readonly string[] | null) => {
    setHidden(next ?? defaultHidden);
    try {
      if (next === null) window.localStorage.removeItem(STORAGE_PREFIX + listKey);
      else window.localStorage.setItem(STORAGE_PREFIX + listKey, JSON.stringify(next));
    } catch {
      // storage disabled: the choice lasts for this page
    }
  };
  const toggle = (key: string, visible: boolean) => choose(visible ? hidden.filter((k) => k !== key) : [...hidden, key]);
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
          <Button size="small" type="link" onClick={() => choose(null)} data-testid={`columns-${listKey}-reset`}>
            {t('registries.actions.columnsReset')}
          </Button>
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
