/**
 * The workspace: header (sections, citation basket, language), the search
 * screen (filters beside results), document pages, the library panel, the
 * viewer and the basket. State lives here; components below get plain props.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BasketItem, DocumentFormat, SearchHit } from '../indexer/api';
import { Basket } from './Basket';
import { api, loadStatus, type Status } from './bridge';
import { copyText } from './clipboard';
import { DocumentPage } from './DocumentPage';
import { Facets } from './Facets';
import { ApiError } from './http-api';
import { savedLang, saveLang, STRINGS, StringsContext, type Lang, type Strings } from './i18n';
import { IDLE_JOB, IndexProgressView, LibraryPanel, Welcome, type IndexJob } from './Library';
import { focusResult, Results } from './Results';
import { SearchBox } from './SearchBox';
import { SearchMeta, StartPanel } from './SearchMeta';
import { useSearch } from './use-search';
import { targetOfHit, Viewer, type ViewTarget } from './Viewer';

type View = 'search' | 'library' | 'document';

export function describe(error: unknown, t: Strings): string {
  if (error instanceof ApiError && error.status === 401) return t.errorToken;
  if (error instanceof ApiError && error.status === 0) return t.errorNetwork;
  return t.error(error);
}

export function App({ startupError }: { startupError: 'token' | null }) {
  const [lang, setLang] = useState<Lang>(savedLang);
  const t = STRINGS[lang];
  const tRef = useRef(t);
  tRef.current = t;
  const [view, setView] = useState<View>('search');
  const [docStack, setDocStack] = useState<string[]>([]);
  const [status, setStatus] = useState<Status | null>(null);
  const [fatal, setFatal] = useState<string | null>(startupError ? t.errorNoApi : null);
  const [viewer, setViewer] = useState<{ target: ViewTarget; index: number | null } | null>(null);
  const [basket, setBasket] = useState<BasketItem[]>([]);
  const [basketOpen, setBasketOpen] = useState(false);
  const [toast, setToast] = useState<{ text: string; ok: boolean } | null>(null);
  const [job, setJob] = useState<IndexJob>(IDLE_JOB);
  const searchRef = useRef<HTMLInputElement>(null);
  const basketButtonRef = useRef<HTMLButtonElement>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const ownIndex = useRef(false);
  const search = useSearch(!!startupError, (e) => describe(e, tRef.current));
  const rerun = useRef(search.rerun);
  rerun.current = search.rerun;

  useEffect(() => {
    document.documentElement.lang = lang;
    saveLang(lang);
  }, [lang]);

  const refreshStatus = useCallback(async () => {
    if (startupError) return;
    try {
      const s = await loadStatus();
      setStatus(s);
      if (s.running && !ownIndex.current) setJob((j) => (j.running ? j : { ...j, running: true, progress: s.running }));
    } catch (error) {
      setFatal(describe(error, tRef.current));
    }
  }, [startupError]);

  useEffect(() => {
    void refreshStatus();
    if (!startupError) api().basketList().then(setBasket, () => undefined);
  }, [refreshStatus, startupError]);

  // Indexing progress, from whichever window started it.
  useEffect(() => {
    if (startupError) return;
    return api().onProgress?.(
      (progress) => setJob((j) => ({ ...j, progress })),
      (state) => {
        if (state.indexing) setJob((j) => ({ ...j, running: true, progress: state.progress ?? j.progress }));
        else if (!ownIndex.current) {
          setJob((j) => (j.running ? { ...j, running: false, cancelling: false } : j));
          void refreshStatus();
        }
      },
    );
  }, [refreshStatus, startupError]);

  const startIndex = useCallback(
    async (path: string | null) => {
      ownIndex.current = true;
      setJob({ running: true, progress: null, summary: null, error: null });
      try {
        const summary = await api().index({ paths: path ? [path] : [] });
        setJob((j) => ({ running: false, progress: j.progress, summary, error: null }));
      } catch (error) {
        setJob((j) => ({ ...j, running: false, error: describe(error, tRef.current) }));
      } finally {
        ownIndex.current = false;
        await refreshStatus();
        rerun.current();
      }
    },
    [refreshStatus],
  );

  const cancelIndex = useCallback(() => {
    setJob((j) => ({ ...j, cancelling: true }));
    api()
      .cancelIndex()
      .catch((error: unknown) => setJob((j) => ({ ...j, cancelling: false, error: describe(error, tRef.current) })));
  }, []);

  const showToast = useCallback((text: string, ok = true) => setToast({ text, ok }), []);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 2500);
    return () => clearTimeout(timer);
  }, [toast]);

  const copyCitation = useCallback(
    async (citation: string) => {
      const ok = await copyText(citation);
      showToast(ok ? tRef.current.copied : tRef.current.copyFailed, ok);
    },
    [showToast],
  );

  const inBasket = useCallback((hit: SearchHit) => basket.some((b) => b.passageId === hit.passageId), [basket]);
  const toggleBasket = useCallback(
    async (hit: SearchHit) => {
      try {
        const present = basket.find((b) => b.passageId === hit.passageId);
        if (present) {
          setBasket(await api().basketRemove({ id: present.id }));
          showToast(tRef.current.basketRemoved);
        } else {
          await api().basketAdd({ hit });
          const items = await api().basketList();
          setBasket(items);
          showToast(tRef.current.basketAdded(items.length));
        }
      } catch (error) {
        showToast(describe(error, tRef.current), false);
      }
    },
    [basket, showToast],
  );

  const openDocument = useCallback((path: string) => {
    setViewer(null);
    setDocStack((s) => (s[s.length - 1] === path ? s : [...s, path]));
    setView('document');
    scrollerRef.current?.scrollTo(0, 0);
  }, []);
  const backFromDocument = () => {
    const next = docStack.slice(0, -1);
    setDocStack(next);
    if (next.length === 0) setView('search');
  };

  const focusSearch = useCallback(() => {
    setView('search');
    setViewer(null);
    requestAnimationFrame(() => {
      searchRef.current?.focus();
      searchRef.current?.select();
    });
  }, []);

  // Ctrl+K (or ⌘K) and "/" focus the search box from anywhere.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
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

  // Desktop menu commands.
  useEffect(() => {
    if (startupError) return;
    return api().onMenu?.((command) => {
      if (command === 'focus-search') focusSearch();
      else if (command === 'show-search') setView('search');
      else if (command === 'show-library') setView('library');
      else if (command === 'show-basket') setBasketOpen(true);
      else if (command === 'reindex') void startIndex(null);
      else if (command === 'add-folder') {
        setView('library');
        void api()
          .pickFolder?.()
          .then((folder) => {
            if (folder) void startIndex(folder);
          });
      }
    });
  }, [focusSearch, startIndex, startupError]);

  const closeViewer = () => {
    const index = viewer?.index ?? null;
    setViewer(null);
    if (index !== null) requestAnimationFrame(() => focusResult(index));
  };

  const empty = status !== null && status.documents === 0;
  const { query, response } = search;
  const hits = response?.hits ?? [];
  const showResults = !!query.trim();

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
          <button
            ref={basketButtonRef}
            type="button"
            className="tab basket-toggle"
            aria-expanded={basketOpen}
            aria-controls="basket-panel"
            onClick={() => setBasketOpen(!basketOpen)}
          >
            {t.basketTitle}
            <span className="tab-count" aria-label={t.basketCountAria(basket.length)}>
              {basket.length}
            </span>
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

      <div className={basketOpen ? 'shell with-basket' : 'shell'}>
        <div className="scroller" ref={scrollerRef}>
        <main id="main" tabIndex={-1} className={view === 'search' ? (showResults ? 'wide' : undefined) : 'full'}>
          {fatal && (
            <div className="card alert" role="alert">
              <strong>{t.errorTitle}</strong>
              <p>{fatal}</p>
            </div>
          )}
          {view === 'search' && (
            <div className="search-view">
              <div className="search-band">
                <SearchBox ref={searchRef} value={query} onChange={search.setQuery} onSubmit={search.runNow} onEnterResults={() => focusResult(0)} />
                <p className="key-hint" aria-hidden="true">
                  {t.keyHint}
                </p>
              </div>
              {empty && !showResults ? (
                <Welcome status={status} job={job} onIndex={(p) => void startIndex(p)} onOwn={() => setView('library')} />
              ) : !showResults ? (
                <>
                  {(job.running || job.summary) && (
                    <section className="card panel job-panel" aria-label={t.progressLabel}>
                      <IndexProgressView job={job} onCancel={cancelIndex} />
                    </section>
                  )}
                  <StartPanel onExample={search.setQuery} />
                </>
              ) : (
                <div className="search-layout">
                  {response && <Facets response={response} query={query} onQuery={search.setQuery} />}
                  <section className="results-area" aria-labelledby="results-heading" aria-busy={search.searching} data-query={response?.query} data-sort={search.answeredSort}>
                    <h2 id="results-heading" className="visually-hidden">
                      {t.results}
                    </h2>
                    <SearchMeta response={response} searching={search.searching} error={search.error} query={query} sort={search.sort} onSort={search.setSort} onQuery={search.setQuery} collapse={search.collapse} onCollapse={search.setCollapse} />
                    {hits.length > 0 && (
                      <Results
                        hits={hits}
                        browse={!!response?.browse}
                        paging={search.paging}
                        onOpen={(hit, index) => setViewer({ target: targetOfHit(hit), index })}
                        onCopy={(hit) => void copyCitation(hit.citation)}
                        onBasket={(hit) => void toggleBasket(hit)}
                        onDocument={(hit) => openDocument(hit.path)}
                        inBasket={inBasket}
                        onLeaveTop={() => searchRef.current?.focus()}
                      />
                    )}
                  </section>
                </div>
              )}
            </div>
          )}
          {view === 'document' && docStack.length > 0 && (
            <DocumentPage
              key={docStack[docStack.length - 1]}
              path={docStack[docStack.length - 1]!}
              canGoBack
              onBack={backFromDocument}
              onOpenDocument={openDocument}
              onView={(target) => setViewer({ target, index: null })}
            />
          )}
          {view === 'library' && (
            <LibraryPanel
              status={status}
              job={job}
              onIndex={(p) => void startIndex(p)}
              onCancel={cancelIndex}
              onRefresh={() => void refreshStatus()}
              onOpenDocument={openDocument}
              onMessage={(text) => showToast(text)}
            />
          )}
        </main>
        </div>
        {basketOpen && (
          <div id="basket-panel" className="basket-panel">
            <Basket
              items={basket}
              onItems={setBasket}
              onClose={() => {
                setBasketOpen(false);
                basketButtonRef.current?.focus();
              }}
              onOpenItem={(item) => setViewer({ target: targetOfBasketItem(item), index: null })}
              onError={(text) => showToast(text, false)}
              onDone={(text) => showToast(text)}
            />
          </div>
        )}
      </div>

      {viewer && (
        <Viewer
          target={viewer.target}
          onClose={closeViewer}
          onCopy={(c) => void copyCitation(c)}
          onBasket={(hit) => void toggleBasket(hit)}
          inBasket={inBasket}
          onDocument={openDocument}
        />
      )}
      <div className={`toast${toast ? ' visible' : ''}${toast && !toast.ok ? ' toast-error' : ''}`} role="status" aria-live="polite">
        {toast?.text}
      </div>
    </StringsContext.Provider>
  );
}

function targetOfBasketItem(item: BasketItem): ViewTarget {
  const format = (item.path.split('.').pop() ?? 'txt').toLowerCase() as DocumentFormat;
  return { path: item.path, title: item.title ?? item.path, format, page: item.page, pageEnd: item.pageEnd, section: item.section, passageId: item.passageId, text: item.text, citation: item.citation };
}
