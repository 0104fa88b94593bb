import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Anything that runs a query: the database itself or a transaction on it. */
export type Db = Kysely<Database> | Transaction<Database>;

/** A transaction: for writes that must commit together with their audit event. */
export type Tx = Transaction<Database>;
