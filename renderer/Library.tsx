/**
 * The library panel: what is indexed, the search mode and model, files that
 * failed with their reasons, and forms to index a folder and install a model.
 * Also the first-start welcome that offers the bundled sample corpus.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { EmbedProgressSummary, IndexProgress, IndexSummary, ModelInfo, OcrProgressSummary } from '../indexer/api';
import { api, type Status } from './bridge';
import { OutcomeLine, type Outcome } from './Badges';
import { failureKindMessage } from '../indexer/common/messages/format';
import { useStrings } from './i18n';
import { LibraryDocuments } from './LibraryDocuments';
import { LibraryFolders } from './LibraryFolders';
import { LibraryLocation } from './LibraryLocation';
import { LibraryRoots } from './LibraryRoots';

export interface IndexJob {
  running: boolean;
  progress: IndexProgress | null;
  summary: IndexSummary | null;
  error: string | null;
  cancelling?: boolean;
}

export const IDLE_JOB: IndexJob = { running: false, progress: null, summary: null, error: null };

export function IndexProgressView({ job, onCancel, onResume }: { job: IndexJob; onCancel?(): void; onResume?(): void }) {
  const t = useStrings();
  if (!job.running && !job.summary && !job.error) return null;
  const p = job.progress;
  const fileName = p?.current ? p.current.split(/[\\/]/).pop() : null;
  // A stopped run is not a finished one: its own label, and the bar where it stopped.
  const stopped = !job.running && Boolean(job.summary?.cancelled);
  const label = !p ? t.indexBusy : job.running ? t.phase[p.phase] : stopped ? t.stopped : t.phase.done;
  const value = job.running ? (p && p.filesTotal ? p.filesDone : undefined) : stopped ? p?.filesDone ?? 0 : p?.filesTotal || 1;
  // Scans take seconds a page: while pages are being read, their own count and bar show the run moving.
  const ocr = job.running && p?.phase === 'extract' && p.ocr && p.ocr.pagesDone < p.ocr.pagesTotal ? p.ocr : null;
  return (
    <div className="progress-box" aria-live="polite">
      {(job.running || (p && !job.error)) && (
        <>
          <div className="progress-line">
            <strong className={stopped ? 'progress-stopped' : undefined}>{label}</strong>
            {p && <span>{t.progressCounts(p.filesDone, p.filesTotal, p.passages)}</span>}
          </div>
          <progress aria-label={t.progressLabel} max={p?.filesTotal || 1} value={value} />
          {ocr && <OcrProgressLine ocr={ocr} />}
          {job.running && p?.phase === 'embed' && p.embed && <EmbedProgressLine embed={p.embed} />}
          <div className="progress-extra">
            {job.running && p && (p.rate !== undefined || p.etaSeconds !== undefined) && (
              <span className="progress-rate">{[p.rate !== undefined ? t.rate(p.rate) : null, p.etaSeconds !== undefined ? t.eta(p.etaSeconds) : null].filter(Boolean).join(' · ')}</span>
            )}
            {job.running && fileName && !ocr && <span className="progress-file">{fileName}</span>}
            {job.running && onCancel && (
              <button type="button" className="button button-small button-quiet cancel-index" disabled={job.cancelling} onClick={onCancel}>
                {job.cancelling ? t.cancelling : t.cancelIndex}
              </button>
            )}
          </div>
        </>
      )}
      {!job.running && job.summary && (
        <p className="done-line" role="status">
          {(job.summary.cancelled ? t.indexStopped : t.indexDone)(job.summary.indexed, job.summary.unchanged, job.summary.failed.length, job.summary.passagesAdded, job.summary.durationMs / 1000)}
        </p>
      )}
      {!job.running && job.summary?.cancelled && onResume && (
        <button type="button" className="button" onClick={onResume}>
          {t.resumeIndex}
        </button>
      )}
      {!job.running && job.error && (
        <p className="error-line" role="alert">
          {job.error}
        </p>
      )}
    </div>
  );
}

/** Passages embedded out of those missing, at what rate (assumed until measured), and the time left. */
function EmbedProgressLine({ embed }: { embed: EmbedProgressSummary }) {
  const t = useStrings();
  return (
    <div className="progress-embed" style={{ marginTop: 8 }}>
      <div className="progress-line">
        <span>{t.embedProgress(embed.passagesDone, embed.passagesTotal)}</span>
        <span className="progress-rate">{[t.embedRate(embed.perSecond, embed.measured), embed.passagesDone < embed.passagesTotal ? t.eta(embed.etaSeconds) : null].filter(Boolean).join(' · ')}</span>
      </div>
      <progress aria-label={t.embedProgressLabel} max={embed.passagesTotal || 1} value={embed.passagesDone} />
    </div>
  );
}

/** Pages OCR'd out of those known, the time left, and the file being read. */
function OcrProgressLine({ ocr }: { ocr: OcrProgressSummary }) {
  const t = useStrings();
  const file = ocr.file?.split(/[\\/]/).pop();
  return (
    <div className="progress-ocr" style={{ marginTop: 8 }}>
      <div className="progress-line">
        <span>{t.ocrProgress(ocr.pagesDone, ocr.pagesTotal)}</span>
        {ocr.etaSeconds !== undefined && <span className="progress-rate">{t.eta(ocr.etaSeconds)}</span>}
      </div>
      <progress aria-label={t.ocrProgressLabel} max={ocr.pagesTotal || 1} value={ocr.pagesDone} />
      {file && <div className="progress-file">{file}</div>}
    </div>
  );
}

interface LibraryPanelProps {
  status: Status | null;
  job: IndexJob;
  onIndex(path: string | null): void;
  onCancel(): void;
  onRefresh(): void;
  onOpenDocument(path: string): void;
  onMessage(text: string): void;
}

export function LibraryPanel({ status, job, onIndex, onCancel, onRefresh, onOpenDocument, onMessage }: LibraryPanelProps) {
  const t = useStrings();
  const failures = status?.failures ?? [];
  // One resume button: the job panel's, when it shows the run that was stopped; else the notice's.
  const interrupted = !job.running && !job.summary?.cancelled && (status?.notices ?? []).some((n) => n.code === 'index.interrupted');
  const version = `${status?.documents ?? 0}:${status?.passages ?? 0}:${failures.length}:${(status?.folders ?? []).join('|')}`;
  return (
    <div className="library">
      <h2 className="page-title">{t.libraryTitle}</h2>
      <dl className="stats">
        <Stat label={t.statDocuments} value={status ? status.documents.toLocaleString() : '…'} />
        <Stat label={t.statPassages} value={status ? status.passages.toLocaleString() : '…'} />
        <Stat label={t.statMode} value={status ? (status.mode === 'hybrid' ? t.modeHybrid : t.modeKeyword) : '…'} />
        <Stat label={t.statModel} value={status ? (status.model?.id ?? t.noModel) : '…'} note={status?.model ? t.embedded(status.model.embeddedPassages) : undefined} />
      </dl>
      {status && (
        <p className="data-folder">
          {t.dataFolder}: <code>{status.dataDir}</code>
        </p>
      )}
      {interrupted && (
        <div className="notice resume-notice" role="status">
          {t.interrupted}{' '}
          <button type="button" className="button button-small" onClick={() => onIndex(null)}>
            {t.resumeIndex}
          </button>
        </div>
      )}
      {(job.running || job.summary || job.error) && (
        <section className="card panel job-panel" aria-label={t.progressLabel}>
          <IndexProgressView job={job} onCancel={onCancel} onResume={() => onIndex(null)} />
        </section>
      )}

      <LibraryFolders
        folders={status?.folders ?? []}
        busy={job.running}
        bundledCorpus={status?.bundledCorpus ?? null}
        onIndex={onIndex}
        onRemoved={(text) => {
          onMessage(text);
          onRefresh();
        }}
      />

      <LibraryRoots version={version} onChanged={onRefresh} />

      <LibraryLocation />

      <LibraryDocuments version={version} onOpenDocument={onOpenDocument} />

      <section className="card panel" aria-labelledby="failures-title">
        <div className="panel-head">
          <h3 id="failures-title">{t.failuresTitle(failures.length)}</h3>
          <button type="button" className="button button-quiet" onClick={onRefresh}>
            {t.refresh}
          </button>
        </div>
        {failures.length === 0 ? (
          <p className="hint">{t.failuresNone}</p>
        ) : (
          <table className="failures">
            <thead>
              <tr>
                <th scope="col">{t.failureFile}</th>
                <th scope="col">{t.failureKind}</th>
                <th scope="col">{t.failureReason}</th>
              </tr>
            </thead>
            <tbody>
              {failures.map((f) => (
                <tr key={f.path}>
                  <td className="file-cell" title={f.path}>
                    {f.path.split(/[\\/]/).pop()}
                  </td>
                  <td>
                    <span className={`kind kind-${f.kind}`}>{t.failureKinds[f.kind] ?? f.kind}</span>
                  </td>
                  <td className="reason" data-code={f.message?.code}>
                    {t.message(f.message ?? failureKindMessage(f.kind))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <ModelForm onInstalled={onRefresh} />
    </div>
  );
}

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>
        {value}
        {note && <small>{note}</small>}
      </dd>
    </div>
  );
}

function ModelForm({ onInstalled }: { onInstalled(): void }) {
  const t = useStrings();
  const id = useId();
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Outcome | null>(null);
  const [models, setModels] = useState<ModelInfo[] | null>(null);
  useEffect(() => {
    let live = true;
    api()
      .listModels()
      .then((list) => live && setModels(list))
      .catch(() => live && setModels([]));
    return () => {
      live = false;
    };
  }, [message]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!folder.trim()) return;
    setBusy(true);
    setMessage(null);
    try {
      const info = await api().importModel({ folder: folder.trim() });
      setMessage({ ok: true, text: t.modelImported(info.id) });
      onInstalled();
    } catch (error) {
      setMessage({ ok: false, text: t.error(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card panel" aria-labelledby="model-title">
      <h3 id="model-title">{t.modelTitle}</h3>
      <p className="hint">{t.modelHelp}</p>
      {models && models.length > 0 && (
        <ul className="model-list">
          {models.map((m) => (
            <li key={m.folder}>
              <strong>{m.id}</strong> <span className="muted">{t.modelSize(m.sizeBytes, m.dims)}</span> {m.active && <span className="badge badge-indexed">{t.modelActive}</span>}
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor={id}>{t.modelPathLabel}</label>
        <div className="form-row">
          <input id={id} type="text" value={folder} spellCheck={false} onChange={(e) => setFolder(e.target.value)} />
          <button type="submit" className="button" disabled={busy || !folder.trim()}>
            {busy ? t.modelImportingShort : t.modelImport}
          </button>
        </div>
      </form>
      {busy && (
        <p className="model-importing" role="status">
          <span className="spinner" aria-hidden="true" /> {t.modelImporting(folderName(folder))}
        </p>
      )}
      <OutcomeLine outcome={message} />
    </section>
  );
}

export function Welcome({ status, job, onIndex, onOwn }: { status: Status; job: IndexJob; onIndex(path: string): void; onOwn(): void }) {
  const t = useStrings();
  return (
    <section className="card welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{t.welcomeTitle}</h2>
      <p>{t.welcomeBody}</p>
      <div className="welcome-actions">
        {status.bundledCorpus && (
          <button type="button" className="button button-primary" disabled={job.running} onClick={() => onIndex(status.bundledCorpus!)}>
            {t.welcomeSample}
          </button>
        )}
        <button type="button" className="button" onClick={onOwn}>
          {t.welcomeOwn}
        </button>
      </div>
      {status.bundledCorpus && (
        <p className="hint">
          <code>{status.bundledCorpus}</code>
        </p>
      )}
      <IndexProgressView job={job} />
    </section>
  );
}

/** The last name of a folder path as typed (either separator, trailing ones ignored). */
function folderName(folder: string): string {
  return folder.trim().replace(/[\\/]+$/, '').split(/[\\/]/).pop() || folder.trim();
}
