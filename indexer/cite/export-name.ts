/**
 * The file name of a basket export: "trich-dan-<title>-<date>.<ext>", accent-free so
 * that every file system and mail client keeps it, with the local date so that
 * today's export does not overwrite last week's. A title that already says
 * "Trích dẫn…" is not prefixed twice.
 */
import { textKey } from '../common/fold.js';
import { DEFAULT_TITLE } from './export-options.js';

const MAX_SLUG = 60;

export function exportFileName(title: string | undefined, extension: 'docx' | 'md', date: Date = new Date()): string {
  let slug = textKey(title?.trim() || DEFAULT_TITLE).replace(/ /g, '-');
  if (slug.length > MAX_SLUG) slug = slug.slice(0, MAX_SLUG).replace(/-[^-]*$/, '');
  const stem = slug.startsWith('trich-dan') ? slug : ['trich-dan', slug].filter(Boolean).join('-');
  return `${stem}-${localDate(date)}.${extension}`;
}

function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
