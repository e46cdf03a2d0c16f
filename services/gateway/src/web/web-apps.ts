import { fileURLToPath } from 'node:url';
import type { GatewayConfig } from '../config.ts';
import type { WebApp } from './web-apps.routes.ts';

/** Where the apps' builds are in this checkout (`npm run build:apps` writes them). */
const BUILT = (app: string) => fileURLToPath(new URL(`../../../../apps/${app}/dist`, import.meta.url));

/** The storefront at `/` and the admin at `/admin/`, from the configured (or this checkout's) builds. */
export function webApps(config: GatewayConfig): WebApp[] {
  return [
    { name: 'storefront', prefix: '/', root: config.GATEWAY_STOREFRONT_DIR || BUILT('storefront') },
    { name: 'admin', prefix: '/admin/', root: config.GATEWAY_ADMIN_DIR || BUILT('admin') },
  ];
}
