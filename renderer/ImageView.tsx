/**
 * A page image in the app (JPEG, PNG, BMP: what a browser draws itself), with
 * the cited passage marked by rectangles the library finds by reading the
 * image again (api pageMarks). A TIFF, which browsers do not draw, is shown as
 * its indexed text instead (Viewer.tsx).
 */
import { useEffect, useRef, useState } from 'react';
import { api } from './bridge';
import { useStrings } from './i18n';
import { PassageMarkStatus } from './PassageMarkStatus';

type Mark = [number, number, number, number];

interface ImageViewProps {
  /** The file's address (web mode), or a loader of its bytes (desktop). */
  source: string | (() => Promise<Uint8Array>);
  path: string;
  page: number;
  passage: string | null;
  /** The image could not be shown: the caller shows the text instead. */
  onFail(message: string): void;
}

export function ImageView({ source, path, page, passage, onFail }: ImageViewProps) {
  const t = useStrings();
  const [src, setSrc] = useState<string | null>(null);
  const [marks, setMarks] = useState<Mark[]>([]);
  const [state, setState] = useState<'ready' | 'locating' | 'marked' | 'unmarked'>('ready');
  const marksRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (typeof source === 'string') {
      setSrc(source);
      return;
    }
    let live = true;
    let url: string | null = null;
    source()
      .then((bytes) => {
        url = URL.createObjectURL(new Blob([bytes as BlobPart]));
        if (live) setSrc(url);
      })
      .catch((error: unknown) => live && onFail((error as Error)?.message ?? String(error)));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source]);

  useEffect(() => {
    const ask = api().pageMarks;
    setMarks([]);
    if (!passage || !ask) return setState('ready');
    let live = true;
    setState('locating');
    ask({ path, page, text: passage })
      .then((located) => {
        if (!live) return;
        setMarks(located.boxes);
        setState(located.boxes.length ? 'marked' : 'unmarked');
      })
      .catch(() => live && setState('unmarked'));
    return () => {
      live = false;
    };
  }, [path, page, passage]);

  useEffect(() => {
    if (marks.length) marksRef.current?.firstElementChild?.scrollIntoView({ block: 'center' });
  }, [marks]);

  return (
    <div className="pdf-view" data-state={state} data-page={page}>
      <PassageMarkStatus state={state} />
      <div className="pdf-frame">
        <div className="pdf-page">
          {src && <img src={src} alt={t.pdfPageAria(page)} style={{ display: 'block', maxWidth: '100%', height: 'auto' }} onError={() => onFail(path)} />}
          <div ref={marksRef} className="pdf-marks" aria-hidden="true">
            {marks.map(([left, top, right, bottom], i) => (
              <div key={i} className="pdf-mark" style={{ left: `${left * 100}%`, top: `${top * 100}%`, width: `${(right - left) * 100}%`, height: `${(bottom - top) * 100}%` }} />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
