/**
 * "n more passages in this article": the other matching passages of a hit's
 * article (or report section), folded by the search so one article takes one
 * place in the list. Each unfolds with its own location, marked words and
 * buttons: view, basket, and its own citation (its page and clause, not the
 * hit's).
 */
import { useId, useState } from 'react';
import type { MorePassage, SearchHit } from '../indexer/api';
import { useStrings } from './i18n';
import { Passage } from './Passage';
import type { HitActions } from './ResultCard';
import { OcrMark } from './ResultCard';

/** Is the hit's section an article (Điều), rather than a report's section? */
function isArticle(section: string | null): boolean {
  return /(^|›\s*)Điều\s/iu.test(section ?? '');
}

/**
 * A folded passage as a hit of its own, for the viewer, the clipboard and the
 * basket. Its citation is its own; the hit's other citation forms name the
 * hit's page and clause, so they are not carried over (an export falls back
 * to this citation).
 */
export function passageAsHit(hit: SearchHit, passage: MorePassage): SearchHit {
  return {
    ...hit,
    ...passage,
    keywordRank: null,
    vectorRank: null,
    morePassages: [],
    citations: { administrative: null, research: null, plain: passage.citation, best: passage.citation },
  };
}

export function MorePassages({ hit, index, actions }: { hit: SearchHit; index: number; actions: HitActions }) {
  const t = useStrings();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const list = hit.morePassages ?? [];
  if (list.length === 0) return null;
  return (
    <div className="more-passages">
      <button type="button" className="link-button more-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
        <span className="more-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>{' '}
        {open ? t.hideMorePassages : t.morePassages(list.length, isArticle(hit.section))}
      </button>
      <ol id={listId} className="more-list" hidden={!open}>
        {open &&
          list.map((p) => {
            const sub = passageAsHit(hit, p);
            const inBasket = actions.inBasket(sub);
            return (
              <li key={p.passageId} className="more-passage" data-passage-id={p.passageId}>
                <div className="result-meta">
                  {p.ocr && <OcrMark />}
                  {p.page !== null && <span className="meta-item">{t.page(p.page, p.pageEnd)}</span>}
                  {p.section && <span className="meta-item section">{p.section}</span>}
                </div>
                <Passage text={p.text} highlights={p.highlights} full={false} />
                <div className="actions">
                  <button type="button" className="button button-quiet button-small" onClick={() => actions.onOpen(sub, index)}>
                    {t.open}
                  </button>
                  <button type="button" className="button button-quiet button-small basket-add" aria-pressed={inBasket} onClick={() => actions.onBasket(sub)}>
                    {inBasket ? t.inBasket : t.addToBasket}
                  </button>
                  <button type="button" className="button button-small" onClick={() => actions.onCopy(sub)}>
                    {t.copyCitation}
                  </button>
                </div>
              </li>
            );
          })}
      </ol>
    </div>
  );
}
