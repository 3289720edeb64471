/**
 * The browser of the report tests: Debian's Chromium (/usr/bin/chromium), driven by
 * playwright-core, headless, without sandbox or GPU, and with every background request of its
 * own switched off, so that a page's requests are its own.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A fresh browser context with its own profile folder, at the viewport given. */
export function launchChromium(viewport: { width: number; height: number }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'entente-chromium-')), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport,
  });
}
