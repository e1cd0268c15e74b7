/**
 * The renderer build: renderer/ → dist/renderer/, with relative asset URLs
 * (base './') so the same files load from http://127.0.0.1 (kho serve) and
 * from file:// (Electron). No inline scripts or styles: the pages run under a
 * CSP of default-src 'self'. pdf.js runs in a module worker from our own
 * origin (worker-src falls back to script-src 'self').
 */
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: path.join(root, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'es2022',
    // Keep everything as files: no data: URLs, no inline module-preload polyfill.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      output: {
        // pdf.js's worker arrives as an .mjs asset (`?url`); kho serve and Electron's
        // file:// both know .js as JavaScript, so it is written as .js.
        assetFileNames: (asset: { names?: string[]; name?: string }) =>
          /\.mjs$/.test(asset.names?.[0] ?? asset.name ?? '') ? 'assets/[name]-[hash].js' : 'assets/[name]-[hash][extname]',
      },
    },
  },
  server: { host: '127.0.0.1' },
});
