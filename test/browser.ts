import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { findPackageRoot } from '../src/model/package-files.js';

/** Debian's Chromium: the browser tests never download one. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Where tests leave screenshots for people to look at (git-ignored). */
export const ARTIFACTS_DIRECTORY = join(findPackageRoot(), 'test-artifacts');

/**
 * Chromium as CI runs it: as root (so without the sandbox), and with nothing that reaches for the
 * network, since the machine has none.
 */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS_DIRECTORY, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}
