/**
 * The library's documents, paged and filtered by title or path, each with
 * what happened to it: indexed, read by OCR (which pages), converted from a
 * legacy Vietnamese encoding (TCVN3/VNI), and its validity; files that failed
 * are listed under the same filter with their reason.
 */
import { useEffect, useId, useState } from 'react';
import type { DocumentList, DocumentSummary } from '../indexer/api';
import { StatusBadge } from './Badges';
import { api } from './bridge';
import { failureKindMessage } from '../indexer/common/messages/format';
import { useStrings } from './i18n';

const PAGE = 25;

export function LibraryDocuments({ version, onOpenDocument }: { version: string; onOpenDocument(path: string): void }) {
  const t = useStrings();
  const filterId = useId();
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<DocumentList | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api()
        .documents({ text: text.trim() || undefined, offset, limit: PAGE })
        .then((l) => {
          if (!live) return;
          setList(l);
          setError(null);
        })
        .catch((e: unknown) => live && setError(t.error(e)));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, offset, version]);

  const total = list?.total ?? 0;
  return (
    <section className="card panel" aria-labelledby="docs-title">
      <div className="panel-head">
        <h3 id="docs-title">{t.documentsTitle(total)}</h3>
        <div className="docs-filter">
          <label htmlFor={filterId} className="visually-hidden">
            {t.documentsFilter}
          </label>
          <input
            id={filterId}
            type="search"
            placeholder={t.documentsFilter}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setOffset(0);
            }}
          />
        </div>
      </div>
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
      {list && list.items.length === 0 && list.failures.length === 0 && <p className="hint">{t.documentsNone}</p>}
      {list && (list.items.length > 0 || list.failures.length > 0) && (
        <table className="documents">
          <thead>
            <tr>
              <th scope="col">{t.docColumn}</th>
              <th scope="col">{t.docFormat}</th>
              <th scope="col">{t.docState}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((d) => (
              <DocumentRow key={d.documentId} doc={d} onOpen={() => onOpenDocument(d.path)} />
            ))}
            {offset === 0 &&
              list.failures.map((f) => (
                <tr key={f.path} className="doc-failed" data-path={f.path}>
                  <td className="file-cell" title={f.path}>
                    {f.path.split(/[\\/]/).pop()}
                  </td>
                  <td>{(f.path.split('.').pop() ?? '').toUpperCase()}</td>
                  <td>
                    <span className={`kind kind-${f.kind}`}>{t.failureKinds[f.kind] ?? f.kind}</span> <span className="reason" data-code={f.message?.code}>{t.message(f.message ?? failureKindMessage(f.kind))}</span>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {total > PAGE && (
        <div className="pager">
          <button type="button" className="button button-small button-quiet" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            ‹ {t.prev}
          </button>
          <span>{t.rangeOf(offset + 1, Math.min(offset + PAGE, total), total)}</span>
          <button type="button" className="button button-small button-quiet" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            {t.next} ›
          </button>
        </div>
      )}
    </section>
  );
}

function DocumentRow({ doc, onOpen }: { doc: DocumentSummary; onOpen(): void }) {
  const t = useStrings();
  const ocr = doc.notes.ocrPages ?? [];
  const legacy = Object.entries(doc.notes.legacyEncodings ?? {}).filter(([enc, n]) => enc !== 'utf8' && n);
  const ocrFailed = doc.notes.ocrFailures ?? [];
  return (
    <tr data-path={doc.path}>
      <td>
        <button type="button" className="link-button doc-title" onClick={onOpen}>
          {doc.title}
        </button>
        <div className="file-name" title={doc.path}>
          {doc.path.split(/[\\/]/).pop()}
          {doc.otherPaths.length > 0 && <span className="muted"> · {t.copies(doc.otherPaths.length)}</span>}
        </div>
      </td>
      <td>
        <span className={`format format-${doc.format}`}>{doc.format.toUpperCase()}</span>
        <div className="muted small">{doc.pages ? t.pagesCount(doc.pages) : ''}</div>
      </td>
      <td>
        <div className="doc-badges">
        <span className="badge badge-indexed" title={t.indexedAt(new Date(doc.indexedAt).toLocaleString())}>
          {t.indexedBadge(doc.passages)}
        </span>
        {ocr.length > 0 && (
          <span className="badge badge-ocr" title={t.ocrTitle}>
            {t.ocrPagesBadge(ocr.length)}
          </span>
        )}
        {legacy.map(([enc]) => (
          <span key={enc} className="badge badge-legacy" title={t.legacyTitle}>
            {t.legacyBadge(enc.toUpperCase())}
          </span>
        ))}
        {ocrFailed.length > 0 && (
          <span className="badge badge-warn" title={ocrFailed.map((f) => t.page(f.page, null)).join(', ')}>
            {t.ocrFailedBadge(ocrFailed.length)}
          </span>
        )}
        {doc.source && doc.source.localPath === null && (
          <span className="badge badge-warn" title={t.notMappedTitle(doc.source.rootName, doc.source.relativePath)}>
            {t.notMappedBadge}
          </span>
        )}
        <StatusBadge status={doc.status} quiet />
        </div>
      </td>
    </tr>
  );
}
