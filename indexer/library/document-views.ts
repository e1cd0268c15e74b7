/**
 * The library's documents as the app's pages and `kho doc` see them: the
 * validity view across the library (rebuilt when the catalogue changes), a
 * document's report and the user's status decisions, the document list, the
 * viewer text, "more like this" (documents.ts), and a stored passage as a
 * basket hit.
 */
import path from 'node:path';
import type { BasketHit } from '../api/contract.js';
import type {
  DocumentList, DocumentListRequest, DocumentReport, DocumentText, LibraryRoot, MapRootRequest, RelatedDocument, RelatedRequest, SetStatusRequest,
} from '../api/documents.js';
import { UserError } from '../api/errors.js';
import { STATUS_VALUES, type StatusValue } from '../policy/status.js';
import { citations } from '../cite/citation.js';
import { Overrides } from '../policy/overrides.js';
import { PolicyView } from '../policy/policy.js';
import { buildTermIndex, documentText, listDocuments, relatedDocuments, type DocumentsContext } from './documents.js';
import type { TermIndex } from '../search/related.js';
import type { Models } from './models.js';
import type { DataLayout } from './paths.js';
import { SourceRoots } from './roots.js';
import type { Stores } from './stores.js';

/** How long the library's roots are trusted without reading the folders again (unless the catalogue changed). */
const ROOTS_FRESH_MS = 3_000;

export class DocumentViews {
  private overridesFile: Promise<Overrides> | null = null;
  private policyCache: { version: number; view: Promise<PolicyView> } | null = null;
  private termsCache: { version: number; index: Promise<TermIndex> } | null = null;
  /** Library roots and this machine's mapping of them (portable sources, roots.ts). */
  readonly roots: SourceRoots;
  /** When the roots were last read, and at which catalogue version. */
  private rootsRead: { version: number; at: number } | null = null;

  constructor(
    private readonly layout: DataLayout,
    private readonly stores: Stores,
    private readonly models: Models,
    /** Changes whenever the catalogue does (indexing.ts). */
    private readonly catalogueVersion: () => number,
    /** The library folders: each one is a root (indexing.ts). */
    folders: () => Promise<string[]>,
  ) {
    this.roots = new SourceRoots(folders);
  }

  /**
   * A path as the catalogue knows it: as given (a recorded path, even another
   * system's), made absolute, or a path under a mapped root's local folder
   * turned back into the recorded one. Undefined when it is no document.
   */
  libraryPath(given: string): string | undefined {
    const { catalogue } = this.stores;
    const raw = String(given ?? '');
    if (catalogue.has(raw)) return catalogue.byPath(raw)!.path;
    const absolute = path.resolve(raw);
    return catalogue.byPath(absolute)?.path ?? catalogue.byPath(this.roots.recordedOf(absolute))?.path;
  }

  /**
   * The roots, read again when the catalogue changed or ROOTS_FRESH_MS passed: the
   * folders are the library's settings (on object storage a request), and
   * opening a document or listing documents needs them on every call.
   */
  private async freshRoots(): Promise<SourceRoots> {
    const version = this.catalogueVersion();
    if (this.rootsRead?.version === version && Date.now() - this.rootsRead.at < ROOTS_FRESH_MS) return this.roots;
    await this.roots.refresh();
    this.rootsRead = { version, at: Date.now() };
    return this.roots;
  }

  /** Where this machine reads a document's file (through the root mapping); `root.notMapped` when nowhere. */
  async sourceOf(filePath: string): Promise<string> {
    const primary = this.libraryPath(filePath);
    if (!primary) throw new UserError('document.notInLibrary', { path: String(filePath ?? '') });
    return (await this.freshRoots()).localOf(primary);
  }

  /** The library roots with this machine's mapping. */
  async rootList(): Promise<LibraryRoot[]> {
    await this.freshRoots();
    return this.roots.list(this.stores.catalogue.all().map((d) => d.path));
  }

  /** Map a root to this machine's folder (or drop the mapping); kept per user, never in the library. */
  async mapRoot(request: MapRootRequest): Promise<LibraryRoot[]> {
    await this.roots.refresh();
    return this.roots.mapRoot(request, this.stores.catalogue.all().map((d) => d.path));
  }

  /** References resolved across the library and each document's validity; rebuilt after indexing. */
  policy(): Promise<PolicyView> {
    const version = this.catalogueVersion();
    if (!this.policyCache || this.policyCache.version !== version) {
      this.policyCache = { version, view: this.overrides().then((o) => new PolicyView(this.stores.catalogue, o)) };
    }
    return this.policyCache.view;
  }

  /** Term vectors for "more like this" without a model: read and tokenised once per catalogue version. */
  private terms(): Promise<TermIndex> {
    const version = this.catalogueVersion();
    if (!this.termsCache || this.termsCache.version !== version) {
      const index = buildTermIndex(this.stores);
      this.termsCache = { version, index };
      index.catch(() => {
        if (this.termsCache?.index === index) this.termsCache = null; // the next call tries again
      });
    }
    return this.termsCache.index;
  }

  /** The user's status decisions; one instance, so the policy view sees a change at once. */
  private overrides(): Promise<Overrides> {
    return (this.overridesFile ??= Overrides.open(path.join(this.layout.dataDir, 'overrides.json')));
  }

  /** Whether a path is a document of the library (transports serve no other file). */
  has(filePath: string): boolean {
    return this.libraryPath(filePath) !== undefined;
  }

  /** A document's metadata, validity with evidence, and relations both ways (`kho doc`). */
  async document(request: { path: string }): Promise<DocumentReport> {
    const absolute = path.resolve(String(request?.path ?? ''));
    const primary = this.libraryPath(String(request?.path ?? ''));
    const report = primary ? (await this.policy()).report(primary) : null;
    if (!report) throw new UserError('document.notInLibrary', { path: absolute });
    return report;
  }

  /** Record (or with value null, drop) the user's view of a document's validity. */
  async setStatus(request: SetStatusRequest): Promise<DocumentReport> {
    const { catalogue } = this.stores;
    const absolute = path.resolve(String(request?.path ?? ''));
    const primary = this.libraryPath(String(request?.path ?? ''));
    if (!primary) throw new UserError('document.notInLibrary', { path: absolute });
    const value = request?.value ?? null;
    if (value !== null && !(STATUS_VALUES as readonly string[]).includes(value)) {
      throw new UserError('status.unknown', { value: String(value), expected: [...STATUS_VALUES] });
    }
    const overrides = await this.overrides();
    // Kept by document id, which survives the file being moved or renamed (a path key would be lost).
    const id = catalogue.byPath(primary)!.id;
    await overrides.clear(primary); // an override of an older version, kept by path
    if (value === null) await overrides.clear(id);
    else await overrides.set(id, value as StatusValue, request.note ?? null);
    return this.document({ path: primary });
  }

  private async context(): Promise<DocumentsContext> {
    const { store, catalogue, failures } = this.stores;
    return {
      store, catalogue, failures, policy: await this.policy(), vectors: () => this.models.vectorSide(false), terms: () => this.terms(),
      roots: await this.freshRoots(), libraryPath: (given) => this.libraryPath(given),
    };
  }

  /** "More like this": nearest passages by meaning when embedded, shared distinctive terms otherwise. */
  async related(request: RelatedRequest): Promise<RelatedDocument[]> {
    return relatedDocuments(await this.context(), request);
  }

  async list(request: DocumentListRequest): Promise<DocumentList> {
    return listDocuments(await this.context(), request ?? {});
  }

  async text(request: { path: string }): Promise<DocumentText> {
    return documentText(await this.context(), request?.path);
  }

  /** A stored passage as a basket hit, with its citations (for `kho basket add <passageId>`). */
  async passageHit(passageId: string): Promise<BasketHit> {
    const { store, catalogue } = this.stores;
    const [passage] = await store.passagesByIds([passageId]);
    const doc = passage && catalogue.get(passage.docId);
    if (!passage || !doc) throw new UserError('passage.notFound', { passageId });
    const cited = citations(catalogue.metadataOf(doc), { path: doc.path, page: passage.page, pageEnd: passage.pageEnd, section: passage.section, title: doc.title, ocr: passage.ocr });
    return {
      passageId, documentId: doc.id, path: doc.path, title: doc.title, page: passage.page, pageEnd: passage.pageEnd,
      section: passage.section, text: passage.text, citation: cited.best, citations: cited,
    };
  }
}
