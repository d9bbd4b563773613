import { readPackageJson } from '../model/package-files.js';
import type { SourceKind } from '../model/report.js';

export interface SourceClass {
  readonly id: string;
  readonly kind: SourceKind;
  readonly note: string;
  readonly heads: readonly string[];
  readonly phrases?: readonly string[];
  readonly examples: readonly { text: string; kind: SourceKind; count?: number }[];
}

export interface OutletEntry {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly medium: string;
}

export interface SourcesLexicon {
  readonly classes: readonly SourceClass[];
  readonly outlets: { readonly entries: readonly OutletEntry[] };
  readonly denyCues: { readonly words: readonly string[]; readonly examples: readonly string[] };
  readonly counts: { readonly words: Readonly<Record<string, number>> };
  readonly anaphora: {
    readonly pronouns: readonly string[];
    readonly partitives: readonly string[];
  };
}

let cached: SourcesLexicon | undefined;

/** `lexicons/sources.json`: source classes, known outlets, deny cues, count words, anaphora. */
export function sourcesLexicon(): SourcesLexicon {
  cached ??= readPackageJson<SourcesLexicon>('lexicons/sources.json');
  return cached;
}
