import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web UI lives in web/ and is built to web/dist, which the server serves in production.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
