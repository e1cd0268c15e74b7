/** Parts of the document page: its relations grouped by meaning, and the status override form. */
import { useId, useState, type FormEvent } from 'react';
import type { DocumentRelation, DocumentReport, ReferenceType, ValidityStatus } from '../indexer/api';
import { OutcomeLine, type Outcome } from './Badges';
import { api } from './bridge';
import { formatDate, typeName, useStrings, type Strings } from './i18n';

/**
 * "Quyết định số 1520/QĐ-UBND ngày 12/05/2020 — title", from what the reference says; a law by
 * its name first, as a "Căn cứ" line writes it: "Luật Tổ chức chính quyền địa phương ngày 19/6/2015",
 * "Luật Hợp tác xã số 18/2003/QH11" (never "Luật ngày 19/6/2015 Quốc hội — …").
 */
export function relationLabel(r: DocumentRelation, t: Strings): string {
  const x = r.target;
  const kind = typeName(x.kind);
  const numberDate = [x.number ? t.numberWord(x.number) : null, x.date ? t.dateWord(formatDate(x.date)) : null];
  const named = !!(kind && x.title && x.title.toLocaleLowerCase('vi').startsWith(kind.toLocaleLowerCase('vi')));
  if (named) return [x.title, ...numberDate].filter(Boolean).join(' ');
  const head = [kind, ...numberDate, x.issuer].filter(Boolean).join(' ');
  return [head, x.title].filter(Boolean).join(' — ') || (x.path?.split(/[\\/]/).pop() ?? '?');
}

type Group = { key: string; direction: 'out' | 'in'; types: ReferenceType[] };

/** The order an officer reads them in: what it rests on, what it changes, what changed it, what follows it. */
const GROUPS: Group[] = [
  { key: 'basis', direction: 'out', types: ['basis'] },
  { key: 'changes', direction: 'out', types: ['replaces', 'repeals', 'amends'] },
  { key: 'changedBy', direction: 'in', types: ['replaces', 'repeals', 'amends'] },
  { key: 'implements', direction: 'out', types: ['implements'] },
  { key: 'implementedBy', direction: 'in', types: ['implements'] },
  { key: 'citedBy', direction: 'in', types: ['basis', 'mentions'] },
  { key: 'mentions', direction: 'out', types: ['mentions'] },
];

export function DocumentRelations({ relations, onOpenDocument }: { relations: DocumentRelation[]; onOpenDocument(path: string): void }) {
  const t = useStrings();
  return (
    <section className="card panel relations" aria-labelledby="doc-relations-title">
      <h3 id="doc-relations-title">{t.relationsTitle}</h3>
      {relations.length === 0 && <p className="hint">{t.relationsNone}</p>}
      {GROUPS.map((g) => {
        const list = relations.filter((r) => r.direction === g.direction && g.types.includes(r.type));
        if (list.length === 0) return null;
        return (
          <div key={g.key} className="relation-group" data-group={g.key}>
            <h4>{t.relationGroups[g.key as keyof Strings['relationGroups']]}</h4>
            <ul>
              {list.map((r, i) => (
                <li key={i} className="relation" data-type={r.type} data-direction={r.direction}>
                  <span className={`tag tag-${r.type}`}>{t.relationTypes[r.direction][r.type]}</span>{' '}
                  {r.target.path ? (
                    <button type="button" className="link-button relation-target" onClick={() => onOpenDocument(r.target.path!)}>
                      {relationLabel(r, t)}
                    </button>
                  ) : (
                    <span className="relation-target external" title={t.externalDoc}>
                      {relationLabel(r, t)}
                    </span>
                  )}
                  {r.evidence.text && (
                    <details className="evidence-details">
                      <summary>{t.evidenceShow}</summary>
                      <blockquote className="evidence">
                        <p>{r.evidence.text}</p>
                        {(r.evidence.page || r.evidence.section) && (
                          <footer className="muted">{[r.evidence.page ? t.page(r.evidence.page, null) : null, r.evidence.section].filter(Boolean).join(' · ')}</footer>
                        )}
                      </blockquote>
                    </details>
                  )}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

const CHOICES: ValidityStatus[] = ['in-force', 'amended', 'replaced', 'expired', 'not-yet'];

export function StatusOverride({ report, onChanged }: { report: DocumentReport; onChanged(report: DocumentReport): void }) {
  const t = useStrings();
  const selectId = useId();
  const noteId = useId();
  const overridden = report.status.source === 'override';
  // Nothing is chosen until the user chooses: a preselected "expired" would be one careless click from a wrong record.
  const [value, setValue] = useState<ValidityStatus | ''>(overridden ? report.status.value : '');
  const [note, setNote] = useState(overridden ? (report.status.note ?? '') : '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Outcome | null>(null);

  const send = async (next: ValidityStatus | null) => {
    setBusy(true);
    setMessage(null);
    try {
      const updated = await api().setStatus({ path: report.path, value: next, note: next ? note.trim() || undefined : undefined });
      onChanged(updated);
      setMessage({ ok: true, text: next ? t.overrideSaved : t.overrideCleared });
      if (!next) setNote('');
    } catch (error) {
      setMessage({ ok: false, text: t.error(error) });
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value) void send(value);
  };

  return (
    <form className="override" onSubmit={submit} aria-label={t.overrideTitle}>
      <h4>{t.overrideTitle}</h4>
      <p className="hint">{t.overrideHelp}</p>
      <div className="override-row">
        <label htmlFor={selectId}>{t.overrideValue}</label>
        <select id={selectId} value={value} onChange={(e) => setValue(e.target.value as ValidityStatus | '')}>
          <option value="" disabled>
            {t.overrideChoose}
          </option>
          {CHOICES.map((c) => (
            <option key={c} value={c}>
              {t.statusNames[c]}
            </option>
          ))}
        </select>
        <label htmlFor={noteId}>{t.overrideNote}</label>
        <input id={noteId} type="text" value={note} placeholder={t.overrideNotePlaceholder} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="override-buttons">
        <button type="submit" className="button button-primary" disabled={busy || !value}>
          {t.overrideSave}
        </button>
        {overridden && (
          <button type="button" className="button button-quiet" disabled={busy} onClick={() => void send(null)}>
            {t.overrideClear}
          </button>
        )}
      </div>
      <OutcomeLine outcome={message} />
    </form>
  );
}
