import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The platform the dev server proxies to (`MERCATO_API_URL=http://localhost:8471 npm run dev -w @mercato/storefront`). */
const API_URL = process.env.MERCATO_API_URL ?? 'http://localhost:8080';

/** Built into dist/ and served by the gateway under /; `npm run dev -w @mercato/storefront` proxies the API to a running platform. */
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    rolldownOptions: {
      // React and the router in a chunk of their own: it changes far less often than the app, so it stays cached across releases.
      output: { codeSplitting: { groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie)[\\/]/ }] } },
    },
  },
  server: { proxy: Object.fromEntries(['/api', '/graphql', '/oidc', '/.well-known'].map((path) => [path, API_URL])) },
});
