/** `npm run build:apps [-- --force]`: builds the storefront and the admin (only what changed) for the gateway to serve. */
import { buildApps } from './lib/build-apps.ts';

const built = await buildApps({ force: process.argv.includes('--force') });
console.log(built.length ? `built ${built.join(', ')}` : 'web apps are up to date');
