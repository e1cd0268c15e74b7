/**
 * The window's size and place, remembered between runs (userData/window.json).
 * Restored only where it still fits a connected display: a laptop that left
 * its office monitor must not open the window off-screen.
 */
import { readFileSync, writeFileSync, renameSync } from 'node:fs';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1200, height: 800 };
export const MIN_SIZE = { width: 720, height: 480 };
/** How much of the window must lie on a display for the saved place to be kept. */
const MIN_VISIBLE_FRACTION = 0.5;

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The bounds to open with: the saved ones when at least half the window is on
 * one of today's displays (work areas), else the default size centred on the
 * first display; never larger than that display or smaller than MIN_SIZE.
 */
export function restoreBounds(saved: WindowState | null, displays: Rect[]): { bounds: Partial<Rect> & { width: number; height: number }; maximized: boolean } {
  const primary = displays[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const fit = (width: number, height: number) => ({
    width: Math.max(MIN_SIZE.width, Math.min(width, primary.width)),
    height: Math.max(MIN_SIZE.height, Math.min(height, primary.height)),
  });
  const b = saved?.bounds;
  const valid = b && [b.x, b.y, b.width, b.height].every(Number.isFinite) && b.width > 0 && b.height > 0;
  if (valid && displays.some((d) => overlap(b, d) >= MIN_VISIBLE_FRACTION * b.width * b.height)) {
    return { bounds: { x: b.x, y: b.y, ...fit(b.width, b.height) }, maximized: Boolean(saved!.maximized) };
  }
  const size = fit(DEFAULT_SIZE.width, DEFAULT_SIZE.height);
  return {
    bounds: { x: Math.round(primary.x + (primary.width - size.width) / 2), y: Math.round(primary.y + (primary.height - size.height) / 2), ...size },
    maximized: Boolean(saved?.maximized),
  };
}

export function readWindowState(file: string): WindowState | null {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as WindowState;
    return data && typeof data === 'object' && data.bounds ? data : null;
  } catch {
    return null;
  }
}

/** Written whole then renamed: a crash leaves the old file or the new one. */
export function writeWindowState(file: string, state: WindowState): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}
