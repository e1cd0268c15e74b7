/**
 * Placeholder search screen: proves the renderer compiles against the typed
 * contract alone. The full workspace is built in the desktop-app issue.
 */
import { useState } from 'react';
import type { SearchHit } from '../indexer/api';

export function App() {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    try {
      setError(null);
      setHits((await window.kho.search({ query })).hits);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <main>
      <h1>Kho Tri Thức</h1>
      <input aria-label="Tìm kiếm" value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && run()} />
      {error && <p role="alert">{error}</p>}
      <ol>
        {hits.map((hit) => (
          <li key={hit.passageId}>
            <strong>{hit.citation}</strong>
            <p>{hit.text}</p>
          </li>
        ))}
      </ol>
    </main>
  );
}
