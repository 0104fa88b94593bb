import type { DatabaseConnection, Dialect, Driver, Kysely, QueryCompiler, TransactionSettings } from 'kysely';

/**
 * A dialect whose driver tells `onCommit` after each transaction it commits: the audit sequencer
 * is poked then, when the events of the transaction have just become visible (a poke before the
 * commit would find nothing). Every other call goes to the dialect's own driver unchanged.
 */
export function withCommitHook(dialect: Dialect, onCommit: () => void): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new CommitHookDriver(dialect.createDriver(), onCommit),
    createIntrospector: (db: Kysely<any>) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}

class CommitHookDriver implements Driver {
  savepoint?: Driver['savepoint'];
  rollbackToSavepoint?: Driver['rollbackToSavepoint'];
  releaseSavepoint?: Driver['releaseSavepoint'];

  constructor(
    private readonly inner: Driver,
    private readonly onCommit: () => void,
  ) {
    // Optional in Kysely's driver interface: offered only when the wrapped driver has them.
    if (inner.savepoint) this.savepoint = (c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) => inner.savepoint!(c, name, compile);
    if (inner.rollbackToSavepoint) this.rollbackToSavepoint = (c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) => inner.rollbackToSavepoint!(c, name, compile);
    if (inner.releaseSavepoint) this.releaseSavepoint = (c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) => inner.releaseSavepoint!(c, name, compile);
  }
  init() {
    return this.inner.init();
  }
  acquireConnection() {
    return this.inner.acquireConnection();
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(connection, settings);
  }
  async commitTransaction(connection: DatabaseConnection) {
    await this.inner.commitTransaction(connection);
    this.onCommit();
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(connection);
  }
  destroy() {
    return this.inner.destroy();
  }
}
