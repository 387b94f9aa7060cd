import { useEffect, useRef } from 'react';

export interface Range {
  start: number;
  end: number;
}

/**
 * The source text as parsed, with the selected clause highlighted and scrolled into view. The ranges are
 * character offsets into exactly this text (the server returns the text it parsed).
 */
export function ReviewSource({ text, range }: { text: string; range: Range | null }) {
  const markRef = useRef<HTMLElement>(null);
  const paneRef = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const mark = markRef.current;
    const pane = paneRef.current;
    if (!mark || !pane) return;
    // Scroll the pane only (not the whole page) so the clause sits in its upper third.
    const top = mark.offsetTop - pane.offsetTop - pane.clientHeight / 3;
    pane.scrollTo({ top: Math.max(0, top), behavior: 'smooth' });
  }, [range?.start, range?.end]);
  const start = range ? Math.max(0, Math.min(range.start, text.length)) : 0;
  const end = range ? Math.max(start, Math.min(range.end, text.length)) : 0;
  return (
    <pre className="plan-source" ref={paneRef} data-testid="plan-source">
      {range ? (
        <>
          {text.slice(0, start)}
          <mark ref={markRef} className="plan-source__mark" data-testid="source-highlight">
            {text.slice(start, end)}
          </mark>
          {text.slice(end)}
        </>
      ) : (
        text
      )}
    </pre>
  );
}
