/**
 * What a page view says about the cited passage: marked, not found on the page,
 * or still being located (a scanned page is read again with word boxes). Shared
 * by the PDF and the page-image views so both speak the same way.
 */
import { useStrings } from './i18n';

export type MarkState = 'loading' | 'ready' | 'locating' | 'marked' | 'unmarked';

export function PassageMarkStatus({ state }: { state: MarkState }) {
  const t = useStrings();
  return (
    <>
      <p className="visually-hidden" aria-live="polite">
        {state === 'marked' ? t.passageMarked : state === 'unmarked' ? t.passageNotFound : ''}
      </p>
      {state === 'unmarked' && <p className="notice">{t.passageNotFound}</p>}
      {state === 'locating' && (
        <p className="notice" role="status">
          {t.passageLocating}
        </p>
      )}
    </>
  );
}
