/**
 * OLE2 compound files (Word 97–2003 .doc, Excel 97–2003 .xls, PowerPoint .ppt)
 * through `cfb` (the one file that knows it). Only top-level streams are read:
 * embedded objects live under ObjectPool/ and carry their own WordDocument or
 * Workbook streams, which must not be mistaken for the document's.
 */
import CFB from 'cfb';
import { ExtractionError } from './types.js';

export interface OleFile {
  /** A top-level stream by name, or null. */
  stream(name: string): Buffer | null;
  /** Names of the top-level streams. */
  readonly names: string[];
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isOle(data: Uint8Array): boolean {
  return OLE_MAGIC.every((b, i) => data[i] === b);
}

export function openOle(data: Uint8Array, what: string): OleFile {
  if (!isOle(data)) throw new ExtractionError('corrupt', `not a readable ${what} (no OLE2 compound-file header)`, { code: 'failure.corrupt', params: { format: 'file' } });
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { type: 'buffer' });
  } catch (error) {
    throw new ExtractionError('corrupt', `not a readable ${what} (damaged compound file: ${(error as Error).message})`, { code: 'failure.corrupt', params: { format: 'file' } });
  }
  const top = new Map<string, Buffer>();
  container.FullPaths.forEach((fullPath, i) => {
    const parts = fullPath.split('/').filter(Boolean);
    const entry = container.FileIndex[i]!;
    if (parts.length === 2 && entry.type === 2 && entry.content) {
      top.set(parts[1]!, Buffer.from(entry.content as Uint8Array));
    }
  });
  return {
    stream: (name) => top.get(name) ?? null,
    names: [...top.keys()],
  };
}
