import { sql, type Kysely } from 'kysely';

// The supplier's DPAS order book: its production resources (lines, cells) and its orders, rated
// (DO/DX, 15 CFR 700.11) or unrated, that the preferential scheduling of 700.14 plans. Each row
// belongs to one company; a supplier sees only its own company's rows.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table production_resources (
      id uuid primary key,
      organisation_id uuid not null references organisations(id),
      name text not null check (length(name) between 1 and 100),
      capacity_per_day int not null check (capacity_per_day > 0),
      created_at timestamptz not null default now(),
      unique (organisation_id, name)
    );

    create table supplier_orders (
      id uuid primary key,
      organisation_id uuid not null references organisations(id),
      order_number text not null check (length(order_number) between 1 and 100),
      customer text not null,
      rating text check (rating ~ '^D[OX]-[A-Z][0-9]$'),
      -- 700.11: the priority is the rating symbol (DO or DX) of the rating; no rating, unrated.
      priority text not null check (priority in ('DX', 'DO', 'unrated')),
      resource_id uuid not null references production_resources(id),
      quantity int not null check (quantity > 0),
      required_delivery_date date not null,
      received_at timestamptz not null,
      accepted boolean not null,
      request_id uuid references requests(id),
      created_at timestamptz not null default now(),
      unique (organisation_id, order_number),
      check ((rating is null and priority = 'unrated') or (rating is not null and priority = left(rating, 2)))
    );
    create index supplier_orders_resource on supplier_orders (resource_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table supplier_orders; drop table production_resources;`.execute(db);
}
