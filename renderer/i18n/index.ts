/**
 * Every string the interface shows, Vietnamese first (vi.ts), English second
 * (en.ts). A component gets the current table from `useStrings()`; nothing else in
 * the renderer holds user-visible text. Messages from the back end arrive as codes
 * and are worded with `t.message(…)`.
 */
import { createContext, useContext } from 'react';
import { displayDate } from '../../indexer/common/dates';
import { kindName } from '../../indexer/common/doc-types';
import type { Lang } from '../../indexer/common/messages/format';
import { en } from './en';
import { vi, type Strings } from './vi';

export type { Lang, Strings };

export const STRINGS: Record<Lang, Strings> = { vi, en };

export const StringsContext = createContext<Strings>(vi);

export function useStrings(): Strings {
  return useContext(StringsContext);
}

const LANG_KEY = 'kho.lang';

export function savedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* storage unavailable: the choice lasts for this window only */
  }
}

/** An ISO date as Vietnamese documents print it, in both languages: 2024-03-05 → 05/3/2024. */
export function formatDate(iso: string): string {
  return displayDate(iso);
}

/** The name of a document type slug (`nghi-dinh` → Nghị định): official names, the same in both languages. */
export function typeName(kind: string | null): string | null {
  if (!kind) return null;
  const slug = kind.toLowerCase();
  const name = kindName(slug);
  if (name) return name;
  if (!/^[a-z0-9-]+$/.test(slug)) return kind;
  const words = slug.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
