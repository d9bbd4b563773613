import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../src/model/package-files.js';

/** `../shared` beside the checkout: real articles and eval data, never copied into the project. */
export const SHARED_DIRECTORY = join(findPackageRoot(), '..', 'shared');
export const SEEDS_DIRECTORY = join(SHARED_DIRECTORY, 'seeds');
export const hasSeeds = existsSync(SEEDS_DIRECTORY);
export const EXAMPLE_DIRECTORY = join(findPackageRoot(), 'examples', 'harbor-strike');
