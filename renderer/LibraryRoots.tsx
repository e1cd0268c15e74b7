/**
 * The roots of a shared library as this computer sees them (portable sources):
 * a library indexed on another machine records its folders as that machine
 * saw them (`\\fileserver\vanban`, `/mnt/vanban`); here each one is mapped to
 * where this computer mounts the share (`S:\vanban`). Shown only when some
 * root is mapped or not found here — a library of this computer's own folders
 * needs none of it. The mapping is kept per user, never in the library.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { LibraryRoot } from '../indexer/api';
import { api } from './bridge';
import { OutcomeLine, type Outcome } from './Badges';
import { useStrings } from './i18n';

export function LibraryRoots({ version, onChanged }: { version: string; onChanged(): void }) {
  const t = useStrings();
  const [roots, setRoots] = useState<LibraryRoot[]>([]);
  const [message, setMessage] = useState<Outcome | null>(null);

  useEffect(() => {
    let live = true;
    api()
      .roots()
      .then((list) => live && setRoots(list))
      .catch(() => live && setRoots([]));
    return () => {
      live = false;
    };
  }, [version]);

  if (!roots.some((r) => r.mapped !== null || r.local === null)) return null;
  const map = async (root: LibraryRoot, path: string | null) => {
    try {
      setRoots(await api().mapRoot({ root: root.id, path }));
      setMessage({ ok: true, text: path ? t.rootMapped(root.name, path) : t.rootUnmapped(root.name) });
      onChanged();
    } catch (error) {
      setMessage({ ok: false, text: t.error(error) });
    }
  };
  return (
    <section className="card panel roots" aria-labelledby="roots-title">
      <h3 id="roots-title">{t.rootsTitle}</h3>
      <p className="hint">{t.rootsHint}</p>
      <ul className="folder-list">
        {roots.map((r) => (
          <RootRow key={r.id} root={r} onMap={(path) => void map(r, path)} />
        ))}
      </ul>
      <OutcomeLine outcome={message} />
    </section>
  );
}

function RootRow({ root, onMap }: { root: LibraryRoot; onMap(path: string | null): void }) {
  const t = useStrings();
  const inputId = useId();
  const [path, setPath] = useState(root.mapped ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim()) onMap(path.trim());
  };
  return (
    <li data-root={root.id}>
      <div>
        <strong>{root.name}</strong> <code className="folder-path">{root.recorded}</code>
        <div className={root.local ? 'muted small' : 'error-line small'}>
          {root.mapped ? t.rootMappedTo(root.mapped) : root.local ? t.rootPresent : t.rootNotMapped}
        </div>
      </div>
      <form className="form-row" onSubmit={submit}>
        <label htmlFor={inputId} className="visually-hidden">{t.rootPathLabel(root.name)}</label>
        <input id={inputId} type="text" value={path} spellCheck={false} placeholder={t.rootPathPlaceholder} onChange={(e) => setPath(e.target.value)} />
        <button type="submit" className="button button-small" disabled={!path.trim()}>
          {t.rootMapButton}
        </button>
        {root.mapped && (
          <button type="button" className="button button-small button-quiet" onClick={() => onMap(null)}>
            {t.rootUnmapButton}
          </button>
        )}
      </form>
    </li>
  );
}
