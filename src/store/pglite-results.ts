import { protocol, types, type Results } from '@electric-sql/pglite';

// The rows of one statement's answer on embedded PGlite, read straight from the bytes the database
// wrote (issue #14). PGlite's own path copies the answer three times over (out of the database's
// memory, into its receive buffer, into the protocol parser), then copies every column of every
// row into an ArrayBuffer of its own before decoding it, makes a message object per row and an
// array of [name, value] pairs for Object.fromEntries: under load on the list and the work queue
// (20 rows, 12 kB of JSON) that was a sixth of the server's CPU, and much of its garbage. Here the
// answer is copied once into a buffer kept between calls, and each column decoded from it in place.
//
// Only the messages of an extended-protocol SELECT are read (RowDescription, DataRow,
// CommandComplete, ErrorResponse); the others (ParseComplete, BindComplete, NoData,
// ReadyForQuery, a NOTICE) are passed over, as PGlite's query() passes them over when no
// onNotice is given. A NOTIFY can not come with a SELECT's answer (it comes at its
// transaction's commit, which is never read here), so PGlite's listeners miss nothing.

type Parser = (text: string, typeId: number) => unknown;

const RECEIVE_BYTES = 64 * 1024;
/** Above this, the buffer an answer grew is let go after the call instead of kept. */
const KEEP_BYTES = 1024 * 1024;

export class PgliteAnswer {
  private buffer = Buffer.allocUnsafe(RECEIVE_BYTES);
  private length = 0;

  /** PGlite's onRawData: `bytes` is a view of the database's memory, valid only during the call. */
  readonly receive = (bytes: Uint8Array): void => {
    const needed = this.length + bytes.byteLength;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.length);
    this.length = needed;
  };

  /**
   * Forgets whatever a call that threw left behind (a trap or an exception after some bytes came),
   * so its rows never reach the next statement, which may be another user's: called before each one.
   */
  reset(): void {
    this.length = 0;
  }

  /** The rows received since the last call, as PGlite's query() gives them (its parsers, then its default ones); throws the database's first error. */
  take<R>(parsers: Record<number, Parser>): Results<R> {
    try {
      return read<R>(this.buffer, this.length, parsers);
    } finally {
      this.length = 0;
      if (this.buffer.length > KEEP_BYTES) this.buffer = Buffer.allocUnsafe(RECEIVE_BYTES);
    }
  }
}

const defaultParsers = types.parsers as Record<number, Parser>;

function read<R>(buffer: Buffer, end: number, parsers: Record<number, Parser>): Results<R> {
  const rows: R[] = [];
  let fields: Array<{ name: string; dataTypeID: number }> = [];
  let names: string[] = [];
  let typeIds: number[] = [];
  let columnParsers: Array<Parser | undefined> = [];
  let affectedRows = 0;
  let error: unknown;
  for (let at = 0; at + 5 <= end; ) {
    const code = buffer[at]!;
    const next = at + 1 + buffer.readInt32BE(at + 1);
    let p = at + 5;
    if (code === 0x44 /* D: DataRow */) {
      const count = buffer.readInt16BE(p);
      p += 2;
      const row: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) {
        const size = buffer.readInt32BE(p);
        p += 4;
        if (size < 0) {
          row[names[i]!] = null;
          continue;
        }
        const text = buffer.toString('utf8', p, p + size);
        p += size;
        const parse = columnParsers[i];
        row[names[i]!] = parse ? parse(text, typeIds[i]!) : text;
      }
      rows.push(row as R);
    } else if (code === 0x54 /* T: RowDescription */) {
      const count = buffer.readInt16BE(p);
      p += 2;
      fields = [];
      for (let i = 0; i < count; i++) {
        const zero = buffer.indexOf(0, p);
        const name = buffer.toString('utf8', p, zero);
        // table oid (4), column number (2), type oid (4), type size (2), type modifier (4), format (2)
        const dataTypeID = buffer.readInt32BE(zero + 7);
        p = zero + 19;
        fields.push({ name, dataTypeID });
      }
      names = fields.map((f) => f.name);
      typeIds = fields.map((f) => f.dataTypeID);
      columnParsers = typeIds.map((id) => parsers[id] ?? defaultParsers[id]);
    } else if (code === 0x43 /* C: CommandComplete */) {
      // As PGlite's parseResults: a tag that counts rows ends in the count ("UPDATE 3").
      const tag = buffer.toString('utf8', p, next - 1).split(' ');
      if (['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(tag[0]!)) affectedRows += parseInt(tag[tag.length - 1]!, 10);
    } else if (code === 0x45 /* E: ErrorResponse */ && error === undefined) {
      // PGlite's own parser makes the same DatabaseError (code, detail, constraint ...) its query() throws.
      new protocol.Parser().parse(buffer.subarray(at, next), (message) => (error = message));
    }
    at = next;
  }
  if (error !== undefined) throw error;
  return { rows, fields, affectedRows };
}
