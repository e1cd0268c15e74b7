/**
 * The workspace: header (sections, language), the search screen and the
 * library panel. State lives here; components below get plain props.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchHit, SearchResponse } from '../indexer/api';
import { api, loadStatus, type Status } from './bridge';
import { copyText } from './clipboard';
import { Detail } from './Detail';
import { ApiError } from './http-api';
import { savedLang, saveLang, STRINGS, StringsContext, type Lang, type Strings } from './i18n';
import { IDLE_JOB, IndexProgressView, LibraryPanel, Welcome, type IndexJob } from './Library';
import { focusResult, Results } from './Results';
import { SearchBox } from './SearchBox';
import { SearchMeta, StartPanel } from './SearchMeta';

type View = 'search' | 'library';
const DEBOUNCE_MS = 200;
const RESULT_LIMIT = 20;

function describe(error: unknown, t: Strings): string {
  if (error instanceof ApiError && error.status === 401) return t.errorToken;
  if (error instanceof ApiError && error.status === 0) return t.errorNetwork;
  return (error as Error)?.message ?? String(error);
}

export function App({ startupError }: { startupError: 'token' | null }) {
  const [lang, setLang] = useState<Lang>(savedLang);
  const t = STRINGS[lang];
  const [view, setView] = useState<View>('search');
  const [status, setStatus] = useState<Status | null>(null);
  const [fatal, setFatal] = useState<string | null>(startupError ? t.errorNoApi : null);
  const [query, setQuery] = useState('');
  const [response, setResponse] = useState<SearchResponse | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [detail, setDetail] = useState<{ hit: SearchHit; index: number } | null>(null);
  const [toast, setToast] = useState<{ text: string; ok: boolean } | null>(null);
  const [job, setJob] = useState<IndexJob>(IDLE_JOB);
  const searchRef = useRef<HTMLInputElement>(null);
  const seq = useRef(0);
  const lastRun = useRef('');
  const ownIndex = useRef(false);
  const tRef = useRef(t);
  tRef.current = t;

  useEffect(() => {
    document.documentElement.lang = lang;
    saveLang(lang);
  }, [lang]);

  const refreshStatus = useCallback(async () => {
    if (startupError) return;
    try {
      setStatus(await loadStatus());
    } catch (error) {
      setFatal(describe(error, tRef.current));
    }
  }, [startupError]);

  useEffect(() => {
    void refreshStatus();
  }, [refreshStatus]);

  const runSearch = useCallback(async (text: string) => {
    const id = ++seq.current;
    lastRun.current = text;
    if (!text.trim()) {
      setResponse(null);
      setSearching(false);
      setSearchError(null);
      return;
    }
    setSearching(true);
    try {
      const result = await api().search({ query: text, limit: RESULT_LIMIT });
      if (id !== seq.current) return;
      setResponse(result);
      setSearchError(null);
    } catch (error) {
      if (id === seq.current) setSearchError(describe(error, tRef.current));
    } finally {
      if (id === seq.current) setSearching(false);
    }
  }, []);

  // Results as you type.
  useEffect(() => {
    if (startupError || query === lastRun.current) return;
    const timer = setTimeout(() => void runSearch(query), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, runSearch, startupError]);

  // Indexing progress, from whichever window started it.
  useEffect(() => {
    if (startupError) return;
    // Running/idle comes from the server's state events (start and end of a run, in
    // order with the progress events), or from our own index() call.
    return api().onProgress?.(
      (progress) => setJob((j) => ({ ...j, progress })),
      (state) => {
        if (state.indexing) setJob((j) => ({ ...j, running: true, progress: state.progress ?? j.progress }));
        else if (!ownIndex.current) {
          setJob((j) => (j.running ? { ...j, running: false } : j));
          void refreshStatus();
        }
      },
    );
  }, [refreshStatus, startupError]);

  const startIndex = useCallback(
    async (path: string) => {
      ownIndex.current = true;
      setJob({ running: true, progress: null, summary: null, error: null });
      try {
        const summary = await api().index({ paths: [path] });
        setJob((j) => ({ running: false, progress: j.progress, summary, error: null }));
      } catch (error) {
        setJob((j) => ({ ...j, running: false, error: describe(error, tRef.current) }));
      } finally {
        ownIndex.current = false;
        await refreshStatus();
        if (lastRun.current.trim()) void runSearch(lastRun.current);
      }
    },
    [refreshStatus, runSearch],
  );

  const showToast = useCallback((text: string, ok: boolean) => {
    setToast({ text, ok });
  }, []);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 2500);
    return () => clearTimeout(timer);
  }, [toast]);

  const copyCitation = useCallback(
    async (hit: SearchHit) => {
      const ok = await copyText(hit.citation);
      showToast(ok ? tRef.current.copied : tRef.current.copyFailed, ok);
    },
    [showToast],
  );

  const focusSearch = useCallback(() => {
    setView('search');
    setDetail(null);
    requestAnimationFrame(() => {
      searchRef.current?.focus();
      searchRef.current?.select();
    });
  }, []);

  // Ctrl+K (or ⌘K) and "/" focus the search box from anywhere.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        focusSearch();
      } else if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        focusSearch();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focusSearch]);

  const closeDetail = () => {
    const index = detail?.index ?? 0;
    setDetail(null);
    requestAnimationFrame(() => focusResult(index));
  };

  const empty = status !== null && status.documents === 0;
  const hits = response?.hits ?? [];

  return (
    <StringsContext.Provider value={t}>
      <a className="skip-link" href="#main">
        {t.skipToResults}
      </a>
      <header className="topbar">
        <div className="brand">
          <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect x="3" y="5" width="11" height="22" rx="2" />
            <rect x="18" y="5" width="11" height="22" rx="2" />
            <path d="M6.5 11h4M6.5 15h4M21.5 11h4M21.5 15h4" />
          </svg>
          <div>
            <span className="brand-name">{t.appName}</span>
            <span className="brand-tagline">{t.tagline}</span>
          </div>
        </div>
        <nav className="tabs" aria-label={t.appName}>
          <button type="button" className="tab" aria-current={view === 'search' ? 'page' : undefined} onClick={() => setView('search')}>
            {t.navSearch}
          </button>
          <button type="button" className="tab" aria-current={view === 'library' ? 'page' : undefined} onClick={() => setView('library')}>
            {t.navLibrary}
            {status && <span className="tab-count">{status.documents}</span>}
            {job.running && <span className="tab-busy" aria-hidden="true" />}
          </button>
        </nav>
        <div className="lang" role="group" aria-label={t.language}>
          {(['vi', 'en'] as const).map((l) => (
            <button key={l} type="button" aria-pressed={lang === l} onClick={() => setLang(l)} lang={l}>
              {l === 'vi' ? 'Tiếng Việt' : 'English'}
            </button>
          ))}
        </div>
      </header>

      <main id="main" tabIndex={-1}>
        {fatal && (
          <div className="card alert" role="alert">
            <strong>{t.errorTitle}</strong>
            <p>{fatal}</p>
          </div>
        )}
        {view === 'search' ? (
          <div className="search-view">
            <div className="search-band">
              <SearchBox
                ref={searchRef}
                value={query}
                onChange={setQuery}
                onSubmit={(text) => void runSearch(text)}
                onEnterResults={() => focusResult(0)}
              />
              <p className="key-hint" aria-hidden="true">
                {t.keyHint}
              </p>
            </div>
            {empty && !query.trim() ? (
              <Welcome status={status} job={job} onIndex={(p) => void startIndex(p)} onOwn={() => setView('library')} />
            ) : !query.trim() ? (
              <>
                {(job.running || job.summary) && (
                  <section className="card panel job-panel" aria-label={t.progressLabel}>
                    <IndexProgressView job={job} />
                  </section>
                )}
                <StartPanel onExample={(text) => setQuery(text)} />
              </>
            ) : (
              <section className="results-area" aria-labelledby="results-heading" aria-busy={searching} data-query={response?.query}>
                <h2 id="results-heading" className="visually-hidden">
                  {t.results}
                </h2>
                <SearchMeta response={response} searching={searching} error={searchError} query={query} />
                {hits.length > 0 && (
                  <Results hits={hits} onOpen={(hit, index) => setDetail({ hit, index })} onCopy={(hit) => void copyCitation(hit)} onLeaveTop={() => searchRef.current?.focus()} />
                )}
              </section>
            )}
          </div>
        ) : (
          <LibraryPanel status={status} job={job} onIndex={(p) => void startIndex(p)} onRefresh={() => void refreshStatus()} />
        )}
      </main>

      {detail && <Detail hit={detail.hit} onClose={closeDetail} onCopy={(hit) => void copyCitation(hit)} />}
      <div className={`toast${toast ? ' visible' : ''}${toast && !toast.ok ? ' toast-error' : ''}`} role="status" aria-live="polite">
        {toast?.text}
      </div>
    </StringsContext.Provider>
  );
}
