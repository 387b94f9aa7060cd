/**
 * How a task is named on the board and in the command line: the chapter numeral and the task's own label,
 * "六(一)" for the first main task under "六、主要任务" and "七(二)" for the second safeguard. The chapter is
 * the last "N、" heading before the task in the policy text; the label is normalised (NFKC: "（一）" → "(一)").
 * Pure: no I/O.
 */
const CHAPTER = /(?:^|\n)[ \t\u3000]*([一二三四五六七八九十]+)、/g;

export function taskDisplayLabel(sourceText: string, taskStart: number, label: string, number: number): string {
  const own = (label.trim() || `(${number})`).normalize('NFKC').replace(/\s+/g, '');
  let chapter = '';
  for (const m of sourceText.slice(0, Math.max(0, taskStart)).matchAll(CHAPTER)) chapter = m[1]!;
  return `${chapter}${own}`;
}
