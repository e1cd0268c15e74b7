/**
 * The citation basket: passages collected while searching, each with the
 * officer's note, in the order they will appear in the report (up/down
 * buttons, or drag and drop), exported as Markdown or DOCX with a choice of
 * citation style. A side panel beside the workspace, not a modal: searching
 * and collecting go on together.
 */
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type { BasketItem, CitationStyle } from '../indexer/api';
import { api } from './bridge';
import { downloadBase64 } from './download';
import { useStrings } from './i18n';

interface BasketProps {
  items: BasketItem[];
  onItems(items: BasketItem[]): void;
  onClose(): void;
  onOpenItem(item: BasketItem): void;
  onError(message: string): void;
  onDone(message: string): void;
}

const STYLES: CitationStyle[] = ['best', 'administrative', 'research', 'plain'];

export function Basket({ items, onItems, onClose, onOpenItem, onError, onDone }: BasketProps) {
  const t = useStrings();
  const styleId = useId();
  const titleId = useId();
  const [style, setStyle] = useState<CitationStyle>('best');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState<null | 'markdown' | 'docx'>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [dragId, setDragId] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const run = async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      onError(t.error(error));
      return undefined;
    }
  };

  const reorder = async (ids: string[]) => {
    // Show the new order at once; the reply confirms it.
    const byId = new Map(items.map((i) => [i.id, i]));
    onItems(ids.map((id) => byId.get(id)!).filter(Boolean));
    const next = await run(() => api().basketReorder({ ids }));
    if (next) onItems(next);
  };
  const move = (index: number, delta: number) => {
    const ids = items.map((i) => i.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + delta, 0, id!);
    void reorder(ids);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-basket-id="${id}"] .move-${delta < 0 ? 'up' : 'down'}`)?.focus());
  };
  const remove = async (id: string) => {
    const next = await run(() => api().basketRemove({ id }));
    if (next) onItems(next);
  };
  const clear = async () => {
    setConfirmClear(false);
    try {
      await api().basketClear();
      onItems([]);
    } catch (error) {
      onError(t.error(error));
    }
  };
  const exportAs = async (format: 'markdown' | 'docx') => {
    setBusy(format);
    const file = await run(() => api().basketExport({ format, style, title: title.trim() || undefined }));
    setBusy(null);
    if (!file) return;
    downloadBase64(file.base64, file.fileName, file.mimeType);
    onDone(t.exported(file.fileName));
  };

  const onDrop = (event: DragEvent, targetId: string) => {
    event.preventDefault();
    if (!dragId || dragId === targetId) return setDragId(null);
    const ids = items.map((i) => i.id).filter((id) => id !== dragId);
    ids.splice(ids.indexOf(targetId) + (items.findIndex((i) => i.id === dragId) < items.findIndex((i) => i.id === targetId) ? 1 : 0), 0, dragId);
    setDragId(null);
    void reorder(ids);
  };

  return (
    <aside className="basket" aria-labelledby="basket-title" onKeyDown={(e) => e.key === 'Escape' && !(e.target as HTMLElement).closest('textarea, input, select') && onClose()}>
      <div className="basket-head">
        <h2 id="basket-title" ref={headingRef} tabIndex={-1}>
          {t.basketTitle} <span className="tab-count-dark">{items.length}</span>
        </h2>
        <button type="button" className="icon-button" aria-label={t.basketClose} onClick={onClose}>
          ×
        </button>
      </div>
      {items.length === 0 ? (
        <p className="hint basket-empty">{t.basketEmpty}</p>
      ) : (
        <ol className="basket-list" aria-label={t.basketTitle}>
          {items.map((item, i) => (
            <li
              key={item.id}
              className={`basket-item${dragId === item.id ? ' dragging' : ''}`}
              data-basket-id={item.id}
              draggable
              onDragStart={(e) => {
                setDragId(item.id);
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', item.id);
              }}
              onDragOver={(e) => {
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
              }}
              onDrop={(e) => onDrop(e, item.id)}
              onDragEnd={() => setDragId(null)}
            >
              <div className="basket-item-head">
                <span className="drag-handle" aria-hidden="true" title={t.dragHint}>
                  ⋮⋮
                </span>
                <span className="basket-number">{i + 1}.</span>
                <button type="button" className="link-button basket-title" onClick={() => onOpenItem(item)}>
                  {item.title ?? item.path.split(/[\\/]/).pop()}
                </button>
              </div>
              <p className="basket-citation">{item.citation}</p>
              <p className="basket-text">{excerpt(item.text)}</p>
              <NoteField item={item} onSaved={(next) => onItems(items.map((x) => (x.id === next.id ? next : x)))} onError={onError} />
              <div className="basket-item-actions">
                <button type="button" className="button button-small button-quiet move-up" disabled={i === 0} aria-label={t.moveUp(i + 1)} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button type="button" className="button button-small button-quiet move-down" disabled={i === items.length - 1} aria-label={t.moveDown(i + 1)} onClick={() => move(i, 1)}>
                  ↓
                </button>
                <button type="button" className="button button-small button-quiet basket-remove" aria-label={t.basketRemove(i + 1)} onClick={() => void remove(item.id)}>
                  {t.remove}
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <div className="basket-foot">
        <div className="field-row">
          <label htmlFor={titleId}>{t.exportTitle}</label>
          <input id={titleId} type="text" value={title} placeholder={t.exportTitlePlaceholder} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field-row">
          <label htmlFor={styleId}>{t.citationStyle}</label>
          <select id={styleId} value={style} onChange={(e) => setStyle(e.target.value as CitationStyle)}>
            {STYLES.map((s) => (
              <option key={s} value={s}>
                {t.citationStyles[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="basket-buttons">
          <button type="button" className="button button-primary" disabled={!items.length || busy !== null} onClick={() => void exportAs('docx')}>
            {busy === 'docx' ? '…' : t.exportDocx}
          </button>
          <button type="button" className="button" disabled={!items.length || busy !== null} onClick={() => void exportAs('markdown')}>
            {busy === 'markdown' ? '…' : t.exportMarkdown}
          </button>
          {confirmClear ? (
            <span className="confirm" role="group" aria-label={t.clearConfirm}>
              <span>{t.clearConfirm}</span>
              <button type="button" className="button button-small button-danger" onClick={() => void clear()}>
                {t.clearYes}
              </button>
              <button type="button" className="button button-small button-quiet" onClick={() => setConfirmClear(false)}>
                {t.cancel}
              </button>
            </span>
          ) : (
            <button type="button" className="button button-quiet" disabled={!items.length} onClick={() => setConfirmClear(true)}>
              {t.basketClear}
            </button>
          )}
        </div>
      </div>
    </aside>
  );
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 220 ? `${flat.slice(0, 220)}…` : flat;
}

/** The note under a passage: saved when the field loses focus (or after a pause in typing). */
function NoteField({ item, onSaved, onError }: { item: BasketItem; onSaved(item: BasketItem): void; onError(message: string): void }) {
  const t = useStrings();
  const id = useId();
  const [note, setNote] = useState(item.note);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const saved = useRef(item.note);
  useEffect(() => {
    if (note === saved.current) return;
    const timer = setTimeout(() => void save(), 800);
    return () => clearTimeout(timer);
  });
  const save = async () => {
    if (note === saved.current) return;
    const value = note;
    saved.current = value;
    setState('saving');
    try {
      onSaved(await api().basketSetNote({ id: item.id, note: value }));
      setState('saved');
    } catch (error) {
      saved.current = '';
      setState('idle');
      onError(t.error(error));
    }
  };
  return (
    <div className="basket-note">
      <label htmlFor={id}>{t.noteLabel}</label>
      <textarea id={id} rows={2} value={note} placeholder={t.notePlaceholder} onChange={(e) => setNote(e.target.value)} onBlur={() => void save()} />
      <span className="note-state" aria-live="polite" data-state={state}>
        {state === 'saving' ? t.noteSaving : state === 'saved' ? t.noteSaved : ''}
      </span>
    </div>
  );
}
