/**
 * Appendices published with a decree: "Phụ lục I", a title in capitals, and
 * "(Kèm theo Nghị định số 30/2020/NĐ-CP ngày … của Chính phủ)", which names the
 * document the appendix is part of (and so its number, date and issuer).
 */
import type { Block } from '../../extract/types.js';
import { recase } from './names.js';
import { collapse, isUpperText } from './text.js';

export interface Appendix {
  typeName: string;
  summary: string | null;
  partOf: string | null;
}

export function readAppendix(blocks: Block[], fullText: string): Appendix | null {
  const first = blocks[0] ? collapse(blocks[0].text) : '';
  const m = /^(Phụ lục|PHỤ LỤC)\s+([IVXLC]+|\d+[a-z]?)$/u.exec(first);
  if (!m) return null;
  const titleParts: string[] = [];
  let partOf: string | null = null;
  for (let i = 1; i < Math.min(blocks.length, 8); i++) {
    const t = collapse(blocks[i]!.text);
    if (/^\((Kèm theo|Ban hành kèm theo)/u.test(t)) {
      let s = t;
      for (let j = i + 1; !s.includes(')') && j < Math.min(blocks.length, i + 4); j++) s += ' ' + collapse(blocks[j]!.text);
      partOf = collapse(s.replace(/^\((?:Ban hành )?[Kk]èm theo\s+/u, '').replace(/\).*$/u, ''));
      break;
    }
    if (!isUpperText(t)) break;
    titleParts.push(t);
  }
  return { typeName: `Phụ lục ${m[2]}`, summary: titleParts.length ? recase(titleParts.join(' '), fullText) : null, partOf };
}
