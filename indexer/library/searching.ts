/**
 * Search as the library serves it: the vector side when the active model has
 * embedded the passages, notices saying when it has not (or only partly), the
 * validity view for `hieuluc:`/`lienquan:` (one per catalogue version), and title
 * suggestions as the user types.
 */
import type { Message } from '../api/messages.js';
import type { SearchRequest, SearchResponse, SuggestRequest, Suggestion } from '../api/contract.js';
import { normalizeText } from '../common/normalize.js';
import type { PolicyView } from '../policy/policy.js';
import { search, type SearchStages } from '../search/search.js';
import type { Models } from './models.js';
import type { Stores } from './stores.js';

export class Searching {
  constructor(
    private readonly stores: Stores,
    private readonly models: Models,
    private readonly policy: () => Promise<PolicyView>,
  ) {}

  /** `stages` only for measuring (scripts/eval-alqac-files.mjs); the product runs them all. */
  async search(request: SearchRequest, stages?: SearchStages): Promise<SearchResponse> {
    const { store, catalogue } = this.stores;
    const vectors = await this.models.vectorSide(false);
    const notices: Message[] = [];
    if (!vectors) notices.push(await this.models.keywordOnlyNotice());
    else {
      const embedded = await vectors.table.count();
      const total = await store.countPassages();
      if (embedded < total) notices.push({ code: 'search.notEmbedded', params: { missing: total - embedded, total } });
    }
    return search({ store, documents: catalogue, vectors, notices, policy: await this.policy() }, request, stages);
  }

  async suggest(request: SuggestRequest): Promise<Suggestion[]> {
    const prefix = normalizeText(String(request?.prefix ?? '')).trim();
    const limit = Math.min(Math.max(Number(request?.limit) || 8, 1), 50);
    return this.stores.titles.suggest(prefix, limit);
  }
}
