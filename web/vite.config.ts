import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { writeFileSync } from 'node:fs';

// The build goes where the Go binary embeds it (internal/webapp/dist); the
// committed .gitkeep is written back so `go build` works from a fresh clone.
const outDir = '../internal/webapp/dist';

export default defineConfig({
  plugins: [
    react(),
    { name: 'keep-placeholder', closeBundle() { writeFileSync(`${outDir}/.gitkeep`, ''); } },
  ],
  build: {
    outDir,
    emptyOutDir: true,
    assetsInlineLimit: 0, // no data: URLs: the CSP allows fonts and styles from the server only
    modulePreload: { polyfill: false }, // no inline script
    reportCompressedSize: true,
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:8080' } },
});
