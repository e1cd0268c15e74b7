/**
 * The library folders: rescanned at start and watched while the app runs.
 * Add one by typing its path (web mode: a browser never reveals a dropped
 * folder's path), with the desktop's folder picker, or by dropping it where
 * the platform gives the path; remove one after a confirmation (its documents
 * leave the index, the files stay where they are).
 */
import { useId, useState, type DragEvent, type FormEvent } from 'react';
import { api } from './bridge';
import { OutcomeLine, type Outcome } from './Badges';
import { useStrings } from './i18n';

interface FoldersProps {
  folders: string[];
  busy: boolean;
  bundledCorpus: string | null;
  onIndex(path: string): void;
  onRemoved(message: string): void;
}

export function LibraryFolders({ folders, busy, bundledCorpus, onIndex, onRemoved }: FoldersProps) {
  const t = useStrings();
  const pathId = useId();
  const [folder, setFolder] = useState('');
  const [confirm, setConfirm] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [message, setMessage] = useState<Outcome | null>(null);
  const bridge = api();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (folder.trim() && !busy) onIndex(folder.trim());
  };
  const pick = async () => {
    const chosen = await bridge.pickFolder?.();
    if (chosen) onIndex(chosen);
  };
  const remove = async (path: string) => {
    setRemoving(true);
    try {
      const result = await bridge.removeFolder({ folder: path });
      setConfirm(null);
      setMessage({ ok: true, text: t.folderRemoved(result.removed) });
      onRemoved(t.folderRemoved(result.removed));
    } catch (error) {
      setMessage({ ok: false, text: t.error(error) });
    } finally {
      setRemoving(false);
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    const paths = files.map((f) => bridge.pathForFile?.(f) || (f as File & { path?: string }).path || '').filter(Boolean);
    if (paths.length === 0) {
      setMessage({ ok: false, text: t.dropNeedsPath });
      return;
    }
    setMessage(null);
    onIndex(paths[0]!);
  };

  return (
    <section
      className={`card panel folders${dragging ? ' drop-target' : ''}`}
      aria-labelledby="folders-title"
      onDragOver={(e) => {
        if (![...e.dataTransfer.types].includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h3 id="folders-title">{t.foldersTitle(folders.length)}</h3>
      {folders.length === 0 ? (
        <p className="hint">{t.foldersNone}</p>
      ) : (
        <ul className="folder-list">
          {folders.map((f) => (
            <li key={f} data-folder={f}>
              <code className="folder-path">{f}</code>
              {confirm === f ? (
                <span className="confirm" role="group" aria-label={t.removeFolderConfirm(f)}>
                  <span>{t.removeFolderConfirm(f)}</span>
                  <button type="button" className="button button-small button-danger" disabled={removing} onClick={() => void remove(f)}>
                    {t.removeFolderYes}
                  </button>
                  <button type="button" className="button button-small button-quiet" onClick={() => setConfirm(null)}>
                    {t.cancel}
                  </button>
                </span>
              ) : (
                <button type="button" className="button button-small button-quiet" disabled={busy} aria-label={t.removeFolderAria(f)} onClick={() => setConfirm(f)}>
                  {t.remove}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor={pathId}>{t.indexPathLabel}</label>
        <div className="form-row">
          <input id={pathId} type="text" value={folder} spellCheck={false} placeholder={t.indexPathPlaceholder} onChange={(e) => setFolder(e.target.value)} />
          <button type="submit" className="button button-primary" disabled={busy || !folder.trim()}>
            {busy ? t.indexBusy : t.indexButton}
          </button>
          {bridge.pickFolder && (
            <button type="button" className="button" disabled={busy} onClick={() => void pick()}>
              {t.pickFolder}
            </button>
          )}
        </div>
        <p className="hint drop-hint">{bridge.pathForFile ? t.dropHintDesktop : t.dropHintWeb}</p>
        {bundledCorpus && (
          <button type="button" className="link-button" onClick={() => setFolder(bundledCorpus)}>
            {t.useSample}
          </button>
        )}
      </form>
      <OutcomeLine outcome={message} />
    </section>
  );
}
