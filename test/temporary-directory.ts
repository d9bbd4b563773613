import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A fresh directory for a test file's inputs, removed when the file's tests end. */
export function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'triangulate-test-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}
