/** Small shared marks: a document's validity, OCR, legacy-encoding conversion. */
import type { ValidityStatus } from '../indexer/api';
import { useStrings } from './i18n';

/** Validity badge; `quiet` hides it for documents in force or unknown (result cards mark only what needs care). */
export function StatusBadge({ status, quiet = false }: { status: ValidityStatus; quiet?: boolean }) {
  const t = useStrings();
  if (quiet && (status === 'in-force' || status === 'unknown')) return null;
  return (
    <span className={`status status-${status}`} data-status={status} title={t.statusHelp[status]}>
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
