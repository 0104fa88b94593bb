// The server's names for parts of the generated contract (src/contract/openapi.d.ts), the twins of
// the web's `Schema<'Name'>` and `Answer<'op'>` (web/src/api/contract.ts). A service whose result
// is exactly what a route declares returns one of these instead of a view interface of its own:
// the shape is written once (the route's zod response schema), and a service that drifts from
// what the route sends fails to compile (issue #12). Type-only: nothing of it runs.
import type { components, operations } from './openapi.js';

/** A named schema of the API document (components.schemas), as the route declares it. */
export type ApiSchema<N extends keyof components['schemas']> = components['schemas'][N];

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Success<R> = R extends { 200: infer A } ? A : R extends { 201: infer B } ? B : never;

/** The JSON an operation answers with on success (its 200, else its 201), for answers not named as a schema. */
export type ApiAnswer<Op extends keyof operations> = Json<Success<operations[Op]['responses']>>;
