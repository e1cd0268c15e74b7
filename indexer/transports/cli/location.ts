/**
 * `kho location`: where this user's library lives, as a per-user setting read
 * by the CLI, `kho serve` and the desktop app alike (library/paths.ts; `--data`
 * and KHO_DATA still win for one run):
 *
 *   kho location                      where the library is, and the setting
 *   kho location s3://bucket/prefix   a department library on object storage (or a folder)
 *   kho location --reset              back to the default folder
 *
 * It opens no library, so it works while the storage is out of reach.
 */
import type { LibraryLocation } from '../../api/documents.js';
import type { Lang } from '../../common/messages/format.js';
import { chooseDataDir, configuredLocation, locationFile, setConfiguredLocation, thisHost } from '../../library/paths.js';
import { isS3Url } from '../../store/remote/location.js';
import type { Speaker } from './text.js';

const TEXT: Record<Lang, { current: string; setting: string; none: string; given: string }> = {
  vi: { current: 'Thư viện', setting: 'Thiết lập của bạn', none: 'chưa đặt (dùng thư mục mặc định)', given: 'do --data hoặc KHO_DATA chỉ định cho lần chạy này' },
  en: { current: 'Library', setting: 'Your setting', none: 'none (the default folder)', given: 'named by --data or KHO_DATA for this run' },
};

export async function locationCommand(rest: string[], flags: Map<string, string | true>, json: boolean, { lang, say }: Speaker): Promise<number> {
  const host = thisHost();
  const changing = flags.has('reset') || rest.length > 0;
  const location = changing ? await setConfiguredLocation(flags.has('reset') ? null : rest.join(' '), host) : null;
  const choice = chooseDataDir(flags.get('data') as string | undefined, host);
  // From the next start: the setting; this run may still be another library (--data, KHO_DATA).
  const notice = changing ? say({ code: 'location.set', params: { location, current: choice.how === 'given' ? choice.dataDir : null } }) : null;
  const result: LibraryLocation = { current: choice.dataDir, kind: isS3Url(choice.dataDir) ? 's3' : 'folder', configured: configuredLocation(host) };
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...result, how: choice.how, file: locationFile(host) }, null, 2)}\n`);
    return 0;
  }
  const t = TEXT[lang];
  if (notice) process.stderr.write(`${notice}\n`);
  process.stdout.write(`${t.current}: ${result.current}${choice.how === 'given' ? ` (${t.given})` : ''}\n${t.setting}: ${result.configured ?? t.none} — ${locationFile(host)}\n`);
  return 0;
}
