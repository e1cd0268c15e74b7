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
import type { Library } from '../../library/library.js';

type Flags = Map<string, string | true>;

const STATUS_WORDS: Record<ValidityStatus, string> = {
  'in-force': 'in force', 'not-yet': 'not yet in force', expired: 'expired', replaced: 'replaced', amended: 'amended', unknown: 'unknown',
};

export async function documentCommand(library: Library, command: string, rest: string[], flags: Flags, json: boolean, limit: number | undefined): Promise<number> {
  const out = process.stdout;
  const print = (value: unknown) => out.write(JSON.stringify(value, null, 2) + '\n');
  switch (command) {
    case 'doc': {
      let report: DocumentReport;
      if (flags.has('set-status') && flags.has('clear-status')) throw new UserError('give --set-status or --clear-status, not both');
      if (flags.has('set-status')) {
        report = await library.setStatus({ path: rest[0]!, value: flags.get('set-status') as ValidityStatus, note: flags.get('note') as string | undefined });
      } else if (flags.has('clear-status')) {
        report = await library.setStatus({ path: rest[0]!, value: null });
      } else {
        report = await library.document({ path: rest[0]! });
      }
      if (json) print(report);
      else printReport(report);
      return 0;
    }
    case 'related': {
      const related = await library.related({ path: rest[0]!, passageId: flags.get('passage') as string | undefined, limit });
      if (json) print(related);
      else if (related.length === 0) out.write('no related documents found\n');
      else for (const r of related) out.write(`${r.title ?? r.path}${r.typeName ? ` [${r.typeName}]` : ''}\n   ${r.path}\n   ${r.reason}\n`);
      return 0;
    }
    case 'docs': {
      const list = await library.documents({ folder: flags.get('folder') as string | undefined, text: flags.get('text') as string | undefined, limit: limit ?? 1000 });
      if (json) print(list);
      else {
        for (const d of list.items) out.write(`${d.path}\n   ${describe(d)}\n`);
        for (const f of list.failures) out.write(`${f.path}\n   FAILED (${f.kind}): ${f.reason}\n`);
        out.write(`${list.total} documents${list.items.length < list.total ? ` (${list.items.length} shown)` : ''}, ${list.failures.length} failed\n`);
      }
      return 0;
    }
    case 'folders': {
      const [sub, folder] = rest;
      if (sub === 'rm' || sub === 'remove') {
        if (!folder) throw new UserError('kho folders rm needs the folder to take out of the library');
        const result = await library.removeFolder({ folder });
        if (json) print(result);
        else out.write(`removed ${result.removed} documents from the index (the files are untouched); folders left: ${result.folders.length}\n`);
        return 0;
      }
      if (sub) throw new UserError(`unknown folders command "${sub}" (kho folders, kho folders rm <folder>)`);
      const folders = await library.folders();
      if (json) print(folders);
      else out.write(folders.length ? folders.join('\n') + '\n' : 'no library folders yet ("kho index <folder>" adds one)\n');
      return 0;
    }
    default:
      throw new UserError(`unknown command "${command}"`);
  }
}

function printReport(report: DocumentReport): void {
  const out = process.stdout;
  const m = report.metadata;
  out.write(`${report.title}\n${report.path}\n`);
  if (m) {
    const identity = [m.typeName, m.number && `số ${m.number}`, m.date && `ngày ${m.date}`, m.issuerName ?? m.issuer].filter(Boolean).join(', ');
    if (identity) out.write(`${identity}\n`);
  }
  const s = report.status;
  out.write(`status: ${STATUS_WORDS[s.value]}${s.source === 'override' ? ` (set by the user${s.note ? `: ${s.note}` : ''})` : ''}`);
  out.write(s.evidence ? ` — "${s.evidence.text}"${s.evidence.page ? ` (p. ${s.evidence.page})` : ''}\n` : '\n');
  for (const r of report.relations) {
    const target = [r.target.kind, r.target.number, r.target.title, r.target.date].filter(Boolean).join(' ');
    out.write(`  ${r.direction === 'out' ? '→' : '←'} ${r.type}: ${target}${r.target.path ? ` (${r.target.path})` : ''}\n`);
    out.write(`      "${r.evidence.text.replace(/\s+/g, ' ').slice(0, 160)}"${r.evidence.page ? ` p. ${r.evidence.page}` : ''}\n`);
  }
}

function describe(d: DocumentSummary): string {
  const badges = [d.format.toUpperCase(), d.pages ? `${d.pages} pages` : null, `${d.passages} passages`, STATUS_WORDS[d.status]];
  if (d.notes.ocrPages?.length) badges.push(`OCR ${d.notes.ocrPages.length} pages`);
  const legacy = Object.keys(d.notes.legacyEncodings ?? {}).filter((k) => k !== 'utf8');
  if (legacy.length) badges.push(`converted from ${legacy.map((k) => k.toUpperCase()).join('/')}`);
  if (d.otherPaths.length) badges.push(`${d.otherPaths.length} copies`);
  return `${d.title} · ${badges.filter(Boolean).join(' · ')}`;
}
