/** Small shared marks: a document's validity, OCR, legacy-encoding conversion, and an action's outcome line. */
import type { ValidityStatus } from '../indexer/api';
import { useStrings } from './i18n';

/**
 * Validity badge; `quiet` hides it for documents in force or unknown (result cards mark only what needs care).
 * `evidence`: the sentence behind the status, shown on hover; `onOpen`: the badge becomes a button that
 * opens the document's page, where the evidence is — so the evidence is always one click away.
 */
export function StatusBadge({ status, quiet = false, evidence = null, onOpen }: { status: ValidityStatus; quiet?: boolean; evidence?: string | null; onOpen?: () => void }) {
  const t = useStrings();
  if (quiet && (status === 'in-force' || status === 'unknown')) return null;
  const title = evidence ? `${t.statusHelp[status]} — ${t.validityEvidence}: “${evidence}”` : t.statusHelp[status];
  if (onOpen) {
    return (
      <button type="button" className={`status status-${status} status-button`} data-status={status} title={title} onClick={onOpen}>
        {t.statusNames[status]}
      </button>
    );
  }
  return (
    <span className={`status status-${status}`} data-status={status} title={title}>
      {t.statusNames[status]}
    </span>
  );
}

export function OcrBadge() {
  const t = useStrings();
  return (
    <span className="badge badge-ocr" title={t.ocrTitle}>
      {t.ocrBadge}
    </span>
  );
}

/** What a form's action did: a status line when it worked, an alert when it did not (screen readers hear both). */
export type Outcome = { ok: boolean; text: string };

export function OutcomeLine({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return null;
  return (
    <p className={outcome.ok ? 'done-line' : 'error-line'} role={outcome.ok ? 'status' : 'alert'}>
      {outcome.text}
    </p>
  );
}
