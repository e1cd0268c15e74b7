/**
 * The citation basket as Markdown, for pasting into notes, mail or a wiki.
 */
import type { BasketItem } from '../api/contract.js';
import { DEFAULT_TITLE, pickCitation, type ExportOptions } from './export-options.js';

/** Markdown-escape text so it prints as written: emphasis and link characters, and line-leading markers. */
function escapeMarkdown(line: string): string {
  return line
    .replace(/([\\`*_[\]<])/g, '\\$1')
    .replace(/^(\s*)([#>+-]|\d+[.)])(\s|$)/, (_m, sp: string, marker: string, after: string) => `${sp}\\${marker}${after}`);
}

/**
 * The basket as Markdown: a heading, then per item a numbered blockquote of the
 * passage ending with "— citation", and the note below it.
 *
 * ```
 * # Trích dẫn tài liệu
 *
 * **1.**
 *
 * > passage text
 * >
 * > — Quyết định số …, Điều 3, tr. 4
 *
 * *Ghi chú:* note
 * ```
 */
export function basketToMarkdown(items: readonly BasketItem[], options: ExportOptions = {}): string {
  const out: string[] = [`# ${options.title ?? DEFAULT_TITLE}`, ''];
  if (items.length === 0) out.push('*(Giỏ trích dẫn trống.)*', '');
  items.forEach((item, k) => {
    out.push(`**${k + 1}.**`, '');
    const lines = item.text.replace(/\r\n?/g, '\n').split('\n');
    for (const line of lines) out.push(line.trim() ? `> ${escapeMarkdown(line.trimEnd())}` : '>');
    out.push('>', `> — ${escapeMarkdown(pickCitation(item, options.style))}`, '');
    if (item.note) out.push(`*Ghi chú:* ${escapeMarkdown(item.note.replace(/\s*\n\s*/g, ' '))}`, '');
  });
  return out.join('\n');
}
