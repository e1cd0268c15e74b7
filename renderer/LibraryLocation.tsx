/**
 * Where the library lives (issue 18): this computer's own folder, or a
 * department library on object storage (`s3://bucket/prefix`) that one writer
 * machine indexes and every desk reads. A per-user setting, used from the next
 * start by the app, `kho serve` and the CLI alike (`kho location` sets the same).
 * The keys are never typed here: they come from the machine's AWS settings.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { LibraryLocation as Location } from '../indexer/api';
import { api } from './bridge';
import { OutcomeLine, type Outcome } from './Badges';
import { useStrings } from './i18n';

export function LibraryLocation() {
  const t = useStrings();
  const inputId = useId();
  const [location, setLocation] = useState<Location | null>(null);
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<Outcome | null>(null);

  useEffect(() => {
    let live = true;
    api()
      .libraryLocation()
      .then((l) => {
        if (!live) return;
        setLocation(l);
        setValue(l.configured ?? '');
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const save = async (next: string | null) => {
    try {
      const saved = await api().setLibraryLocation({ location: next });
      setLocation(saved);
      setValue(saved.configured ?? '');
      setMessage(saved.notice ? { ok: true, text: t.message(saved.notice) } : null);
    } catch (error) {
      setMessage({ ok: false, text: t.error(error) });
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) void save(value.trim());
  };
  if (!location) return null;
  return (
    <section className="card panel location" aria-labelledby="location-title">
      <h3 id="location-title">{t.locationTitle}</h3>
      <p>
        {location.kind === 's3' ? t.locationOnS3 : t.locationInFolder} <code className="folder-path">{location.current}</code>
      </p>
      <p className="hint">{t.locationHint}</p>
      <form className="form-row" onSubmit={submit}>
        <label htmlFor={inputId} className="visually-hidden">{t.locationLabel}</label>
        <input id={inputId} type="text" value={value} spellCheck={false} placeholder={t.locationPlaceholder} onChange={(e) => setValue(e.target.value)} />
        <button type="submit" className="button button-small" disabled={!value.trim() || value.trim() === location.configured}>
          {t.locationSave}
        </button>
        {location.configured && (
          <button type="button" className="button button-small button-quiet" onClick={() => void save(null)}>
            {t.locationReset}
          </button>
        )}
      </form>
      <OutcomeLine outcome={message} />
    </section>
  );
}
