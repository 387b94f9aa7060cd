/** How an import/export column is described: the template, the header matching and the cell parsing use it. */
export type ColumnKind = 'text' | 'number' | 'date' | 'enum' | 'boolean' | 'list';

export interface EnumOption {
  /** Stored value (a code). */
  value: string;
  /** What the sheet shows and the drop-down offers (Chinese). */
  label: string;
}

export interface ColumnSpec {
  /** Key of the raw record the entity builds its contract input from. */
  key: string;
  /** Chinese header, as in the template. */
  header: string;
  /** Other headers accepted on import (older templates, common spellings). */
  aliases?: readonly string[];
  required?: boolean;
  kind: ColumnKind;
  options?: readonly EnumOption[];
  /** 填写说明: one line for the notes sheet. */
  note: string;
  width?: number;
  /** Computed on export (e.g. 出租率); not in the template, ignored on import. */
  exportOnly?: boolean;
}

export type CellValue = string | number | boolean | Date | null;
