// The database's own pace (issue #14): a bare Node http server with a pg pool of the server's size
// (10), reading one row by primary key per request. The load bench drives it with the same
// autocannon settings as SOSA Desk, so each endpoint's req/s is printed as a ratio to it.
import { createServer } from 'node:http';
import pg from 'pg';

const ROWS = 1000;
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const pool = new pg.Pool({ connectionString: url, max: 10 });
await pool.query('create table if not exists bare_rows (id integer primary key, name text not null, updated_at timestamptz not null default now())');
await pool.query(`insert into bare_rows (id, name) select g, 'row ' || g from generate_series(1, ${ROWS}) g on conflict do nothing`);

const server = createServer((req, res) => {
  const match = /^\/row\/(\d+)$/.exec(req.url ?? '');
  if (!match) {
    res.writeHead(404).end();
    return;
  }
  pool.query('select id, name, updated_at from bare_rows where id = $1', [Number(match[1])]).then(
    (result) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result.rows[0] ?? null));
    },
    () => res.writeHead(500).end(),
  );
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`running at http://127.0.0.1:${address.port}`);
});
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
