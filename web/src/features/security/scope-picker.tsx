import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScopeKind } from '../../../../contracts/roles.ts';
import { listScopeOptions } from './security.api.ts';
import type { ScopeOption } from './security.api.ts';

interface Props {
  kind: ScopeKind;
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The current scope, so the select can show its name before any search. */
  initial?: ScopeOption | null;
  id?: string;
}

/** Searchable picker of departments, zones or enterprises (server-side search, debounced). */
export function ScopePicker({ kind, value, onChange, initial, id }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<ScopeOption[]>(initial ? [initial] : []);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setLoading(true);
      listScopeOptions(kind, query, controller.signal)
        .then((items) => {
          const keep = initial && !items.some((item) => item.id === initial.id) ? [initial] : [];
          setOptions([...keep, ...items]);
        })
        .catch(() => setOptions(initial ? [initial] : []))
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [kind, query, initial]);

  return (
    <Select<string>
      id={id}
      showSearch
      allowClear
      value={value ?? undefined}
      placeholder={t(`security.scopePlaceholder.${kind}`)}
      filterOption={false}
      onSearch={setQuery}
      onChange={(next) => onChange?.(next ?? null)}
      notFoundContent={loading ? <Spin size="small" /> : t('common.noMatch')}
      options={options.map((option) => ({ value: option.id, label: option.name }))}
    />
  );
}
