import { describe, expect, it } from 'vitest';
import { findRoles, rolesLexicon } from '../src/entities/find-roles.js';

// Every example in lexicons/roles.json is a test: the roles found around `name` in `text`.
describe('roles lexicon examples', () => {
  for (const example of rolesLexicon().examples) {
    it(`${JSON.stringify(example.text)} gives ${JSON.stringify(example.roles)}`, () => {
      const start = example.text.indexOf(example.name);
      expect(start).toBeGreaterThanOrEqual(0);
      const roles = findRoles(example.text, { start, end: start + example.name.length });
      expect(roles.map((role) => example.text.slice(role.start, role.end))).toEqual(example.roles);
    });
  }
});
