import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import { describeStoreContract } from './store-contract.js';
import { temporaryDirectory } from './temporary-directory.js';

const directory = temporaryDirectory();
let counter = 0;
let last = '';

describeStoreContract({
  name: 'SQLite',
  open: async () => {
    counter += 1;
    last = join(directory, `contract-${counter}`, 'store.db');
    return openSqliteStore(last);
  },
  openAgain: async () => openSqliteStore(last),
});
