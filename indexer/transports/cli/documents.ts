/**
 * The document commands of `kho` (cli.ts dispatches here):
 *
 *   kho doc <file> [--set-status VALUE [--note TEXT] | --clear-status]
 *   kho related <file> [--passage ID] [--limit N]
 *   kho docs [--folder DIR] [--text T] [--limit N]
 *   kho folders [rm <folder>]
 */
import type { DocumentReport, DocumentSummary, ValidityStatus } from '../../api/contract.js';
import { UserError } from '../../api/errors.js';
import { displayDate } from '../../common/dates.js';
import { kindName } from '../../common/doc-types.js';
import { foldText } from '../../common/fold.js';
import { TERMS } from '../../common/messages/terms.js';
import type { Library } from '../../library/library.js';
import { failureText, type Speaker } from './text.js';

type Flags = Map<string, string | true>;

export async function documentCommand(library: Library, command: string, rest: string[], flags: Flags, json: boolean, limit: number | undefined, speaker: Speaker): Promise<number> {
  const { t, say, lang } = speaker;
  const out = process.stdout;
  const print = (value: unknown) => out.write(JSON.stringify(value, null, 2) + '\n');
  switch (command) {
    case 'doc': {
      let report: DocumentReport;
      if (flags.has('set-status') && flags.has('clear-status')) throw new UserError('cli.statusConflict');
      if (flags.has('set-status')) {
        report = await library.setStatus({ path: rest[0]!, value: flags.get('set-status') as ValidityStatus, note: flags.get('note') as string | undefined });
      } else if (flags.has('clear-status')) {
        report = await library.setStatus({ path: rest[0]!, value: null });
      } else {
        report = await library.document({ path: rest[0]! });
      }
      if (json) print(report);
      else printReport(report, speaker);
      return 0;
    }
    case 'related': {
      const related = await library.related({ path: rest[0]!, passageId: flags.get('passage') as string | undefined, limit });
      if (json) print(related);
      else if (related.length === 0) out.write(`${t.noRelated}\n`);
      else for (const r of related) out.write(`${r.title ?? r.path}${r.typeName ? ` [${r.typeName}]` : ''}\n   ${r.path}\n   ${r.reason}\n`);
      return 0;
    }
    case 'docs': {
      const list = await library.documents({ folder: flags.get('folder') as string | undefined, text: flags.get('text') as string | undefined, limit: limit ?? 1000 });
      if (json) print(list);
      else {
        for (const d of list.items) out.write(`${d.path}\n   ${describe(d, speaker)}\n`);
        for (const f of list.failures) out.write(`${f.path}\n   ${t.failedDoc(TERMS[lang].failureKind[f.kind])}: ${failureText(f, say, lang)}\n`);
        out.write(`${t.documentsCount(list.total, list.items.length, list.failures.length)}\n`);
      }
      return 0;
    }
    case 'folders': {
      const [sub, folder] = rest;
      if (sub === 'rm' || sub === 'remove') {
        if (!folder) throw new UserError('cli.needsArgument', { command: 'folders rm', what: 'folder' });
        const result = await library.removeFolder({ folder });
        if (json) print(result);
        else out.write(`${t.folderRemoved(result.removed, result.folders.length)}\n`);
        return 0;
      }
      if (sub) throw new UserError('cli.unknownCommand', { command: `folders ${sub}`, known: ['rm'] });
      const folders = await library.folders();
      if (json) print(folders);
      else out.write(folders.length ? folders.join('\n') + '\n' : `${t.noFolders}\n`);
      return 0;
    }
    default:
      throw new UserError('cli.unknownCommand', { command, known: [] });
  }
}

function printReport(report: DocumentReport, { t, lang }: Speaker): void {
  const out = process.stdout;
  const m = report.metadata;
  out.write(`${report.title}\n${report.path}\n`);
  if (m) {
    const identity = t.identity(m.typeName, m.number, m.date && displayDate(m.date), m.issuerName ?? m.issuer);
    if (identity) out.write(`${identity}\n`);
  }
  const s = report.status;
  out.write(`${t.statusLine}: ${TERMS[lang].status[s.value]}${s.since ? ` (${t.since(displayDate(s.since))})` : ''}${s.source === 'override' ? t.setByUser(s.note ?? null) : ''}`);
  out.write(s.evidence ? ` — "${s.evidence.text}"${s.evidence.page ? ` (${t.page(s.evidence.page)})` : ''}\n` : '\n');
  for (const r of report.relations) {
    // Type names as officers write them (once: a title often starts with it), dates as documents print them.
    const type = kindName(r.target.kind) ?? r.target.kind;
    const title = r.target.title;
    const date = r.target.date && displayDate(r.target.date);
    const titled = Boolean(type && title && foldText(title).startsWith(foldText(type)));
    // "Luật Khoa học và Công nghệ ngày 18/6/2013"; else "Quyết định số 12/QĐ-UBND ngày 05/3/2024 <title>".
    const target = (titled ? [title, t.identity(null, r.target.number, date, null)] : [t.identity(type, r.target.number, date, null), title]).filter(Boolean).join(' ');
    out.write(`  ${r.direction === 'out' ? '→' : '←'} ${TERMS[lang].relation[r.direction][r.type]}: ${target}${r.target.path ? ` (${r.target.path})` : ''}\n`);
    out.write(`      "${r.evidence.text.replace(/\s+/g, ' ').slice(0, 160)}"${r.evidence.page ? ` ${t.page(r.evidence.page)}` : ''}\n`);
  }
}

function describe(d: DocumentSummary, { t, lang }: Speaker): string {
  const status: ValidityStatus = d.status;
  const badges = [d.format.toUpperCase(), d.pages ? t.pages(d.pages) : null, t.passages(d.passages), TERMS[lang].status[status]];
  if (d.notes.ocrPages?.length) badges.push(t.ocrPages(d.notes.ocrPages.length));
  const legacy = Object.keys(d.notes.legacyEncodings ?? {}).filter((k) => k !== 'utf8');
  if (legacy.length) badges.push(t.convertedFrom(legacy.map((k) => k.toUpperCase()).join('/')));
  if (d.otherPaths.length) badges.push(t.copies(d.otherPaths.length));
  return `${d.title} · ${badges.filter(Boolean).join(' · ')}`;
}
