/**
 * Appendices published with a decree: "Phụ lục I", a title in capitals, and
 * "(Kèm theo Nghị định số 30/2020/NĐ-CP ngày … của Chính phủ)", which names the
 * document the appendix is part of (and so its number, date and issuer).
 */
import type { Block } from '../../extract/types.js';
import { DOC_TYPES } from '../../common/doc-types.js';
import { ATTACHABLE_TYPES, type Attached, findAttached } from './attached.js';
import { recase } from './names.js';
import { collapse, isUpperText, MOTTO, NATIONAL_NAME } from './text.js';

/** A form's code on a line of its own: "B1-2-TMDA", "B1-1-§ONTC" (a TCVN3 "Đ" left over), "Mẫu số 01", "Biểu 2". */
export const FORM_CODE = /^[\p{Lu}\d§]{1,4}(?:[-.][\p{L}\d§]+)+$|^(Mẫu|MẪU|Biểu|BIỂU)(\s+số)?\s*[\p{L}\d.-]*\s*:?$/u;

export interface Appendix {
  typeName: string;
  summary: string | null;
  partOf: string | null;
  /** The decision the appendix was issued with, read from its "kèm theo" line. */
  attached: Attached | null;
}

export function readAppendix(blocks: Block[], fullText: string): Appendix | null {
  const first = blocks[0] ? collapse(blocks[0].text) : '';
  // "Phụ lục I", "PHỤ LỤC 2a", or a bare "Phụ lục" over an attachment line.
  const m = /^(Phụ lục|PHỤ LỤC)(?:\s+([IVXLC]+|\d+[a-z]?))?$/u.exec(first);
  if (!m) return null;
  const attached = findAttached(blocks, 1, 7);
  if (!m[2] && !attached) return null;
  const titleParts: string[] = [];
  for (let i = 1; i < Math.min(blocks.length, attached ? attached.index : 8); i++) {
    const t = collapse(blocks[i]!.text);
    if (!isUpperText(t)) break;
    titleParts.push(t);
  }
  return {
    typeName: m[2] ? `Phụ lục ${m[2]}` : 'Phụ lục',
    summary: titleParts.length ? recase(titleParts.join(' '), fullText) : null,
    partOf: attached?.text ?? null,
    attached,
  };
}

/**
 * The heading of a form or list printed above its "kèm theo" line: the lines
 * just before it, up to the national name, a rule or a form code ("B1-2-TMĐA",
 * "Mẫu số 3"). Legacy conversions lose the capitals, so short lines in
 * sentence case count too.
 */
export function attachedHeading(blocks: Block[], index: number, fullText: string): string | null {
  const parts: string[] = [];
  for (let i = index - 1; i >= 0 && parts.length < 3; i--) {
    const t = collapse(blocks[i]!.text);
    if (FORM_CODE.test(t) || /^[-_=*.\s]+$/u.test(t)) {
      if (parts.length) break;
      continue;
    }
    if (NATIONAL_NAME.test(t) || MOTTO.test(t) || /[_=]{3,}/u.test(t) || t.length > 160 || /[.;:]$/u.test(t)) break;
    parts.unshift(t);
  }
  if (!parts.length) return null;
  const joined = parts.join(' ');
  return isUpperText(joined) ? recase(joined, fullText) : joined.charAt(0).toLocaleUpperCase('vi') + joined.slice(1);
}

/** Types an attached text can name in its heading (forms and lists stay appendices). */
const HEADING_TYPES = DOC_TYPES.filter((t) => ATTACHABLE_TYPES.has(t.slug));

/** The type a heading names at its start ("Hướng dẫn viết …" → huong-dan), or null. */
export function headingType(heading: string | null): string | null {
  if (!heading) return null;
  const h = heading.toLocaleLowerCase('vi');
  return HEADING_TYPES.find((t) => h.startsWith(t.name.toLocaleLowerCase('vi') + ' '))?.slug ?? null;
}

/** "Hướng dẫn viết thuyết minh …" with type huong-dan → "Viết thuyết minh …" (the type's name is the type line's). */
export function withoutTypeName(heading: string, slug: string): string {
  const name = HEADING_TYPES.find((t) => t.slug === slug)?.name;
  if (!name || !heading.toLocaleLowerCase('vi').startsWith(name.toLocaleLowerCase('vi') + ' ')) return heading;
  const rest = heading.slice(name.length).trim();
  return rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1);
}
