// Vite build of the dashboard: served by Bifrost under /dashboard, with no inline script (strict CSP).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/dashboard/',
  plugins: [react()],
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The polyfill is an inline <script>; the CSP (script-src 'self') would block it, and every
    // browser we support has native modulepreload anyway.
    modulePreload: { polyfill: false },
    // Keep every asset a file: data: URIs for fonts/scripts would need CSP exceptions.
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    // `npm run dev:web` proxies the API to a Bifrost started separately on :8080.
    proxy: {
      '/v1': 'http://127.0.0.1:8080',
      '/sandbox': 'http://127.0.0.1:8080',
    },
  },
});
