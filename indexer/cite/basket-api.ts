/**
 * The citation basket as the API serves it: request checking, user-facing
 * errors, and exports as base64 files any transport can carry. The basket
 * itself (storage, order, DOCX/Markdown writing) is basket.ts.
 */
import type { BasketExport, BasketHit, BasketItem, CitationStyle } from '../api/contract.js';
import { Basket, basketPath } from './basket.js';
import { UserError } from '../api/errors.js';
import { exportFileName } from './export-name.js';

export class BasketApi {
  private file: Promise<Basket> | null = null;

  constructor(private readonly dataDir: string) {}

  private basket(): Promise<Basket> {
    return (this.file ??= Basket.open(basketPath(this.dataDir)));
  }

  /** Basket mistakes (BasketError) are already user errors with a code; the transports word them. */
  private async onBasket<T>(work: (basket: Basket) => Promise<T>): Promise<T> {
    return work(await this.basket());
  }

  list(): Promise<BasketItem[]> {
    return this.onBasket(async (b) => b.list());
  }

  add(request: { hit: BasketHit; note?: string; position?: number }): Promise<BasketItem> {
    if (!request?.hit?.passageId) throw new UserError('basket.hitIncomplete');
    return this.onBasket((b) => b.add(request.hit, request.note ?? '', request.position));
  }

  remove(request: { id: string }): Promise<BasketItem[]> {
    return this.onBasket(async (b) => {
      await b.remove(String(request?.id ?? ''));
      return b.list();
    });
  }

  reorder(request: { ids: string[] }): Promise<BasketItem[]> {
    return this.onBasket((b) => b.reorder(Array.isArray(request?.ids) ? request.ids.map(String) : []));
  }

  setNote(request: { id: string; note: string }): Promise<BasketItem> {
    return this.onBasket((b) => b.setNote(String(request?.id ?? ''), String(request?.note ?? '')));
  }

  clear(): Promise<void> {
    return this.onBasket((b) => b.clear());
  }

  export(request: { format: 'markdown' | 'docx'; style?: CitationStyle; title?: string }): Promise<BasketExport> {
    const options = { style: request?.style, title: request?.title };
    return this.onBasket(async (b) => {
      if (request?.format === 'docx') {
        const bytes = await b.toDocx(options);
        return { fileName: exportFileName(request?.title, 'docx'), mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', base64: Buffer.from(bytes).toString('base64') };
      }
      if (request?.format !== 'markdown') throw new UserError('basket.badFormat');
      return { fileName: exportFileName(request?.title, 'md'), mimeType: 'text/markdown; charset=utf-8', base64: Buffer.from(b.toMarkdown(options), 'utf8').toString('base64') };
    });
  }
}
