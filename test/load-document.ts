/**
 * A document of the test data read as the indexer reads it — extracted, then its
 * identity — shared by the reference and policy tests; each file is read once per
 * test file (with or without OCR).
 */
import { readFileSync } from 'node:fs';
import { extractMetadata } from '../indexer/analyze/identity/metadata.js';
import { extractFile } from '../indexer/extract/index.js';

const loaded = new Map<string, ReturnType<typeof loadUncached>>();

export function loadDocument(file: string, ocr = false) {
  const key = `${file}|${ocr}`;
  if (!loaded.has(key)) loaded.set(key, loadUncached(file, ocr));
  return loaded.get(key)!;
}

async function loadUncached(file: string, ocr: boolean) {
  const extracted = await extractFile(file, readFileSync(file), { ocr: ocr ? {} : false });
  const metadata = extractMetadata(extracted.blocks, { fileName: file, properties: { title: extracted.title } });
  return { path: file, blocks: extracted.blocks, metadata, text: extracted.blocks.map((b) => b.text).join('\n\n'), notes: extracted.notes };
}
