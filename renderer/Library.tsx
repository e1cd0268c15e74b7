/**
 * The library panel: what is indexed, the search mode and model, files that
 * failed with their reasons, and forms to index a folder and install a model.
 * Also the first-start welcome that offers the bundled sample corpus.
 */
import { useId, useState, type FormEvent } from 'react';
import type { IndexProgress, IndexSummary } from '../indexer/api';
import { api, type Status } from './bridge';
import { useStrings } from './i18n';

export interface IndexJob {
  running: boolean;
  progress: IndexProgress | null;
  summary: IndexSummary | null;
  error: string | null;
}

export const IDLE_JOB: IndexJob = { running: false, progress: null, summary: null, error: null };

export function IndexProgressView({ job }: { job: IndexJob }) {
  const t = useStrings();
  if (!job.running && !job.summary && !job.error) return null;
  const p = job.progress;
  const fileName = p?.current ? p.current.split(/[\\/]/).pop() : null;
  return (
    <div className="progress-box" aria-live="polite">
      {(job.running || (p && !job.error)) && (
        <>
          <div className="progress-line">
            <strong>{p ? t.phase[job.running ? p.phase : 'done'] : t.indexBusy}</strong>
            {p && <span>{t.progressCounts(p.filesDone, p.filesTotal, p.passages)}</span>}
          </div>
          <progress aria-label={t.progressLabel} max={p?.filesTotal || 1} value={!job.running ? p?.filesTotal || 1 : p && p.filesTotal ? p.filesDone : undefined} />
          {job.running && fileName && <div className="progress-file">{fileName}</div>}
        </>
      )}
      {!job.running && job.summary && (
        <p className="done-line" role="status">
          {t.indexDone(job.summary.indexed, job.summary.unchanged, job.summary.failed.length, job.summary.passagesAdded, job.summary.durationMs / 1000)}
        </p>
      )}
      {!job.running && job.error && (
        <p className="error-line" role="alert">
          {job.error}
        </p>
      )}
    </div>
  );
}

interface LibraryPanelProps {
  status: Status | null;
  job: IndexJob;
  onIndex(path: string): void;
  onRefresh(): void;
}

export function LibraryPanel({ status, job, onIndex, onRefresh }: LibraryPanelProps) {
  const t = useStrings();
  const pathId = useId();
  const [folder, setFolder] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (folder.trim() && !job.running) onIndex(folder.trim());
  };
  const failures = status?.failures ?? [];
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

      <section className="card panel" aria-labelledby="index-title">
        <h3 id="index-title">{t.indexTitle}</h3>
        <p className="hint">{t.indexHelp}</p>
        <form className="inline-form" onSubmit={submit}>
          <label htmlFor={pathId}>{t.indexPathLabel}</label>
          <div className="form-row">
            <input id={pathId} type="text" value={folder} spellCheck={false} placeholder={t.indexPathPlaceholder} onChange={(e) => setFolder(e.target.value)} />
            <button type="submit" className="button button-primary" disabled={job.running || !folder.trim()}>
              {job.running ? t.indexBusy : t.indexButton}
            </button>
          </div>
          {status?.bundledCorpus && (
            <button type="button" className="link-button" onClick={() => setFolder(status.bundledCorpus!)}>
              {t.useSample}
            </button>
          )}
        </form>
        <IndexProgressView job={job} />
      </section>

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
                  <td className="reason">{f.reason}</td>
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
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
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
      setMessage({ ok: false, text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card panel" aria-labelledby="model-title">
      <h3 id="model-title">{t.modelTitle}</h3>
      <p className="hint">{t.modelHelp}</p>
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor={id}>{t.modelPathLabel}</label>
        <div className="form-row">
          <input id={id} type="text" value={folder} spellCheck={false} onChange={(e) => setFolder(e.target.value)} />
          <button type="submit" className="button" disabled={busy || !folder.trim()}>
            {busy ? '…' : t.modelImport}
          </button>
        </div>
      </form>
      {message && (
        <p className={message.ok ? 'done-line' : 'error-line'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
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
