// The API's types, generated from /api/v1/openapi.json into src/contract/openapi.d.ts
// (`npm run contract`; docs/architecture.md "The generated client"). Type-only: nothing of it
// reaches the bundle. The aliases below name a route's answer or body by its operation id.
import type { components, operations, paths } from '../../../src/contract/openapi.js';

export type { components, operations, paths };

/** A named schema of the document (components.schemas). */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Success<R> = R extends { 200: infer A } ? A : R extends { 201: infer B } ? B : never;

/** The JSON an operation answers with on success (its 200, else its 201). */
export type Answer<Op extends keyof operations> = Json<Success<operations[Op]['responses']>>;

/** The JSON body an operation takes. */
export type Body<Op extends keyof operations> = operations[Op] extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** An operation's query parameters. */
export type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;
