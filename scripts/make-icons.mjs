#!/usr/bin/env node
/**
 * The app's icons for every installer, from one source: build/icon.svg.
 * Rasterised by sharp (already installed: transformers.js depends on it; its
 * prebuilt libvips reads SVG), then written as electron-builder expects them:
 *   build/icons/<n>x<n>.png   Linux (AppImage, deb), 16…512
 *   build/icon.ico            Windows (NSIS, the .exe), PNG-compressed entries 16…256
 *   build/icon.icns           macOS (dmg, the .app), PNG entries 16@2x…512@2x
 *   build/icon.png            1024×1024, the fallback electron-builder looks for
 * Run by scripts/prepare-dist.mjs before `electron-builder`; `node scripts/make-icons.mjs [outDir]`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** ICO: a directory of PNG images (Windows Vista and later read PNG entries). */
export function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

/** ICNS: `icns` + length, then typed PNG entries (macOS 10.7+). */
export const ICNS_TYPES = { ic11: 32, ic12: 64, ic07: 128, ic13: 256, ic08: 256, ic14: 512, ic09: 512, ic10: 1024 };
export function icns(entries) {
  const parts = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

export async function makeIcons(outDir = path.join(root, 'build'), source = path.join(root, 'build', 'icon.svg')) {
  const svg = readFileSync(source);
  const cache = new Map();
  const png = async (size) => {
    if (!cache.has(size)) cache.set(size, await sharp(svg, { density: Math.max(72, Math.ceil((72 * size) / 1024) * 2) }).resize(size, size).png().toBuffer());
    return cache.get(size);
  };
  mkdirSync(path.join(outDir, 'icons'), { recursive: true });
  const written = [];
  const write = (file, bytes) => (writeFileSync(path.join(outDir, file), bytes), written.push(file));
  for (const size of [16, 32, 48, 64, 128, 256, 512]) write(path.join('icons', `${size}x${size}.png`), await png(size));
  write('icon.png', await png(1024));
  write('icon.ico', ico(await Promise.all([16, 24, 32, 48, 64, 128, 256].map(async (size) => ({ size, png: await png(size) })))));
  write('icon.icns', icns(await Promise.all(Object.entries(ICNS_TYPES).map(async ([type, size]) => ({ type, png: await png(size) })))));
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const written = await makeIcons(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(`make-icons: ${written.length} files from build/icon.svg`);
}
