/**
 * The store contract against a real PostgreSQL server: `.ci/run` starts one on 127.0.0.1 with
 * `.ci/start-postgres` and sets TRIANGULATE_TEST_POSTGRES to its URL (and
 * TRIANGULATE_REQUIRE_POSTGRES=1, so a missing server fails CI instead of skipping). Each test
 * starts from an empty schema of its own.
 */
import { describe, it } from 'vitest';
import { openPostgresStore } from '../src/store/postgres-store.js';
import { freshPostgresSchema } from './postgres-fixture.js';
import { describeStoreContract } from './store-contract.js';

const url = process.env['TRIANGULATE_TEST_POSTGRES'];

let scoped = '';

if (url) {
  describeStoreContract({
    name: 'PostgreSQL',
    open: async () => {
      scoped = await freshPostgresSchema(url, 'contract');
      return openPostgresStore(scoped);
    },
    openAgain: async () => openPostgresStore(scoped),
  });
} else if (process.env['TRIANGULATE_REQUIRE_POSTGRES']) {
  describe('PostgreSQL store contract', () => {
    it('needs a server', () => {
      throw new Error('TRIANGULATE_REQUIRE_POSTGRES is set but TRIANGULATE_TEST_POSTGRES is not');
    });
  });
} else {
  describe.skip('PostgreSQL store contract (set TRIANGULATE_TEST_POSTGRES to run)', () => {
    it('runs against a server', () => undefined);
  });
}
