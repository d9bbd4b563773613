import { readPackageJson } from '../model/package-files.js';

export type BoilerplateScope = 'block' | 'inline' | 'section-start';

/** One entry of `lexicons/boilerplate.json`. */
export interface BoilerplateRuleEntry {
  readonly id: string;
  readonly scope: BoilerplateScope;
  readonly reason: string;
  readonly pattern: string;
  readonly flags: string;
  /** Speed hint: a longer block cannot match, so the regex is not run on it. */
  readonly maxLength?: number;
  /** Speed hint: a literal the text must contain for the regex to be worth running. */
  readonly requires?: string;
  readonly note: string;
  readonly examples: readonly string[];
  readonly counterexamples: readonly string[];
}

export interface BoilerplateRule extends BoilerplateRuleEntry {
  readonly regex: RegExp;
}

/** Whether a rule matches a text, after its cheap speed hints; resets a global regex first. */
export function ruleMatches(rule: BoilerplateRule, text: string): boolean {
  if (rule.maxLength !== undefined && text.length > rule.maxLength) return false;
  if (rule.requires !== undefined && !text.includes(rule.requires)) return false;
  rule.regex.lastIndex = 0;
  return rule.regex.test(text);
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
