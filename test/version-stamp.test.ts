/**
 * A reader skips asking LanceDB for newer versions only while no table's
 * `_versions/` folder has changed (store/version-stamp.ts): every commit by
 * another handle — at once, or long after the stamp settled — is still seen.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { documentIdOf } from '../indexer/store/ids.js';
import { LanceStore, type PassageRow } from '../indexer/store/lance.js';
import { SETTLE_MS } from '../indexer/store/version-stamp.js';
import { indexTerms } from '../indexer/vietnamese/tokenize.js';
import { tempDir } from './helpers.js';

function passage(id: string, text: string): PassageRow {
  return { id, docId: documentIdOf(id), ordinal: 0, text, terms: indexTerms(text).join(' '), page: 1, pageEnd: 1, section: null, start: 0, end: text.length, ocr: false };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 600));

describe('refreshing a reader from a local folder', () => {
  const work = tempDir('stamp');
  afterAll(() => work.cleanup());

  it('sees every commit of another handle, and skips LanceDB only when nothing changed', async () => {
    const dir = `${work.dir}/lancedb`;
    const writer = await LanceStore.open(dir);
    await writer.addPassages([passage('a.k.0', 'Kế hoạch chuyển đổi số năm 2025.')]);
    const reader = await LanceStore.open(dir, { create: false });
    const checkouts = { n: 0 };
    const passages = (reader as unknown as { passages: { checkoutLatest: () => Promise<void> } }).passages;
    const real = passages.checkoutLatest.bind(passages);
    passages.checkoutLatest = async () => {
      checkouts.n++;
      await real();
    };
    expect(await reader.countPassages()).toBe(1);

    // Right after a commit the stamp has not settled: LanceDB is asked every time.
    await writer.addPassages([passage('b.k.0', 'Báo cáo chuyển đổi số quý I.')]);
    await reader.refreshToLatest();
    expect(await reader.countPassages()).toBe(2);
    await reader.refreshToLatest();
    expect(checkouts.n).toBe(2);

    // Settled and unchanged: the next refreshes skip LanceDB.
    await settle();
    await reader.refreshToLatest(); // asks once more, and keeps the settled stamp
    const asked = checkouts.n;
    await reader.refreshToLatest();
    await reader.refreshToLatest();
    expect(checkouts.n).toBe(asked);

    // A commit long after the stamp settled is seen by the very next refresh.
    await writer.addPassages([passage('c.k.0', 'Quyết định phê duyệt đề án đổi mới sáng tạo.')]);
    await reader.refreshToLatest();
    expect(checkouts.n).toBe(asked + 1);
    expect(await reader.countPassages()).toBe(3);

    // And a delete, after settling again.
    await settle();
    await reader.refreshToLatest();
    await writer.deletePassagesByIds(['a.k.0'], []);
    await reader.refreshToLatest();
    expect(await reader.countPassages()).toBe(2);
    reader.close();
    writer.close();
  });
});
