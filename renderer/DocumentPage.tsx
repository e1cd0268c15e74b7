/**
 * A document's page (issue 9): who issued it and when, whether it is still in
 * force and the passage that says so, its legal bases, what it amends or
 * replaces and what amends, replaces or implements it, a timeline of those
 * dates, the user's own status override, and "more like this" — each related
 * document opens its own page.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentMetadata, DocumentRelation, DocumentReport, RelatedDocument } from '../indexer/api';
import { StatusBadge } from './Badges';
import { api } from './bridge';
import { DocumentRelations, relationLabel, StatusOverride } from './DocumentParts';
import { formatDate, useStrings } from './i18n';
import { trustYears, typeFromClause } from '../indexer/common/validity-rule';
import type { ViewTarget } from './Viewer';

interface DocumentPageProps {
  path: string;
  canGoBack: boolean;
  onBack(): void;
  onOpenDocument(path: string): void;
  onView(target: ViewTarget): void;
}

export function DocumentPage({ path, canGoBack, onBack, onOpenDocument, onView }: DocumentPageProps) {
  const t = useStrings();
  const [report, setReport] = useState<DocumentReport | null>(null);
  const [related, setRelated] = useState<RelatedDocument[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setReport(await api().document({ path }));
    } catch (e) {
      setError(t.error(e));
    }
  }, [path]);

  useEffect(() => {
    setReport(null);
    setRelated(null);
    void load();
    let live = true;
    api()
      .related({ path, limit: 8 })
      .then((list) => live && setRelated(list))
      .catch(() => live && setRelated([]));
    return () => {
      live = false;
    };
  }, [path, load]);

  useEffect(() => {
    if (report) headingRef.current?.focus();
  }, [report?.path]); // eslint-disable-line react-hooks/exhaustive-deps

  const fileName = path.split(/[\\/]/).pop() ?? path;
  const openUrl = api().documentUrl?.(path, null);
  const format = (fileName.split('.').pop() ?? 'txt').toLowerCase() as ViewTarget['format'];

  return (
    <article className="document-page" aria-labelledby="doc-title" data-path={path}>
      <div className="doc-nav">
        {canGoBack && (
          <button type="button" className="link-button" onClick={onBack}>
            ← {t.back}
          </button>
        )}
      </div>
      {error && (
        <div className="card alert" role="alert">
          {error}
        </div>
      )}
      {!report && !error && <p className="muted">{t.loading}</p>}
      {report && (
        <>
          <header className="doc-head card">
            <p className="eyebrow">{report.metadata?.typeName ?? t.documentWord}</p>
            <h2 id="doc-title" ref={headingRef} tabIndex={-1}>
              {report.title}
            </h2>
            <div className="result-meta">
              <StatusBadge status={report.status.value} />
              <span className="meta-item file-name" title={path}>
                {fileName}
              </span>
            </div>
            <div className="doc-actions">
              <button type="button" className="button button-primary" onClick={() => onView({ path, title: report.title, format, page: 1, status: report.status.value })}>
                {t.viewDocument}
              </button>
              {openUrl && (
                <a className="button button-quiet" href={openUrl} target="_blank" rel="noopener noreferrer">
                  {t.openDefaultApp}
                </a>
              )}
            </div>
          </header>
          <div className="doc-grid">
            <div className="doc-main">
              <MetadataCard metadata={report.metadata} />
              <section className="card panel status-card" aria-labelledby="doc-status-title">
                <h3 id="doc-status-title">{t.validityTitle}</h3>
                <StatusExplanation report={report} onOpenDocument={onOpenDocument} />
                <StatusOverride report={report} onChanged={setReport} />
              </section>
              <DocumentRelations relations={report.relations} onOpenDocument={onOpenDocument} />
            </div>
            <div className="doc-side">
              <Timeline report={report} />
              <RelatedList related={related} onOpenDocument={onOpenDocument} />
            </div>
          </div>
        </>
      )}
    </article>
  );
}

function MetadataCard({ metadata }: { metadata: DocumentMetadata | null }) {
  const t = useStrings();
  if (!metadata) return null;
  const rows: Array<[string, string | null]> = [
    [t.metaType, metadata.typeName],
    [t.metaNumber, metadata.number],
    [t.metaDate, metadata.date ? formatDate(metadata.date) : metadata.dateText],
    [t.metaIssuer, metadata.issuerName ?? metadata.issuer],
    [t.metaSigner, [metadata.signer, metadata.signerPosition?.split(' / ').pop()].filter(Boolean).join(' — ') || null],
    [t.metaSummary, metadata.summary],
    [t.metaAuthor, metadata.author],
    [t.metaUnit, metadata.unit],
    [t.metaYear, metadata.date ? null : metadata.year ? String(metadata.year) : null],
  ];
  return (
    <section className="card panel" aria-labelledby="doc-meta-title">
      <h3 id="doc-meta-title">{t.metadataTitle}</h3>
      <dl className="doc-meta">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

/**
 * Why the document has its validity: the badge and where it comes from, the
 * evidence sentence itself (shown, not behind a click), why a clause found is not
 * enough when the status is unknown, and that only the library's documents count.
 */
function StatusExplanation({ report, onOpenDocument }: { report: DocumentReport; onOpenDocument(path: string): void }) {
  const t = useStrings();
  const s = report.status;
  const years = trustYears(report.metadata?.type ?? typeFromClause(s.evidence?.text));
  let why: string | null = null;
  if (s.value === 'unknown' && s.source === 'own') {
    why = report.metadata?.date ? t.validityStale(years, formatDate(report.metadata.date)) : t.validityUndated;
  } else if (s.value === 'unknown' && s.source === 'library') {
    why = t.validityStaleAmendment(years);
  } else if (s.value === 'unknown') {
    why = t.validityNone;
  }
  return (
    <div className="status-explain">
      <p>
        <StatusBadge status={s.value} /> <span className="status-source">{t.statusSource[s.source]}</span>
        {s.since && <span className="muted"> · {t.since(formatDate(s.since))}</span>}
      </p>
      {s.source === 'override' && s.note && <p className="override-note">{t.overrideNoteShown(s.note)}</p>}
      {why && <p className="status-why">{why}</p>}
      {s.by && (
        <p>
          {t.statusBy[s.by.type] ?? t.statusBy.mentions}{' '}
          <button type="button" className="link-button" onClick={() => onOpenDocument(s.by!.path)}>
            {s.by.number ?? s.by.path.split(/[\\/]/).pop()}
          </button>
        </p>
      )}
      {s.evidence && (
        <blockquote className="evidence" aria-label={t.validityEvidence}>
          <p>{s.evidence.text}</p>
          <footer className="muted">{[s.evidence.page ? t.page(s.evidence.page, null) : null, s.evidence.section].filter(Boolean).join(' · ')}</footer>
        </blockquote>
      )}
      <p className="hint validity-scope">{t.validityScope}</p>
    </div>
  );
}

interface TimelineEntry {
  date: string;
  label: string;
  self: boolean;
}

function Timeline({ report }: { report: DocumentReport }) {
  const t = useStrings();
  const entries: TimelineEntry[] = [];
  if (report.metadata?.date) entries.push({ date: report.metadata.date, label: t.timelineIssued(report.metadata.number ?? report.title), self: true });
  if (report.status.since && report.status.since !== report.metadata?.date) entries.push({ date: report.status.since, label: t.timelineStatus(t.statusNames[report.status.value]), self: true });
  const seen = new Set<string>();
  for (const r of report.relations as DocumentRelation[]) {
    if (!r.target.date) continue;
    const key = `${r.target.number}|${r.target.date}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ date: r.target.date, label: `${t.relationTypes[r.direction][r.type]}: ${relationLabel(r, t)}`, self: false });
  }
  entries.sort((a, b) => a.date.localeCompare(b.date));
  if (entries.length === 0) return null;
  return (
    <section className="card panel" aria-labelledby="doc-timeline-title">
      <h3 id="doc-timeline-title">{t.timelineTitle}</h3>
      <ol className="timeline">
        {entries.map((e, i) => (
          <li key={i} className={e.self ? 'timeline-self' : undefined}>
            <time dateTime={e.date}>{formatDate(e.date)}</time>
            <span>{e.label}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function RelatedList({ related, onOpenDocument }: { related: RelatedDocument[] | null; onOpenDocument(path: string): void }) {
  const t = useStrings();
  return (
    <section className="card panel" aria-labelledby="doc-related-title">
      <h3 id="doc-related-title">{t.relatedTitle}</h3>
      {related === null ? (
        <p className="muted">{t.loading}</p>
      ) : related.length === 0 ? (
        <p className="hint">{t.relatedNone}</p>
      ) : (
        <ul className="related-list">
          {related.map((r) => (
            <li key={r.path}>
              <button type="button" className="link-button related-title" onClick={() => onOpenDocument(r.path)}>
                {r.title ?? r.path.split(/[\\/]/).pop()}
              </button>
              <div className="related-meta">
                {r.typeName && <span className="tag">{r.typeName}</span>}
                {r.crossType && <span className="tag tag-cross">{t.crossType}</span>}
              </div>
              <p className="related-reason">{r.reason}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
