/**
 * `kho roots`: the library roots (indexed folders) and this machine's mapping
 * of them, for a library indexed on one machine and read on others that mount
 * the same share elsewhere (cli.ts dispatches here):
 *
 *   kho roots                       each root: id, name, folder as recorded, where it is here
 *   kho roots map <root> <folder>   read the root's files from <folder> on this machine
 *   kho roots unmap <root>          drop the mapping (the recorded folder is used again)
 *
 * <root> is the id, the name when unique, or the recorded folder. The mapping is
 * kept per user (library/roots.ts `rootMapFile`), never in the library.
 */
import type { LibraryRoot } from '../../api/documents.js';
import { UserError } from '../../api/errors.js';
import type { Lang } from '../../common/messages/format.js';
import type { Library } from '../../library/library.js';
import type { Speaker } from './text.js';

const TEXT: Record<Lang, { none: string; docs: (n: number) => string; mappedTo: string; recordedHere: string; notHere: string }> = {
  vi: {
    none: 'Thư viện chưa có thư mục nào.',
    docs: (n) => `${n} văn bản`,
    mappedTo: 'trên máy này',
    recordedHere: 'có sẵn trên máy này',
    notHere: 'CHƯA GẮN trên máy này — kho roots map <mã> <thư-mục>',
  },
  en: {
    none: 'The library has no folders yet.',
    docs: (n) => `${n} document${n === 1 ? '' : 's'}`,
    mappedTo: 'on this computer',
    recordedHere: 'present on this computer',
    notHere: 'NOT MAPPED on this computer — kho roots map <id> <folder>',
  },
};

export async function rootsCommand(library: Library, rest: string[], json: boolean, { lang }: Speaker): Promise<number> {
  const [sub, root, folder] = rest;
  let roots: LibraryRoot[];
  if (!sub || sub === 'list') {
    roots = await library.roots();
  } else if (sub === 'map') {
    if (!root) throw new UserError('cli.needsArgument', { command: 'roots map', what: 'root' });
    if (!folder) throw new UserError('cli.needsArgument', { command: 'roots map', what: 'rootFolder' });
    roots = await library.mapRoot({ root, path: folder });
  } else if (sub === 'unmap') {
    if (!root) throw new UserError('cli.needsArgument', { command: 'roots unmap', what: 'root' });
    roots = await library.mapRoot({ root, path: null });
  } else {
    throw new UserError('cli.unknownCommand', { command: `roots ${sub}`, known: ['map', 'unmap'] });
  }
  if (json) {
    process.stdout.write(JSON.stringify(roots, null, 2) + '\n');
    return 0;
  }
  process.stdout.write(formatRoots(roots, lang));
  return 0;
}

/** One block per root: id and name, the folder as recorded, where this machine reads it. */
export function formatRoots(roots: LibraryRoot[], lang: Lang): string {
  const t = TEXT[lang];
  if (roots.length === 0) return `${t.none}\n`;
  return roots
    .map((r) => {
      const here = r.mapped ? `→ ${r.mapped} (${t.mappedTo})` : r.local ? `(${t.recordedHere})` : t.notHere;
      return `${r.id}  ${r.name} · ${t.docs(r.documents)}\n   ${r.recorded}\n   ${here}\n`;
    })
    .join('');
}
