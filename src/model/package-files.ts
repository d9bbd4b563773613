import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let packageRoot: string | undefined;

/**
 * The package's root folder, found by walking up from this module: the same code runs from `src/`
 * under the test runner and from `dist/src/` when built, at different depths.
 */
export function findPackageRoot(): string {
  if (packageRoot) return packageRoot;
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('triangulate: cannot find its package.json');
    folder = parent;
  }
  packageRoot = folder;
  return folder;
}

export function readPackageJson<Shape>(relativePath: string): Shape {
  return JSON.parse(readFileSync(join(findPackageRoot(), relativePath), 'utf8')) as Shape;
}

export function packageVersion(): string {
  return readPackageJson<{ version: string }>('package.json').version;
}
