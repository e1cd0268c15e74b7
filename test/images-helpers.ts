/**
 * Small page images made in the test from rendered text (so nothing binary is
 * checked in): PNG and JPEG from the canvas, BMP and TIFF written here from its
 * pixels. Kept small (a few lines of large print): OCR on the shared machine is slow.
 */
import { deflateSync } from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';

export interface Gray {
  width: number;
  height: number;
  /** One byte a pixel, 0 = black. */
  pixels: Uint8Array;
}

/** Lines of text in large black print on white; `png` and `jpg` are the canvas's own encodings. */
export function renderLines(lines: string[]): { gray: Gray; png: Buffer; jpg: Buffer } {
  const width = 1000;
  const height = 40 + lines.length * 64;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000000';
  ctx.font = '36px "DejaVu Sans"';
  lines.forEach((line, i) => ctx.fillText(line, 24, 64 + i * 64));
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round((rgba[i * 4]! + rgba[i * 4 + 1]! + rgba[i * 4 + 2]!) / 3);
  return { gray: { width, height, pixels }, png: canvas.toBuffer('image/png'), jpg: canvas.toBuffer('image/jpeg') };
}

/** A 24-bit BMP (bottom-up rows, each padded to 4 bytes). */
export function bmp({ width, height, pixels }: Gray): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + row * height);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(row * height, 34);
  for (let y = 0; y < height; y++) {
    const at = 54 + (height - 1 - y) * row;
    for (let x = 0; x < width; x++) out.fill(pixels[y * width + x]!, at + x * 3, at + x * 3 + 3);
  }
  return out;
}

/**
 * A little-endian TIFF with one 8-bit grey page per image, one strip each:
 * uncompressed, or Deflate with the horizontal predictor (as scanners and
 * libtiff write it).
 */
export function tiff(pages: Gray[], coding: 'none' | 'deflate' = 'none'): Buffer {
  const strips = pages.map((p) => (coding === 'none' ? Buffer.from(p.pixels) : deflateSync(predict(p))));
  const entries = 10;
  const ifdSize = 2 + entries * 12 + 4;
  let size = 8;
  const stripAt: number[] = [];
  for (const s of strips) {
    stripAt.push(size);
    size += s.length + (s.length % 2);
  }
  const ifdAt = pages.map((_, i) => size + i * ifdSize);
  const out = Buffer.alloc(size + pages.length * ifdSize);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(ifdAt[0]!, 4);
  strips.forEach((s, i) => s.copy(out, stripAt[i]!));
  pages.forEach((p, i) => {
    let at = ifdAt[i]!;
    out.writeUInt16LE(entries, at);
    at += 2;
    const entry = (tag: number, type: 3 | 4, value: number) => {
      out.writeUInt16LE(tag, at);
      out.writeUInt16LE(type, at + 2);
      out.writeUInt32LE(1, at + 4);
      if (type === 3) out.writeUInt16LE(value, at + 8);
      else out.writeUInt32LE(value, at + 8);
      at += 12;
    };
    entry(256, 4, p.width);
    entry(257, 4, p.height);
    entry(258, 3, 8);
    entry(259, 3, coding === 'none' ? 1 : 8);
    entry(262, 3, 1); // black is zero
    entry(273, 4, stripAt[i]!);
    entry(277, 3, 1);
    entry(278, 4, p.height);
    entry(279, 4, strips[i]!.length);
    entry(317, 3, coding === 'none' ? 1 : 2);
    out.writeUInt32LE(ifdAt[i + 1] ?? 0, at);
  });
  return out;
}

/** Horizontal differencing of each row (TIFF predictor 2). */
function predict({ width, height, pixels }: Gray): Buffer {
  const out = Buffer.alloc(pixels.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      out[i] = x === 0 ? pixels[i]! : (pixels[i]! - pixels[i - 1]!) & 0xff;
    }
  }
  return out;
}
