/**
 * `kho` — the command-line transport of the KhoApi.
 *
 *   kho index <path...> [--data DIR]
 *   kho search <query> [--data DIR] [--limit N] [--json]
 *   kho status [--data DIR] [--json]
 *   kho model list|import <folder> [--id ORG/NAME]|fetch [ORG/NAME] [--from URL]
 *   kho serve [--data DIR] [--port N]
 *
 * Results go to stdout, progress and messages to stderr. A user mistake gets
 * one clear line and exit code 2; an unexpected failure exit code 1.
 */
import { writeFile } from 'node:fs/promises';
import type { IndexProgress, IndexSummary, LibraryStatus, SearchResponse } from '../../api/contract.js';
import { documentCommand } from './documents.js';
import { DEFAULT_MODEL_ID } from '../../embed/models.js';
import { UserError } from '../../api/errors.js';
import { Library } from '../../library/library.js';
import { resolveDataDir } from '../../library/paths.js';
import { serveCommand } from './serve.js';

const USAGE = `Kho Tri Thức — offline search of Vietnamese documents with cited passages

Usage:
  kho index [file-or-folder...]   index documents (PDF, DOCX, TXT, MD, HTML), recursively;
                                  with no paths: rescan the library folders / resume
  kho watch                       rescan the library folders, then follow their changes
  kho verify                      check that the stores agree (after a crash, say)
  kho search <query>              search; "doi moi" finds "đổi mới"
  kho status                      documents, passages, model, failed files
  kho serve [--port N]            the web interface on http://127.0.0.1:4477 (0 = any free port)
  kho doc <file>                  a document's identity, validity (with evidence) and relations
  kho doc <file> --set-status replaced|expired|in-force|… [--note TEXT] | --clear-status
                                  record your own view of its validity (kept across re-indexing)
  kho related <file> [--passage ID]   documents on the same subject (or like one passage), with the reason
  kho docs [--folder DIR] [--text T]  the library's documents with status, OCR and TCVN3/VNI notes
  kho folders [rm <folder>]       the library folders; rm takes one out (files are untouched)
  kho basket list                 the citation basket
  kho basket add <passageId> [--note TEXT]   add a passage (ids from "kho search --json")
  kho basket rm <id> | clear      remove an item, or everything
  kho basket export --format md|docx --out FILE   passages with their citations, for a report
  kho model list                  installed embedding models
  kho model import <folder>       install a model folder (e.g. from a USB stick)
  kho model fetch [id]            download a model on a connected machine (default ${DEFAULT_MODEL_ID})

Options:
  --data DIR     data folder (else $KHO_DATA, else the per-user application-data folder)
  --limit N      number of hits (search; default 10)
  --sort date    newest documents first (search; default: relevance)
  --json         machine-readable output on stdout
  --id ORG/NAME  model id for "model import" (default: the folder's last two names)
  --from URL     model hub base URL for "model fetch"
  --threads N    embedding threads
  --port N       port for "serve"

Query language (search):
  "exact phrase"   -excluded   a OR b   đổi mới* (prefix)
  loai:quyet-dinh  so:1234/QĐ-UBND  coquan:"UBND tỉnh"  nam:2021..2025  thumuc:bao-cao
  hieuluc:con | hieuluc:het   lienquan:1520/QĐ-UBND
`;

interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['data', 'limit', 'id', 'from', 'threads', 'port', 'note', 'format', 'out', 'style', 'sort', 'set-status', 'passage', 'folder', 'text']);
const BOOLEAN_FLAGS = new Set(['json', 'help', 'clear-status']);

export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.set('help', true);
      continue;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (BOOLEAN_FLAGS.has(name)) flags.set(name, true);
    else if (VALUE_FLAGS.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UserError(`--${name} needs a value`);
      flags.set(name, value);
    } else throw new UserError(`unknown option --${name} (see "kho --help")`);
  }
  return { positional, flags };
}

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    const [command, ...rest] = args.positional;
    if (!command || args.flags.has('help')) {
      process.stdout.write(USAGE);
      return command || args.flags.has('help') ? 0 : 2;
    }
    return await run(command, rest, args.flags);
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`kho: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`kho: unexpected error: ${(error as Error).message}\n`);
    if (process.env.KHO_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return 1;
  }
}

async function run(command: string, rest: string[], flags: Map<string, string | true>): Promise<number> {
  const json = flags.has('json');
  const dataDir = resolveDataDir(flags.get('data') as string | undefined);
  const threads = flags.has('threads') ? positiveInt(flags.get('threads') as string, '--threads') : undefined;
  const known = ['index', 'search', 'status', 'model', 'serve', 'watch', 'verify', 'basket', 'doc', 'related', 'docs', 'folders'];
  if ((command === 'doc' || command === 'related') && !rest[0]) throw new UserError(`kho ${command} needs a document path`);
  if (!known.includes(command)) throw new UserError(`unknown command "${command}" (see "kho --help")`);
  if (command === 'search' && rest.join(' ').trim() === '') throw new UserError('kho search needs a query, e.g. kho search "đổi mới sáng tạo"');

  if (command === 'serve') return serveCommand(dataDir, flags);
  const library = await Library.open({ dataDir, threads, onProgress: command === 'index' ? progressPrinter() : undefined });
  try {
    switch (command) {
      case 'index': {
        // First Ctrl+C: stop after the current file, keeping what is done; a second one quits at once.
        const stop = () => {
          process.stderr.write('\nstopping after the current file (press Ctrl+C again to quit now)…\n');
          void library.cancelIndex();
          process.once('SIGINT', () => process.exit(130));
        };
        process.once('SIGINT', stop);
        const summary = await library.index({ paths: rest });
        process.off('SIGINT', stop);
        if (json) printJson(summary);
        else printSummary(summary);
        return summary.cancelled ? 130 : 0;
      }
      case 'watch':
        return await watchCommand(library, json);
      case 'basket':
        return await basketCommand(library, rest, flags, json);
      case 'doc':
      case 'related':
      case 'docs':
      case 'folders':
        return await documentCommand(library, command, rest, flags, json, flags.has('limit') ? positiveInt(flags.get('limit') as string, '--limit') : undefined);
      case 'verify': {
        const report = await library.verify();
        if (json) printJson(report);
        else {
          process.stdout.write(`documents ${report.documents}, passages ${report.passages}, vectors ${report.vectors ?? 'none'}: ${report.ok ? 'consistent' : 'PROBLEMS'}\n`);
          for (const p of report.problems) process.stdout.write(`  ${p}\n`);
        }
        return report.ok ? 0 : 1;
      }
      case 'search': {
        const limit = flags.has('limit') ? positiveInt(flags.get('limit') as string, '--limit') : undefined;
        const sort = flags.get('sort');
        if (sort !== undefined && sort !== 'date' && sort !== 'relevance') throw new UserError('--sort is "relevance" or "date"');
        const response = await library.search({ query: rest.join(' '), limit, sort: sort as 'date' | 'relevance' | undefined });
        if (json) printJson({ query: response.query, mode: response.mode, hits: response.hits, facets: response.facets, parsed: response.parsed, notices: response.notices });
        else printHits(response);
        return 0;
      }
      case 'status': {
        const status = await library.status();
        if (json) printJson(status);
        else printStatus(status);
        return 0;
      }
      default:
        return await modelCommand(library, rest, flags, json);
    }
  } finally {
    await library.close();
  }
}

async function basketCommand(library: Library, rest: string[], flags: Map<string, string | true>, json: boolean): Promise<number> {
  const [sub, arg] = rest;
  const show = (items: Awaited<ReturnType<Library['basketList']>>) => {
    if (json) return printJson(items);
    if (items.length === 0) process.stdout.write('the basket is empty\n');
    items.forEach((item, i) => process.stdout.write(`${i + 1}. [${item.id}] ${item.citation}${item.note ? `\n   note: ${item.note}` : ''}\n`));
  };
  switch (sub ?? 'list') {
    case 'list':
      show(await library.basketList());
      return 0;
    case 'add': {
      if (!arg) throw new UserError('kho basket add needs a passageId (from "kho search --json")');
      const item = await library.basketAdd({ hit: await library.passageHit(arg), note: (flags.get('note') as string | undefined) ?? '' });
      if (json) printJson(item);
      else process.stdout.write(`added: ${item.citation}\n`);
      return 0;
    }
    case 'rm':
      if (!arg) throw new UserError('kho basket rm needs an item id (from "kho basket list")');
      show(await library.basketRemove({ id: arg }));
      return 0;
    case 'clear':
      await library.basketClear();
      return 0;
    case 'export': {
      const format = (flags.get('format') as string | undefined) ?? 'md';
      const out = flags.get('out') as string | undefined;
      if (!out) throw new UserError('kho basket export needs --out FILE');
      const exported = await library.basketExport({ format: format === 'docx' ? 'docx' : format === 'md' || format === 'markdown' ? 'markdown' : (format as never), style: flags.get('style') as never });
      await writeFile(out, Buffer.from(exported.base64, 'base64'));
      process.stdout.write(`wrote ${out}\n`);
      return 0;
    }
    default:
      throw new UserError(`unknown basket command "${sub}" (list, add, rm, clear, export)`);
  }
}

async function watchCommand(library: Library, json: boolean): Promise<number> {
  const folders = await library.folders();
  if (folders.length === 0) throw new UserError('no library folders yet: index a folder first (kho index <folder>)');
  const report = (summary: IndexSummary) => (json ? process.stdout.write(JSON.stringify(summary) + '\n') : printSummary(summary));
  report(await library.index({ paths: folders }));
  process.stderr.write(`watching ${folders.join(', ')} (Ctrl+C to stop)\n`);
  const watcher = await library.watch(report, (error) => process.stderr.write(`kho: ${error.message}\n`));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  watcher.close();
  return 0;
}

async function modelCommand(library: Library, rest: string[], flags: Map<string, string | true>, json: boolean): Promise<number> {
  const [sub, arg] = rest;
  if (sub === 'list' || sub === undefined) {
    const models = await library.listModels();
    if (json) printJson(models);
    else if (models.length === 0) process.stdout.write(`no models installed in ${library.layout.models}\n`);
    else for (const m of models) process.stdout.write(`${m.active ? '*' : ' '} ${m.id}  ${m.dims} dims  ${(m.sizeBytes / 1e6).toFixed(1)} MB  ${m.folder}\n`);
    return 0;
  }
  if (sub === 'import') {
    if (!arg) throw new UserError('kho model import needs the model folder');
    process.stderr.write(`verifying and installing ${arg} …\n`);
    const info = await library.importModel({ folder: arg, id: flags.get('id') as string | undefined });
    if (json) printJson(info);
    else process.stdout.write(`installed ${info.id} (${info.dims} dimensions) in ${info.folder}; it is now the active model\n`);
    return 0;
  }
  if (sub === 'fetch') {
    const id = arg ?? DEFAULT_MODEL_ID;
    const info = await library.fetchModel(id, {
      from: flags.get('from') as string | undefined,
      onProgress: (file, bytes) => process.stderr.write(`  ${file} ${(bytes / 1e6).toFixed(1)} MB\n`),
    });
    if (json) printJson(info);
    else process.stdout.write(`installed ${info.id} (${info.dims} dimensions) in ${info.folder}; it is now the active model\n`);
    return 0;
  }
  throw new UserError(`unknown model command "${sub}" (list, import, fetch)`);
}

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`${name} must be a positive whole number, not "${value}"`);
  return n;
}

function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Progress on stderr: one rewritten line on a terminal, occasional lines otherwise. */
function progressPrinter(): (p: IndexProgress) => void {
  const tty = process.stderr.isTTY;
  let lastPhase = '';
  let lastLine = 0;
  return (p) => {
    const pace = p.phase === 'extract' && p.rate ? `, ${p.rate >= 10 ? Math.round(p.rate) : p.rate.toFixed(1)} files/s` : '';
    const eta = p.phase === 'extract' && p.etaSeconds && p.filesDone < p.filesTotal ? `, about ${duration(p.etaSeconds)} left` : '';
    const line = `${p.phase}: ${p.filesDone}/${p.filesTotal} files, ${p.passages} passages${pace}${eta}`;
    if (tty) {
      process.stderr.write(`\r\x1b[K${line}${p.phase === 'done' ? '\n' : ''}`);
    } else if (p.phase !== lastPhase || Date.now() - lastLine > 2000) {
      process.stderr.write(line + '\n');
      lastLine = Date.now();
    }
    lastPhase = p.phase;
  };
}

/** 75 → "1 min 15 s", 4000 → "1 h 7 min". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

function printSummary(s: IndexSummary): void {
  const out = process.stdout;
  out.write(`indexed ${s.indexed}, unchanged ${s.unchanged}, moved ${s.relinked}, copies ${s.duplicates}, failed ${s.failed.length}, removed ${s.removed}; `);
  out.write(`${s.passagesAdded} passages added, ${s.passagesEmbedded} embedded (${s.mode}) in ${(s.durationMs / 1000).toFixed(1)} s\n`);
  for (const f of s.failed) out.write(`  failed: ${f.path}: ${f.reason}\n`);
  if (s.cancelled) out.write('cancelled: what was indexed is kept; "kho index" resumes\n');
}

function printHits(r: SearchResponse): void {
  const out = process.stdout;
  const bold = process.stdout.isTTY ? (t: string) => `\x1b[1m${t}\x1b[0m` : (t: string) => `«${t}»`;
  for (const notice of r.notices) process.stderr.write(`note: ${notice}\n`);
  if (r.hits.length === 0) out.write(`no results for "${r.query}"\n`);
  r.hits.forEach((hit, i) => {
    out.write(`${i + 1}. ${hit.citation}\n   ${hit.path}\n   ${snippet(hit.text, hit.highlights, bold)}\n\n`);
  });
}

/** ~300 characters around the first highlight, with matches marked. */
function snippet(text: string, highlights: Array<[number, number]>, mark: (t: string) => string): string {
  const first = highlights[0]?.[0] ?? 0;
  const from = Math.max(0, first - 100);
  const to = Math.min(text.length, from + 300);
  let result = '';
  let cursor = from;
  for (const [s, e] of highlights) {
    if (e <= from || s >= to) continue;
    result += text.slice(cursor, Math.max(cursor, s)) + mark(text.slice(Math.max(s, cursor), Math.min(e, to)));
    cursor = Math.min(e, to);
  }
  result += text.slice(cursor, to);
  return `${from > 0 ? '…' : ''}${result.replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}

function printStatus(s: LibraryStatus): void {
  const out = process.stdout;
  out.write(`data folder: ${s.dataDir}\ndocuments: ${s.documents}\npassages: ${s.passages}\nsearch: ${s.mode}\n`);
  out.write(s.model ? `model: ${s.model.id} (${s.model.dims} dims), ${s.model.embeddedPassages} passages embedded\n` : 'model: none\n');
  for (const n of s.notices) out.write(`note: ${n}\n`);
  out.write(`failed files: ${s.failures.length}\n`);
  for (const f of s.failures) out.write(`  ${f.path}: ${f.reason} (${f.kind}, ${f.at})\n`);
}
