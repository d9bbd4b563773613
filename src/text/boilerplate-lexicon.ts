import { readPackageJson } from '../model/package-files.js';

export type BoilerplateScope = 'block' | 'inline' | 'section-start';

/** One entry of `lexicons/boilerplate.json`. */
export interface BoilerplateRuleEntry {
  readonly id: string;
  readonly scope: BoilerplateScope;
  readonly reason: string;
  readonly pattern: string;
  readonly flags: string;
  readonly note: string;
  readonly examples: readonly string[];
  readonly counterexamples: readonly string[];
}

export interface BoilerplateRule extends BoilerplateRuleEntry {
  readonly regex: RegExp;
}

let cached: readonly BoilerplateRule[] | undefined;

/** The boilerplate rules, compiled once. Block and section rules match whole (trimmed) blocks. */
export function loadBoilerplateRules(): readonly BoilerplateRule[] {
  if (cached) return cached;
  const lexicon = readPackageJson<{ rules: BoilerplateRuleEntry[] }>('lexicons/boilerplate.json');
  cached = lexicon.rules.map((entry) => {
    const flags = new Set([...entry.flags, 'u']);
    if (entry.scope === 'inline') flags.add('g');
    return { ...entry, regex: new RegExp(entry.pattern, [...flags].join('')) };
  });
  return cached;
}
