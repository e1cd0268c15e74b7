#!/usr/bin/env node
/**
 * Before `electron-builder` packs the installers (`npm run dist`): make sure
 * build/models and build/tessdata exist, and fill build/tessdata with the
 * Vietnamese and English OCR data of this machine when it has them (Debian:
 * tesseract-ocr-vie). A model goes in build/models/<org>/<name> by hand, e.g.
 * `kho model fetch` on a connected machine and a copy of its folder. Then the
 * icons of every target from build/icon.svg (scripts/make-icons.mjs).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeIcons } from './make-icons.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const models = path.join(root, 'build', 'models');
const tessdata = path.join(root, 'build', 'tessdata');
mkdirSync(models, { recursive: true });
mkdirSync(tessdata, { recursive: true });

const systemTessdata = [process.env.KHO_TESSDATA, '/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata'].filter(Boolean);
for (const lang of ['vie', 'eng']) {
  const target = path.join(tessdata, `${lang}.traineddata`);
  if (existsSync(target)) continue;
  const source = systemTessdata.map((dir) => path.join(dir, `${lang}.traineddata`)).find((f) => existsSync(f));
  if (source) copyFileSync(source, target);
  else console.warn(`prepare-dist: no ${lang}.traineddata found; the installer ships without ${lang} OCR (set KHO_TESSDATA to a folder holding it)`);
}
const bundled = readdirSync(models, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
console.log(`prepare-dist: OCR data ${readdirSync(tessdata).join(', ') || 'none'}; models ${bundled.join(', ') || 'none (keyword search until one is imported)'}`);
console.log(`prepare-dist: icons ${(await makeIcons()).length} files from build/icon.svg`);
