import { defineConfig } from 'vite';

// Pages are served by the API under /board; assets under /board/assets (services/api/src/routes/board.ts).
export default defineConfig({
  base: '/board/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2020',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 400,
  },
});
