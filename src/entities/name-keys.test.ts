import { describe, expect, it } from 'vitest';
import { foldName, isSpellingVariant, soundKey } from './name-keys.js';

describe('name keys', () => {
  it('folds case, hyphens, apostrophes, a leading "the" and possessives', () => {
    expect(foldName('Asharq al-Awsat')).toBe(foldName('Asharq Al-Awsat'));
    expect(foldName('the White House')).toBe('white house');
    expect(foldName('Hamas’')).toBe('hamas');
    expect(foldName('Hamas’s')).toBe('hamas');
    expect(foldName('Kovač')).toBe('kovac');
    expect(foldName('U.S.')).toBe(foldName('US'));
  });

  it('meets transliteration variants', () => {
    expect(isSpellingVariant('Gilad Schalit', 'Gilad Shalit')).toBe(true);
    expect(isSpellingVariant('Khaled Mashaal', 'Khaled Meshaal')).toBe(true);
    expect(isSpellingVariant('Qassem', 'Kassem')).toBe(true);
    expect(isSpellingVariant('Dragan Kovač', 'Dragan Kovach')).toBe(true);
    expect(soundKey('Mashaal')).toBe(soundKey('Meshaal'));
  });

  it('keeps different names apart', () => {
    expect(isSpellingVariant('Haddad', 'Hadid')).toBe(false);
    expect(isSpellingVariant('Qatar', 'Cairo')).toBe(false);
    expect(isSpellingVariant('Ali', 'Eli')).toBe(false);
    expect(isSpellingVariant('Egypt', 'Israel')).toBe(false);
  });
});
