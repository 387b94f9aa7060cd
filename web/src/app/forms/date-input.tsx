import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties } from 'react';

interface DateInputProps {
  /** 'YYYY-MM-DD', the form the contracts carry; '' or undefined when empty. */
  value?: string | null;
  onChange?: (value: string) => void;
  /** Latest and earliest day that may be picked ('YYYY-MM-DD'). */
  max?: string;
  min?: string;
  id?: string;
  disabled?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
  'data-testid'?: string;
}

/**
 * A drop-in for a native date input: the same 'YYYY-MM-DD' string value ('' when cleared), but drawn by antd so
 * that the placeholder and the calendar follow the interface language (the app's ConfigProvider locale) rather
 * than the browser's, which showed 「mm/dd/yyyy」 in the Chinese interface.
 */
export function DateInput({ value, onChange, max, min, style, ...rest }: DateInputProps) {
  const parsed = value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayjs(value) : null;
  return (
    <DatePicker
      {...rest}
      style={{ minWidth: 150, ...style }}
      format="YYYY-MM-DD"
      value={parsed?.isValid() ? parsed : null}
      onChange={(day) => onChange?.(day ? day.format('YYYY-MM-DD') : '')}
      disabledDate={(day) => (max !== undefined && day.isAfter(max, 'day')) || (min !== undefined && day.isBefore(min, 'day'))}
    />
  );
}

/** Today's date in Shanghai as 'YYYY-MM-DD' (the district's calendar, whatever the browser's zone). */
export const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
