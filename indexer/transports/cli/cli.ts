/**
 * `kho` — the command-line transport of the KhoApi.
 *
 *   kho index <path...> [--data DIR]
 *   kho search <query> [--data DIR] [--limit N] [--json]
 *   kho status [--data DIR] [--json]
 *   kho model list|import <folder> [--id ORG/NAME]|fetch [ORG/NAME] [--from URL]
 *   kho serve [--data DIR] [--port N]
 *
 * Results go to stdout, progress and messages to stderr. Exit codes (conventions.ts,
 * listed in `kho --help`): 0 done; 1 an error, in one clear line; 2 done but some
 * files failed (or `verify` found problems); 130 stopped with Ctrl+C. People read
 * Vietnamese unless `--lang en` or an English locale says otherwise (text.ts);
 * `--json` keeps machine values (codes, slugs, ISO dates).
 */
import { writeFile } from 'node:fs/promises';
import type { IndexProgress, IndexSummary, LibraryStatus, SearchRequest, SearchResponse } from '../../api/contract.js';
import { documentCommand } from './documents.js';
import { DEFAULT_MODEL_ID } from '../../embed/models.js';
import { messageOf, UserError } from '../../api/errors.js';
import { displayDate } from '../../common/dates.js';
import { TERMS } from '../../common/messages/terms.js';
import { Library } from '../../library/library.js';
import { chooseDataDir, locationFile, thisHost } from '../../library/paths.js';
import { isUrlLike } from '../../library/stores.js';
import { locationCommand } from './location.js';
import { rootsCommand } from './roots.js';
import { serveCommand } from './serve.js';
import { cliLang, failureText, speaker, type Speaker } from './text.js';
import { commandUsage, usage } from './usage.js';
import { EXIT, exportTarget, programVersion, unquotePath, useEscapes } from './conventions.js';

interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['lang', 'data', 'limit', 'id', 'from', 'threads', 'port', 'note', 'format', 'out', 'style', 'sort', 'page', 'collapse', 'set-status', 'passage', 'folder', 'text', 'title']);
const BOOLEAN_FLAGS = new Set(['json', 'help', 'clear-status', 'version', 'repair', 'no-wait', 'reset']);
/** Options naming a file or folder: a pasted pair of quotes around them is dropped. */
const PATH_FLAGS = ['data', 'out', 'folder', 'from'];

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
      if (value === undefined || value === '') throw new UserError('cli.needsValue', { option: name });
      flags.set(name, value);
    } else throw new UserError('cli.unknownOption', { option: name });
  }
  return { positional, flags };
}

export async function main(argv: string[]): Promise<number> {
  // Until --lang is read (or when it is wrong), the locale decides.
  let out = speaker(cliLang(undefined) ?? 'vi');
  try {
    const args = parseArgs(argv);
    const lang = cliLang(args.flags.get('lang'));
    if (!lang) throw new UserError('cli.badLang', { value: String(args.flags.get('lang')) });
    out = speaker(lang);
    const [command, ...rest] = args.positional;
    if (args.flags.has('version')) {
      const version = programVersion();
      process.stdout.write(args.flags.has('json') ? `${JSON.stringify({ name: 'kho', version })}\n` : `kho ${version}\n`);
      return EXIT.done;
    }
    if (!command || args.flags.has('help')) {
      const text = command ? commandUsage(lang, command, DEFAULT_MODEL_ID) : usage(lang, DEFAULT_MODEL_ID);
      if (text === null) throw new UserError('cli.unknownCommand', { command, known: [] });
      process.stdout.write(text);
      return command || args.flags.has('help') ? EXIT.done : EXIT.error;
    }
    for (const name of PATH_FLAGS) {
      const value = args.flags.get(name);
      if (typeof value === 'string') args.flags.set(name, unquotePath(value));
    }
    // A search query keeps its quotes ("exact phrase"); every other argument may be a pasted path.
    return await run(command, command === 'search' ? rest : rest.map(unquotePath), args.flags, out);
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`${out.t.errorPrefix}${out.say(error.toMessage())}\n`);
      return EXIT.error;
    }
    process.stderr.write(`${out.t.errorPrefix}${out.say({ code: 'internal', params: { detail: (error as Error).message } })}\n`);
    if (process.env.KHO_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return EXIT.error;
  }
}

async function run(command: string, rest: string[], flags: Map<string, string | true>, out: Speaker): Promise<number> {
  const json = flags.has('json');
  const rawData = (flags.get('data') as string | undefined) ?? process.env.KHO_DATA;
  if (rawData && isUrlLike(rawData)) throw new UserError('data.urlUnsupported', { dataDir: rawData });
  const choice = chooseDataDir(flags.get('data') as string | undefined, thisHost());
  const dataDir = choice.dataDir;
  // A damaged location setting falls back to the default folder: say so, naming the file.
  if (choice.settingProblem) process.stderr.write(`${out.say({ code: 'location.unusable', params: { file: locationFile(), problem: choice.settingProblem } })}\n`);
  const threads = flags.has('threads') ? positiveInt(flags.get('threads') as string, '--threads') : undefined;
  const known = ['index', 'search', 'status', 'model', 'serve', 'watch', 'verify', 'basket', 'doc', 'related', 'docs', 'folders', 'roots', 'location'];
  if ((command === 'doc' || command === 'related') && !rest[0]) throw new UserError('cli.needsArgument', { command, what: 'document' });
  if (!known.includes(command)) throw new UserError('cli.unknownCommand', { command, known: [] });
  if (command === 'search' && rest.join(' ').trim() === '') throw new UserError('cli.needsArgument', { command, what: 'query' });

  if (command === 'serve') return serveCommand(dataDir, flags, out);
  if (command === 'location') return locationCommand(rest, flags, json, out);
  // Commands that only read never create (or migrate) a library; only index, watch, serve and model do.
  const create = !['search', 'status', 'docs', 'doc', 'verify', 'related', 'basket', 'roots'].includes(command);
  const repair = command === 'verify' && flags.has('repair');
  // `kho index` and `kho watch` wait their turn while another process writes (unless --no-wait).
  const waits = (command === 'index' || command === 'watch') && !flags.has('no-wait');
  const waitForWriter = waits ? (pid: number) => process.stderr.write(`${out.say({ code: 'index.waiting', params: { pid, dataDir } })}\n`) : undefined;
  // On object storage, index/watch/model must be the writer (refused while another holds the lease).
  const remoteRole = ['index', 'watch', 'model'].includes(command) || repair ? 'writer' : undefined;
  const library = await Library.open({ dataDir, threads, create, repair, waitForWriter, remoteRole, onProgress: command === 'index' || command === 'watch' ? progressPrinter(out) : undefined });
  for (const notice of library.openNotices) process.stderr.write(`${out.say(notice)}\n`);
  try {
    switch (command) {
      case 'index': {
        // First Ctrl+C: stop after the current file, keeping what is done; a second one quits at once.
        const stop = () => {
          process.stderr.write(out.t.stopping);
          void library.cancelIndex();
          process.once('SIGINT', () => process.exit(130));
        };
        process.once('SIGINT', stop);
        const summary = await library.index({ paths: rest });
        process.off('SIGINT', stop);
        if (json) printJson(summary);
        else printSummary(summary, out);
        return summary.cancelled ? EXIT.interrupted : summary.failed.length > 0 ? EXIT.partly : EXIT.done;
      }
      case 'watch':
        return await watchCommand(library, json, out);
      case 'roots':
        return await rootsCommand(library, rest, json, out);
      case 'basket':
        return await basketCommand(library, rest, flags, json, out);
      case 'doc':
      case 'related':
      case 'docs':
      case 'folders':
        return await documentCommand(library, command, rest, flags, json, flags.has('limit') ? positiveInt(flags.get('limit') as string, '--limit') : undefined, out);
      case 'verify': {
        const repaired = repair ? await library.repair() : null;
        const report = repaired ?? (await library.verify());
        if (repaired && !json) process.stderr.write(`${out.say({ code: 'store.cleaned', params: { duplicates: repaired.repaired.duplicates, orphans: repaired.repaired.orphans } })}\n`);
        if (json) printJson(report);
        else {
          process.stdout.write(`${out.t.verified(report.documents, report.passages, report.vectors ?? null, report.ok)}\n`);
          // The stores' own diagnostics, for a bug report: in English whatever the language.
          for (const p of report.problems) process.stdout.write(`  ${p}\n`);
        }
        return report.ok ? EXIT.done : EXIT.partly;
      }
      case 'search': {
        const limit = flags.has('limit') ? positiveInt(flags.get('limit') as string, '--limit') : undefined;
        // --page N with --limit as the page size (default 10).
        const page = flags.has('page') ? positiveInt(flags.get('page') as string, '--page') : 1;
        const sort = flags.get('sort');
        if (sort !== undefined && !['relevance', 'date', 'number', 'title'].includes(sort as string)) throw new UserError('search.badSort');
        const collapse = flags.get('collapse') === 'passage' ? 'passage' : undefined;
        const offset = (page - 1) * (limit ?? 10);
        const response = await library.search({ query: rest.join(' '), limit, offset, sort: sort as SearchRequest['sort'], collapse });
        if (json) {
          const { query, mode, total, offset: at, partial, browse, hits, facets, parsed, notices } = response;
          printJson({ query, mode, total, offset: at, partial, browse, hits, facets, parsed, notices });
        } else printHits(response, out);
        return 0;
      }
      case 'status': {
        const status = await library.status();
        if (json) printJson(status);
        else printStatus(status, out);
        return 0;
      }
      default:
        return await modelCommand(library, rest, flags, json, out);
    }
  } finally {
    await library.close();
  }
}

async function basketCommand(library: Library, rest: string[], flags: Map<string, string | true>, json: boolean, { t }: Speaker): Promise<number> {
  const [sub, arg] = rest;
  const show = (items: Awaited<ReturnType<Library['basketList']>>) => {
    if (json) return printJson(items);
    if (items.length === 0) process.stdout.write(`${t.basketEmpty}\n`);
    items.forEach((item, i) => process.stdout.write(`${i + 1}. [${item.id}] ${item.citation}${item.note ? `\n   ${t.note}: ${item.note}` : ''}\n`));
  };
  switch (sub ?? 'list') {
    case 'list':
      show(await library.basketList());
      return 0;
    case 'add': {
      if (!arg) throw new UserError('cli.needsArgument', { command: 'basket add', what: 'passageId' });
      const item = await library.basketAdd({ hit: await library.passageHit(arg), note: (flags.get('note') as string | undefined) ?? '' });
      if (json) printJson(item);
      else process.stdout.write(`${t.added}: ${item.citation}\n`);
      return 0;
    }
    case 'rm':
      if (!arg) throw new UserError('cli.needsArgument', { command: 'basket rm', what: 'itemId' });
      show(await library.basketRemove({ id: arg }));
      return 0;
    case 'clear':
      await library.basketClear();
      if (json) printJson(await library.basketList());
      else process.stdout.write(`${t.basketCleared}\n`);
      return 0;
    case 'export': {
      const format = (flags.get('format') as string | undefined) ?? 'md';
      const title = flags.get('title') as string | undefined;
      const exported = await library.basketExport({ format: format === 'docx' ? 'docx' : format === 'md' || format === 'markdown' ? 'markdown' : (format as never), style: flags.get('style') as never, title });
      // --out a file, or a folder (or nothing: here) where the export's own name (title and date) is used.
      const file = exportTarget(flags.get('out') as string | undefined, exported.fileName);
      const bytes = Buffer.from(exported.base64, 'base64');
      await writeFile(file, bytes);
      if (json) printJson({ file, format: format === 'docx' ? 'docx' : 'markdown', bytes: bytes.length, items: (await library.basketList()).length });
      else process.stdout.write(`${t.wrote(file)}\n`);
      return 0;
    }
    default:
      throw new UserError('cli.unknownCommand', { command: `basket ${sub}`, known: ['list', 'add', 'rm', 'clear', 'export'] });
  }
}

async function watchCommand(library: Library, json: boolean, out: Speaker): Promise<number> {
  const folders = await library.folders();
  if (folders.length === 0) throw new UserError('cli.noFolders');
  const report = (summary: IndexSummary) => (json ? process.stdout.write(JSON.stringify(summary) + '\n') : printSummary(summary, out));
  // Watched before the first run: a file saved while it runs, or just after, is not missed.
  const watcher = await library.watch(report, (error) => process.stderr.write(`${out.t.errorPrefix}${out.say(messageOf(error))}\n`));
  report(await library.index({ paths: folders }));
  process.stderr.write(`${out.t.watching(folders)}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  watcher.close();
  return 0;
}

async function modelCommand(library: Library, rest: string[], flags: Map<string, string | true>, json: boolean, { t }: Speaker): Promise<number> {
  const [sub, arg] = rest;
  if (sub === 'list' || sub === undefined) {
    const models = await library.listModels();
    if (json) printJson(models);
    else if (models.length === 0) process.stdout.write(`${t.noModels(library.layout.models)}\n`);
    else for (const m of models) process.stdout.write(`${m.active ? '*' : ' '} ${m.id}  ${t.modelLine(m.dims, (m.sizeBytes / 1e6).toFixed(1))}  ${m.folder}\n`);
    return 0;
  }
  if (sub === 'import') {
    if (!arg) throw new UserError('cli.needsArgument', { command: 'model import', what: 'modelFolder' });
    process.stderr.write(`${t.installing(arg)}\n`);
    const info = await library.importModel({ folder: arg, id: flags.get('id') as string | undefined });
    if (json) printJson(info);
    else process.stdout.write(`${t.installed(info.id, info.dims, info.folder)}\n`);
    return 0;
  }
  if (sub === 'fetch') {
    const id = arg ?? DEFAULT_MODEL_ID;
    const info = await library.fetchModel(id, {
      from: flags.get('from') as string | undefined,
      onProgress: (file, bytes) => process.stderr.write(`  ${file} ${(bytes / 1e6).toFixed(1)} MB\n`),
    });
    if (json) printJson(info);
    else process.stdout.write(`${t.installed(info.id, info.dims, info.folder)}\n`);
    return 0;
  }
  throw new UserError('cli.unknownCommand', { command: `model ${sub}`, known: ['list', 'import', 'fetch'] });
}

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError('cli.notPositive', { option: name, value });
  return n;
}

function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Progress on stderr: one rewritten line on a terminal, occasional lines otherwise. */
function progressPrinter({ t }: Speaker): (p: IndexProgress) => void {
  const tty = process.stderr.isTTY === true;
  const escapes = useEscapes(process.stderr);
  let previous = 0;
  let lastPhase = '';
  let lastLine = 0;
  return (p) => {
    const pace = p.phase === 'extract' && p.rate ? `, ${t.rate(p.rate >= 10 ? String(Math.round(p.rate)) : p.rate.toFixed(1))}` : '';
    const eta = p.phase === 'extract' && p.etaSeconds && p.filesDone < p.filesTotal ? `, ${t.eta(t.duration(p.etaSeconds))}` : '';
    // While scans are OCR'd the files barely move: pages done and the OCR's own time left say more.
    const o = p.phase === 'extract' && p.ocr && p.ocr.pagesDone < p.ocr.pagesTotal ? p.ocr : null;
    const ocr = o ? `; ${t.ocrProgress(o.pagesDone, o.pagesTotal)}${o.etaSeconds !== undefined ? `, ${t.eta(t.duration(o.etaSeconds))}` : ''}` : '';
    // The embedding pass counts passages, at its own rate, with its own time left.
    const e = p.phase === 'embed' ? p.embed : undefined;
    const line = e
      ? `${t.phase.embed}: ${t.embedProgress(e.passagesDone, e.passagesTotal, e.perSecond >= 10 ? String(Math.round(e.perSecond)) : e.perSecond.toFixed(1), e.measured)}${e.passagesDone < e.passagesTotal ? `, ${t.eta(t.duration(e.etaSeconds))}` : ''}`
      : `${t.phase[p.phase]}: ${t.progress(p.filesDone, p.filesTotal, p.passages)}${o ? '' : pace}${o ? '' : eta}${ocr}`;
    if (tty) {
      // One line rewritten in place; without escape codes (NO_COLOR) spaces wipe the longer previous one.
      process.stderr.write(`\r${escapes ? `\x1b[K${line}` : line.padEnd(previous)}${p.phase === 'done' ? '\n' : ''}`);
      previous = line.length;
    } else if (p.phase !== lastPhase || Date.now() - lastLine > 2000) {
      process.stderr.write(line + '\n');
      lastLine = Date.now();
    }
    lastPhase = p.phase;
  };
}

function printSummary(s: IndexSummary, { t, say, lang }: Speaker): void {
  const out = process.stdout;
  out.write(t.summary({ indexed: s.indexed, unchanged: s.unchanged, relinked: s.relinked, duplicates: s.duplicates, failed: s.failed.length, removed: s.removed }));
  out.write(`${t.summaryPassages(s.passagesAdded, s.passagesEmbedded, TERMS[lang].mode[s.mode], (s.durationMs / 1000).toFixed(1))}\n`);
  for (const f of s.failed) out.write(`  ${t.failed}: ${f.path}: ${failureText(f, say, lang)}\n`);
  if (s.cancelled) out.write(`${t.cancelled}\n`);
}

function printHits(r: SearchResponse, { t, say }: Speaker): void {
  const out = process.stdout;
  const bold = useEscapes(process.stdout) ? (text: string) => `\x1b[1m${text}\x1b[0m` : (text: string) => `«${text}»`;
  for (const notice of [...r.parsed.problems, ...r.notices]) process.stderr.write(`${t.note}: ${say(notice)}\n`);
  if (r.hits.length === 0 && r.offset === 0) out.write(`${t.noResults(r.query)}\n`);
  else out.write(`${t.total(r.total, r.offset + 1, r.offset + r.hits.length, r.browse)}\n\n`);
  r.hits.forEach((hit, i) => {
    const more = hit.morePassages?.length ? `\n   ${t.morePassages(hit.morePassages.length)}` : '';
    const copies = hit.otherPaths.length ? `\n   ${t.otherPaths(hit.otherPaths)}` : '';
    out.write(`${r.offset + i + 1}. ${hit.citation}\n   ${hit.path}${copies}\n   ${snippet(hit.text, hit.highlights, bold)}${more}\n\n`);
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

function printStatus(s: LibraryStatus, { t, say, lang }: Speaker): void {
  const out = process.stdout;
  out.write(`${t.status({ dataDir: s.dataDir, documents: s.documents, passages: s.passages, mode: TERMS[lang].mode[s.mode] })}\n`);
  out.write(`${s.model ? t.model(s.model.id, s.model.dims, s.model.embeddedPassages) : t.noModel}\n`);
  for (const n of s.notices) out.write(`${t.note}: ${say(n)}\n`);
  out.write(`${t.failedFiles(s.failures.length)}\n`);
  for (const f of s.failures) out.write(`  ${f.path}: ${failureText(f, say, lang)} (${TERMS[lang].failureKind[f.kind]}, ${displayDate(f.at)})\n`);
}
