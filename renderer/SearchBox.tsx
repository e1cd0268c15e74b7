/**
 * The search box: a combobox with title suggestions, a clear button and the
 * query-syntax help popover. Typing runs the search (debounced by the caller);
 * ArrowDown walks the suggestions, then into the results.
 */
import { forwardRef, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { foldText } from '../indexer/common/fold';
import { api } from './bridge';
import { useStrings } from './i18n';

/** Phrases offered under the search box. */
const MAX_SUGGESTIONS = 6;

interface SearchBoxProps {
  value: string;
  onChange(value: string): void;
  /** Search now (Enter, a chosen suggestion). */
  onSubmit(value: string): void;
  /** Move focus into the results; false when there are none. */
  onEnterResults(): boolean;
}

export const SearchBox = forwardRef<HTMLInputElement, SearchBoxProps>(function SearchBox({ value, onChange, onSubmit, onEnterResults }, ref) {
  const t = useStrings();
  const listId = useId();
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [help, setHelp] = useState(false);
  const typed = useRef(false);

  useEffect(() => {
    const prefix = value.trim();
    if (!typed.current || prefix.length < 2) {
      setSuggestions([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      Promise.resolve()
        .then(() => api().suggest({ prefix, limit: MAX_SUGGESTIONS }))
        .then((list) => {
          if (!live) return;
          // Accented phrases from titles and headings that start with what was typed
          // (not the query itself, already typed without accents).
          setSuggestions(list.map((s) => s.text).filter((text) => fold(text) !== fold(prefix)));
          setActive(-1);
        })
        .catch(() => live && setSuggestions([]));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [value]);

  const showList = open && suggestions.length > 0;
  const choose = (text: string) => {
    typed.current = false;
    setOpen(false);
    onChange(text);
    onSubmit(text);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (showList && active < suggestions.length - 1) setActive(active + 1);
      else if (onEnterResults()) setOpen(false);
    } else if (event.key === 'ArrowUp' && showList) {
      event.preventDefault();
      setActive(Math.max(-1, active - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (showList && active >= 0) choose(suggestions[active]!);
      else {
        setOpen(false);
        onSubmit(value);
      }
    } else if (event.key === 'Escape') {
      if (showList) setOpen(false);
      else if (value) onChange('');
    }
  };

  return (
    <div className="searchbox">
      <div className="search-field">
        <svg className="search-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M15.5 15.5 21 21" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <label htmlFor="search-input" className="visually-hidden">
          {t.searchLabel}
        </label>
        <input
          id="search-input"
          ref={ref}
          type="search"
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
          aria-keyshortcuts="Control+K /"
          autoComplete="off"
          spellCheck={false}
          placeholder={t.searchPlaceholder}
          value={value}
          onChange={(e) => {
            typed.current = true;
            setOpen(true);
            onChange(e.target.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
        {value && (
          <button type="button" className="icon-button clear" aria-label={t.searchClear} onClick={() => onChange('')}>
            ×
          </button>
        )}
        <button type="button" className="icon-button help-toggle" aria-expanded={help} aria-controls="search-help" onClick={() => setHelp(!help)}>
          ?<span className="visually-hidden">{t.helpButton}</span>
        </button>
      </div>
      <ul id={listId} role="listbox" aria-label={t.suggestions} className="suggestions" hidden={!showList}>
        {suggestions.map((text, i) => (
          <li
            key={text}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(text);
            }}
          >
            {text}
          </li>
        ))}
      </ul>
      {help && <HelpPopover onClose={() => setHelp(false)} />}
    </div>
  );
});

function HelpPopover({ onClose }: { onClose(): void }) {
  const t = useStrings();
  const closeRef = useRef<HTMLButtonElement>(null);
  const boxRef = useRef<HTMLElement>(null);
  const [maxHeight, setMaxHeight] = useState<number | undefined>(undefined);
  useEffect(() => closeRef.current?.focus(), []);
  // The popover hangs below the sticky search box: it ends above the window's bottom edge and scrolls inside.
  useEffect(() => {
    const fit = () => {
      const top = boxRef.current?.getBoundingClientRect().top;
      if (top !== undefined) setMaxHeight(Math.max(160, window.innerHeight - top - 12));
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);
  return (
    <section
      ref={boxRef}
      id="search-help"
      className="popover"
      style={maxHeight ? { maxHeight } : undefined}
      tabIndex={-1}
      role="dialog"
      aria-labelledby="search-help-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
          document.getElementById('search-input')?.focus();
        }
      }}
    >
      <div className="popover-head">
        <h2 id="search-help-title">{t.helpTitle}</h2>
        <button ref={closeRef} type="button" className="icon-button" aria-label={t.helpClose} onClick={onClose}>
          ×
        </button>
      </div>
      <dl className="syntax">
        {t.helpRows.map(([example, meaning]) => (
          <div key={example} className="syntax-row">
            <dt>
              <code>{example}</code>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
      <h3>{t.helpKeys}</h3>
      <dl className="syntax">
        {t.helpKeyRows.map(([keys, meaning]) => (
          <div key={keys} className="syntax-row">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Accent- and case-free form, to compare a suggestion with what was typed. */
function fold(text: string): string {
  return foldText(text).replace(/\s+/g, ' ').trim();
}
