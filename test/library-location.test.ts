/**
 * Where the library lives, as a per-user setting (issue 18: "`--data s3://…`
 * and the same in settings, the web mode and the desktop app"): `kho location`
 * and the API's setLibraryLocation write one file in the user's settings
 * folder; every start without `--data`/KHO_DATA (CLI, `kho serve`, the app)
 * then opens that library. A bad location is refused with the reason.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../indexer/api/errors.js';
import { Library } from '../indexer/library/library.js';
import { canonicalLocation, chooseDataDir, configuredLocation, locationFile, setConfiguredLocation } from '../indexer/library/paths.js';
import { settleDataFolder } from '../main/first-run.js';
import { CORPUS, kho, tempDir, thrown } from './helpers.js';

const codeOf = (error: unknown) => (error instanceof UserError ? error.code : String(error));

describe('the library location setting', () => {
  const work = tempDir('location');
  afterAll(() => work.cleanup());

  it('takes s3:// locations and absolute folders in canonical form, and refuses anything else', async () => {
    expect(canonicalLocation('  s3://so-khcn/thu-vien/  ')).toBe('s3://so-khcn/thu-vien');
    expect(canonicalLocation('/srv/kho/../kho-2', 'linux')).toBe('/srv/kho-2');
    expect(canonicalLocation('D:\\KhoTriThuc\\', 'win32')).toBe('D:\\KhoTriThuc\\');
    for (const bad of ['thu-vien', './kho', 'https://example.invalid/kho', '', 'D:\\kho']) {
      expect(codeOf(await thrown(async () => canonicalLocation(bad, 'linux'))), bad).toBe('location.invalid');
    }
    expect(codeOf(await thrown(async () => canonicalLocation('s3://Bad_Bucket/x')))).not.toBe('location.invalid');
  });

  it('is layered: --data or KHO_DATA, then the setting, then the default folder', async () => {
    const host = { platform: 'linux' as const, env: {}, home: path.join(work.dir, 'home-a') };
    expect(chooseDataDir(undefined, host).how).toBe('default');
    expect(await setConfiguredLocation('s3://so-khcn/thu-vien', host)).toBe('s3://so-khcn/thu-vien');
    expect(locationFile(host)).toBe(path.join(host.home, '.config', 'kho-tri-thuc', 'library-location.json'));
    expect(chooseDataDir(undefined, host)).toEqual({ dataDir: 's3://so-khcn/thu-vien', how: 'configured' });
    expect(chooseDataDir('/srv/other', host)).toEqual({ dataDir: path.resolve('/srv/other'), how: 'given' });
    expect(chooseDataDir(undefined, { ...host, env: { KHO_DATA: '/srv/env' } }).how).toBe('given');
    // The app keeps Electron's own files in this user's local folder for that library, never under a URL.
    const paths: string[] = [];
    expect(settleDataFolder({ setPath: (_name, value) => paths.push(value) }, host).dataDir).toBe('s3://so-khcn/thu-vien');
    expect(paths[0]).not.toMatch(/^s3:/);
    expect(path.isAbsolute(paths[0]!)).toBe(true);
    // A damaged setting: the default folder, and the app says why, naming the file.
    writeFileSync(locationFile(host), '{"location": "thu-vien"}');
    expect(chooseDataDir(undefined, host).how).toBe('default');
    const said: string[] = [];
    settleDataFolder({ setPath: () => undefined }, host, (line) => said.push(line));
    expect(said.join('\n')).toContain(`the library location setting ${locationFile(host)} cannot be used ("thu-vien" is not a folder or s3:// location)`);
    await setConfiguredLocation(null, host);
    expect(chooseDataDir(undefined, host).settingProblem).toBeUndefined();
    expect(configuredLocation(host)).toBeNull();
    expect(chooseDataDir(undefined, host).how).toBe('default');
  });

  it('set with kho location, used by the next command without --data; the API reads and changes the same setting', async () => {
    const home = path.join(work.dir, 'home-b');
    const env = { HOME: home, XDG_CONFIG_HOME: '', XDG_DATA_HOME: '' };
    const library = path.join(work.dir, 'thu-vien-phong');
    const set = await kho(['location', library, '--lang', 'en'], env);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toContain(`from the next start, the library is ${library}`);
    const indexed = await kho(['index', CORPUS, '--json'], env);
    expect(indexed.code, indexed.stderr).toBe(0);
    expect(existsSync(path.join(library, 'index.json'))).toBe(true);
    const status = JSON.parse((await kho(['status', '--json'], env)).stdout);
    expect(status.dataDir).toBe(library);
    expect(status.documents).toBeGreaterThan(0);

    const refused = await kho(['location', 'thu-vien', '--lang', 'en'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('"thu-vien" is not a library location');

    // The page's panel goes through the API: it shows the library open now and changes the setting for the next start.
    const previous = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = path.join(home, '.config');
    const open = await Library.open({ dataDir: library, create: false, embedInWorker: false });
    try {
      expect(await open.libraryLocation()).toEqual({ current: library, kind: 'folder', configured: library });
      const changed = await open.setLibraryLocation({ location: 's3://so-khcn/thu-vien' });
      expect(changed).toMatchObject({ current: library, configured: 's3://so-khcn/thu-vien', notice: { code: 'location.set', params: { location: 's3://so-khcn/thu-vien', current: library } } });
      expect(JSON.parse(readFileSync(path.join(home, '.config', 'kho-tri-thuc', 'library-location.json'), 'utf8')).location).toBe('s3://so-khcn/thu-vien');
      expect(codeOf(await thrown(() => open.setLibraryLocation({ location: 'relative' })))).toBe('location.invalid');
      expect((await open.libraryLocation()).configured).toBe('s3://so-khcn/thu-vien');
    } finally {
      await open.close();
      if (previous === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = previous;
    }
    const shown = JSON.parse((await kho(['location', '--json'], env)).stdout);
    expect(shown).toMatchObject({ current: 's3://so-khcn/thu-vien', kind: 's3', how: 'configured' });
  });
});
