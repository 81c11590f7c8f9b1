import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';

/** The system Chromium (Debian's package), or `CHROMIUM_PATH`; never a downloaded build. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Launches headless Chromium with the flags a closed network needs; fails loudly if it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium saknas: ${CHROMIUM} (kör node scripts/ensure-chromium.mjs)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      // Without these Chromium keeps trying to reach Google's hosts, which a closed network refuses.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
