import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * ui/: the panel and the app page, served by the server at /ui/ and shown in the Clarity admin's
 * iframes. The app page is a separate chunk, so the order panel (the route a merchant opens most)
 * loads only what it needs.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/ui/',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/ui', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The order panel's budget is 150 KB gzip; a warning here is an early sign of creeping past it.
    chunkSizeWarningLimit: 400,
  },
});
