/**
 * A document's indexed text in the viewer (every format; PDFs too when the
 * file itself cannot be shown): passage by passage, with section headings and
 * page marks, the cited passage marked and scrolled to.
 */
import { useEffect, useRef, useState } from 'react';
import type { DocumentText } from '../indexer/api';
import { api } from './bridge';
import { useStrings } from './i18n';
import { segments } from './Passage';

interface TextViewProps {
  path: string;
  /** The cited passage: by id, else by page and text. */
  passageId: string | null;
  passageText: string | null;
  page: number | null;
  /** Match ranges within the cited passage's text. */
  highlights: Array<[number, number]>;
}

interface Block {
  passageId: string;
  section: string | null;
  page: number | null;
  text: string;
  /** Offset of `text` within the passage's own text. */
  offset: number;
  cited: boolean;
}

function blocks(doc: DocumentText, cited: number): Block[] {
  const ranges = doc.passages.map((p) => [p.start, p.end] as [number, number]);
  let prevEnd = -1;
  for (const r of ranges) {
    r[0] = Math.max(r[0], prevEnd);
    prevEnd = Math.max(prevEnd, r[1]);
  }
  if (cited >= 0) {
    const c = doc.passages[cited]!;
    ranges[cited] = [c.start, c.end];
    ranges.forEach((r, i) => {
      if (i < cited) r[1] = Math.min(r[1], c.start);
      if (i > cited) r[0] = Math.max(r[0], c.end);
    });
  }
  return doc.passages
    .map((p, i) => {
      if (i === cited) return { passageId: p.passageId, section: p.section, page: p.page, text: p.text, offset: 0, cited: true };
      // A passage may start with its heading repeated for context: text longer than its range.
      const prefix = Math.max(0, p.text.length - (p.end - p.start));
      const [s, e] = ranges[i]!;
      const offset = prefix + Math.max(0, s - p.start);
      return { passageId: p.passageId, section: p.section, page: p.page, text: e > s ? p.text.slice(offset, prefix + e - p.start) : '', offset, cited: false };
    })
    .filter((b) => b.cited || b.text.trim());
}

function findCited(doc: DocumentText, passageId: string | null, text: string | null, page: number | null): number {
  if (passageId) {
    const i = doc.passages.findIndex((p) => p.passageId === passageId);
    if (i >= 0) return i;
  }
  if (text) {
    const head = text.slice(0, 80);
    const i = doc.passages.findIndex((p) => (page === null || p.page === page) && p.text.includes(head));
    if (i >= 0) return i;
  }
  return -1;
}

export function TextView({ path, passageId, passageText, page, highlights }: TextViewProps) {
  const t = useStrings();
  const [doc, setDoc] = useState<DocumentText | null>(null);
  const [error, setError] = useState<string | null>(null);
  const citedRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    setDoc(null);
    setError(null);
    api()
      .documentText({ path })
      .then((d) => live && setDoc(d))
      .catch((e: unknown) => live && setError(t.error(e)));
    return () => {
      live = false;
    };
  }, [path]);

  const cited = doc ? findCited(doc, passageId, passageText, page) : -1;
  useEffect(() => {
    if (doc) citedRef.current?.scrollIntoView({ block: 'center' });
  }, [doc]);

  if (error) return <p className="error-line" role="alert">{error}</p>;
  if (!doc) return <p className="muted text-loading">{t.loading}</p>;
  const list = blocks(doc, cited);
  let lastSection: string | null = null;
  let lastPage: number | null = null;
  return (
    <div className="text-view" data-cited={cited >= 0 ? 'yes' : 'no'}>
      {list.map((b) => {
        const heading = b.section && b.section !== lastSection ? b.section : null;
        const pageMark = b.page !== null && b.page !== lastPage ? b.page : null;
        lastSection = b.section ?? lastSection;
        lastPage = b.page ?? lastPage;
        const marks = b.cited && passageText === doc.passages[cited]!.text ? highlights.map(([s, e]) => [s - b.offset, e - b.offset] as [number, number]) : [];
        return (
          <div key={b.passageId} className={b.cited ? 'text-block cited-block' : 'text-block'} ref={b.cited ? citedRef : undefined} aria-current={b.cited ? 'true' : undefined} data-passage-id={b.passageId}>
            {pageMark !== null && <p className="page-mark">{t.page(pageMark, null)}</p>}
            {heading && <h3 className="text-heading">{heading}</h3>}
            {b.cited && <p className="cited-label">{t.citedPassage}</p>}
            <p className="text-body">
              {segments(b.text, marks).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
            </p>
          </div>
        );
      })}
    </div>
  );
}
