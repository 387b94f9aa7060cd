import type { ParseWarning } from '../../../../contracts/plan-parse.ts';
import type { Span } from './text-model.ts';

/** What every stage of the parser shares: the input, its same-length view, and the warning list. */
export interface ParseContext {
  readonly text: string;
  readonly view: string;
  readonly warnings: ParseWarning[];
}

/**
 * Records something the parser could not place. The message carries Chinese for the operator and English for
 * the log; the range is clamped to the text so a warning can always be highlighted.
 */
export function warn(ctx: ParseContext, zh: string, en: string, span: Span): void {
  const max = ctx.text.length;
  const start = Math.min(Math.max(0, span.start), max);
  const end = Math.min(Math.max(start, span.end), max);
  ctx.warnings.push({ message: `${zh} / ${en}`, start, end });
}

/** Text of a span in the original (what the operator wrote) — for titles and free text. */
export function original(ctx: ParseContext, span: Span): string {
  return ctx.text.slice(span.start, span.end);
}

/** Text of a span in the view (simplified, half-width) — for names that are compared or looked up. */
export function canonical(ctx: ParseContext, span: Span): string {
  return ctx.view.slice(span.start, span.end);
}
