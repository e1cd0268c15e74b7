/**
 * The installers, built as far as this machine allows. Electron's binary cannot be
 * downloaded here, so a stand-in Electron distribution (a folder with a fake
 * `electron` executable, electron-builder's `electronDist`) takes its place, and
 * electron-builder packs the real app for Linux: the `--dir` tree, then the deb and
 * AppImage targets up to the point where fpm / appimagetool would run (its own
 * `effectiveOptionComputed` hook hands over their options instead). The tree is
 * checked — entry point, native modules unpacked, what must stay out, the size —
 * and its code is run with Node: index the sample corpus, import a model, search.
 * Every target's configuration (NSIS, AppImage, deb, dmg) is checked against
 * electron-builder's own schema.
 */
import * as asar from '@electron/asar';
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TEST_MODEL, tempDir } from './helpers.js';

const require = createRequire(import.meta.url);
const config = load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/**
 * Measured 2026-12 (Linux x64): 288 MB with transformers.js 3 (onnxruntime-node 1.21, 22 MB);
 * 313.5 MB with transformers.js 4, whose onnxruntime-node 1.24 library is 44 MB. Of that, native
 * modules are about 270 MB (LanceDB alone 161 MB, @napi-rs/canvas 33, sharp/libvips 17). It was
 * 550 MB with onnxruntime-web and other systems' binaries. The budget leaves about 5% for
 * dependency updates and fails on either of those coming back.
 */
const BUDGET_MB = 330;

describe('installer configuration', () => {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    validateConfiguration(config: unknown, debug: { isEnabled: boolean; add(): void }): Promise<void>;
  };
  const validate = (candidate: unknown) => validateConfiguration(candidate, { isEnabled: false, add: () => undefined });

  it("passes electron-builder's own schema, which refuses a misspelt option", async () => {
    await expect(validate(structuredClone(config))).resolves.toBeUndefined();
    await expect(validate({ ...structuredClone(config), nsis: { ...config.nsis, perMachin: false } })).rejects.toThrow(/configuration\.nsis/);
    await expect(validate({ ...structuredClone(config), mac: { ...config.mac, target: [{ target: 'dmg', arch: ['m1'] }] } })).rejects.toThrow();
  });

  it('names the app, its homepage and a maintainer with an e-mail (the deb refuses to build without)', () => {
    expect(pkg.productName).toBe('Kho Tri Thức');
    expect(config.productName).toBe(pkg.productName);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9]+)+$/);
    expect(config.copyright).toMatch(/Kho Tri Thức/);
  });

  it('installs per user on Windows, without administrator rights, in Vietnamese', () => {
    expect(config.win.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, installerLanguages: ['vi_VN'], language: '1066' });
  });

  it('builds AppImage and deb for Linux, and a dmg for Apple silicon only (LanceDB has no darwin-x64 binary after 0.22.3)', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['arm64'] }]);
  });

  it('has icons for every target, made from one SVG', async () => {
    const { makeIcons } = await import('../scripts/make-icons.mjs');
    const work = tempDir('icons');
    try {
      const written: string[] = await makeIcons(work.dir);
      expect(written).toEqual(expect.arrayContaining(['icon.ico', 'icon.icns', 'icon.png', path.join('icons', '256x256.png')]));
      const ico = readFileSync(path.join(work.dir, 'icon.ico'));
      expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 7]); // an icon with 7 images
      const icns = readFileSync(path.join(work.dir, 'icon.icns'));
      expect([icns.subarray(0, 4).toString('ascii'), icns.readUInt32BE(4)]).toEqual(['icns', icns.length]);
      const png = readFileSync(path.join(work.dir, 'icons', '256x256.png'));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 256]); // IHDR width, height
    } finally {
      work.cleanup();
    }
    // The configuration names what the script writes (electron-builder's buildResources is build/).
    expect([config.win.icon, config.mac.icon, config.linux.icon]).toEqual(['build/icon.ico', 'build/icon.icns', 'build/icons']);
    expect(existsSync(path.join(ROOT, 'build', 'icon.svg'))).toBe(true);
  });
});

/** A folder electron-builder accepts as an unpacked Electron for Linux: the executable, its licence, a locale. */
function standInElectron(dir: string): void {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  mkdirSync(path.join(dir, 'locales'), { recursive: true });
  writeFileSync(path.join(dir, 'electron'), '#!/bin/sh\necho "stand-in Electron"\n');
  chmodSync(path.join(dir, 'electron'), 0o755);
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(path.join(dir, 'locales', 'vi.pak'), '');
}

function sizeOf(target: string): number {
  const info = statSync(target);
  if (!info.isDirectory()) return info.size;
  return readdirSync(target).reduce((sum, name) => sum + sizeOf(path.join(target, name)), 0);
}

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.KHO_DATA;
    delete env.KHO_MODELS;
    // A hang guard, not a budget.
    execFile(process.execPath, args, { cwd, env, timeout: 20 * 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('the Linux app packed with a stand-in Electron', () => {
  const work = tempDir('packaging');
  const out = path.join(work.dir, 'out');
  const unpacked = path.join(out, 'linux-unpacked');
  const resources = path.join(unpacked, 'resources');
  const archive = path.join(resources, 'app.asar');
  const targets = new Map<string, unknown>();
  let entries: string[] = [];

  beforeAll(async () => {
    standInElectron(path.join(work.dir, 'electron'));
    const { makeIcons } = await import('../scripts/make-icons.mjs');
    await makeIcons(path.join(work.dir, 'icons'));
    // What prepare-dist would have put in build/: a model folder and OCR data (stand-ins here).
    cpSync(TEST_MODEL, path.join(work.dir, 'models', 'kho', 'test-tiny'), { recursive: true });
    mkdirSync(path.join(work.dir, 'tessdata'));
    writeFileSync(path.join(work.dir, 'tessdata', 'vie.traineddata'), 'stand-in');
    writeFileSync(path.join(work.dir, 'tessdata', 'vie.user-words'), 'not shipped');
    // The project's configuration, with only the machine-specific paths moved into the temporary folder.
    const local = structuredClone(config);
    local.electronDist = path.join(work.dir, 'electron');
    local.directories.output = out;
    local.linux.icon = path.join(work.dir, 'icons', 'icons');
    for (const resource of local.extraResources as Array<{ from: string; to: string }>) {
      if (resource.to !== 'corpus') resource.from = path.join(work.dir, resource.to);
    }
    const configFile = path.join(work.dir, 'electron-builder.json');
    writeFileSync(configFile, JSON.stringify(local));
    const { build, Platform, Arch } = await import('electron-builder');
    await build({
      projectDir: ROOT,
      config: configFile,
      targets: Platform.LINUX.createTarget(['dir', 'deb', 'AppImage'], Arch.x64),
      publish: 'never',
      // The deb and AppImage targets hand over what they would give fpm / appimagetool, and stop there.
      effectiveOptionComputed: async (options: unknown) => {
        targets.set(Array.isArray(options) ? 'deb' : 'AppImage', options);
        return true;
      },
    });
    entries = asar.listPackage(archive, { isPack: false }).map((entry) => entry.replace(/\\/g, '/'));
  }, 30 * 60_000);
  afterAll(() => work.cleanup());

  it('packs the built app with its entry point, preload and page', () => {
    for (const file of ['/package.json', '/dist/main/main.js', '/dist/main/preload.cjs', '/dist/renderer/index.html', '/dist/indexer/library/library.js']) {
      expect(entries, file).toContain(file);
    }
    const packed = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
    expect(packed.main).toBe('dist/main/main.js');
    expect(packed.productName).toBe('Kho Tri Thức');
    // Sources, maps and the CLI's launcher are not what runs.
    expect(entries.filter((e) => /^\/(renderer|indexer|main|test|bin|scripts)\//.test(e) || /\.(map|ts|mts|cts)$/.test(e))).toEqual([]);
  });

  it('keeps the native modules outside the archive, where they can be loaded', () => {
    // onnxruntime-node names its folder by the N-API version it targets (napi-v3 in 1.21, napi-v6 in 1.24).
    const napi = readdirSync(path.join(ROOT, 'node_modules', 'onnxruntime-node', 'bin')).find((d) => /^napi-v\d+$/.test(d));
    const natives = [
      'node_modules/@lancedb/lancedb-linux-x64-gnu/lancedb.linux-x64-gnu.node',
      `node_modules/onnxruntime-node/bin/${napi}/linux/x64/onnxruntime_binding.node`,
      `node_modules/onnxruntime-node/bin/${napi}/linux/x64/libonnxruntime.so.1`,
    ];
    for (const file of natives) {
      expect(existsSync(path.join(resources, 'app.asar.unpacked', file)), file).toBe(true);
      expect(asar.statFile(archive, file, false), file).toMatchObject({ unpacked: true });
    }
  });

  it('leaves out what never runs: onnxruntime-web, other systems’ binaries, browser builds', () => {
    const everything = [
      ...entries,
      ...readdirSync(path.join(resources, 'app.asar.unpacked'), { recursive: true, encoding: 'utf8' }).map((f) => `/${f.replace(/\\/g, '/')}`),
    ];
    const unwanted = [
      /\/node_modules\/onnxruntime-web\//,
      /\/onnxruntime-node\/bin\/napi-v\d+\/(win32|darwin)\//,
      /\/onnxruntime-node\/bin\/napi-v\d+\/linux\/arm64\//,
      /\/libonnxruntime\.so\.1\.\d/,
      /\/@huggingface\/transformers\/dist\/(transformers\.(web|min)|ort-wasm)/,
      /\/tesseract\.js-core\/.*\.wasm\.js$/,
      /\/pdfjs-dist\/(build|web)\//,
    ];
    for (const pattern of unwanted) expect(everything.filter((f) => pattern.test(f)), String(pattern)).toEqual([]);
    // …while the builds that do run are there.
    for (const file of ['/node_modules/@huggingface/transformers/dist/transformers.node.mjs', '/node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs', '/node_modules/tesseract.js-core/tesseract-core-simd-lstm.wasm']) {
      expect(entries, file).toContain(file);
    }
  });

  it('ships the model, the OCR data and the sample corpus beside the app', () => {
    expect(existsSync(path.join(resources, 'models', 'kho', 'test-tiny', 'config.json'))).toBe(true);
    expect(readdirSync(path.join(resources, 'tessdata'))).toEqual(['vie.traineddata']);
    expect(readdirSync(path.join(resources, 'corpus')).sort()).toEqual(readdirSync(path.join(ROOT, 'corpus')).filter((f) => f !== 'README.md').sort());
  });

  it(`weighs at most ${BUDGET_MB} MB before Electron`, () => {
    const bytes = sizeOf(archive) + sizeOf(path.join(resources, 'app.asar.unpacked'));
    console.log(`packed app: ${(bytes / 1e6).toFixed(1)} MB (app.asar + app.asar.unpacked)`);
    expect(bytes / 1e6).toBeLessThanOrEqual(BUDGET_MB);
  });

  it('makes the deb and the AppImage from it: maintainer, homepage, icons, desktop entry', () => {
    const [args] = targets.get('deb') as [string[], string];
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(flag('--maintainer')).toBe(`${pkg.author.name} <${pkg.author.email}>`);
    expect(flag('--url')).toBe(pkg.homepage);
    expect(flag('--name')).toBe('kho-tri-thuc');
    expect(args.filter((a) => a.includes('/usr/share/icons/hicolor/')).length).toBeGreaterThanOrEqual(5);
    const appImage = targets.get('AppImage') as { desktop: string; desktopFileName: string };
    expect(appImage.desktop).toMatch(/^Name=Kho Tri Thức$/m);
    expect(appImage.desktop).toMatch(/^Icon=kho-tri-thuc$/m);
    expect(appImage.desktopFileName).toBe('kho-tri-thuc.desktop');
  });

  it("runs from the packed files alone: indexes the corpus, imports the shipped model, searches", async () => {
    // The archive's files, unpacked natives included, in a folder of their own: nothing resolves from the project.
    const app = path.join(work.dir, 'app');
    asar.extractAll(archive, app);
    writeFileSync(path.join(app, 'kho.mjs'), "const { main } = await import('./dist/indexer/transports/cli/cli.js');\nprocess.exitCode = await main(process.argv.slice(2));\n");
    const data = path.join(work.dir, 'data');
    const kho = (...args: string[]) => run([path.join(app, 'kho.mjs'), ...args, '--data', data], app);
    const imported = await kho('model', 'import', path.join(resources, 'models', 'kho', 'test-tiny'));
    expect(imported.code, imported.stderr).toBe(0);
    const indexed = await kho('index', path.join(resources, 'corpus'), '--json');
    expect([0, 2], indexed.stderr).toContain(indexed.code);
    const found = await kho('search', 'đổi mới sáng tạo', '--json');
    expect(found.code, found.stderr).toBe(0);
    const result = JSON.parse(found.stdout) as { mode: string; hits: Array<{ path: string }> };
    expect(result.mode).toBe('hybrid');
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.hits[0]!.path.startsWith(path.join(resources, 'corpus'))).toBe(true);
  });
});
