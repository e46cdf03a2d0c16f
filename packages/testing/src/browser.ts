import { chromium, type Browser } from 'playwright-core';
import { ensureDebianPackage } from '@mercato/kit/runtime/debian-package.ts';

/** Debian's Chromium: the browser the tests and the screenshot script drive. */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags for a headless Chromium as root in a container-like machine, without background chatter. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** Launches headless Chromium through playwright-core, installing Debian's package first when it is missing. */
export async function launchChromium(): Promise<Browser> {
  await ensureDebianPackage('chromium', CHROMIUM);
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}
