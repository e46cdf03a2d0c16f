import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Built into dist/ and served by the gateway under /; `npm run dev -w @mercato/storefront` proxies the API to a running platform. */
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: { proxy: { '/api': 'http://localhost:8080', '/graphql': 'http://localhost:8080', '/oidc': 'http://localhost:8080', '/.well-known': 'http://localhost:8080' } },
});
