import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * extension.js: one small classic script (IIFE) the Clarity admin page loads with a plain
 * <script> tag, so it cannot be an ES module and must not split into chunks.
 */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/extension/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/extension', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
    lib: {
      entry: fileURLToPath(new URL('./src/main.ts', import.meta.url)),
      formats: ['iife'],
      name: 'ClarityConnectorExtension',
      fileName: () => 'extension.js',
    },
  },
});
