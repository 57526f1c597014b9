import { beforeAll } from 'vitest';
import { describeWithPostgres } from './postgres/describe-with-postgres.js';
import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('SQLite (in memory)', () => openSqliteStore(':memory:'));

describeWithPostgres('PostgreSQL (throwaway server)', (postgres) => {
  beforeAll(() => {
    postgres().createDatabase('contract');
  });
  describeStoreContract('PostgreSQL', () => openPostgresStore(postgres().emptyDatabase('contract')));
});
