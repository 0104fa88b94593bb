import { z } from '@hono/zod-openapi';

/**
 * A success response that sends JSON of the given schema. The schema is what the route sends: the
 * document and the generated client show it, and in the tests (SOSA_CONTRACT_CHECK=1) every
 * answer is checked against it, so a field the route adds or drops without the schema fails.
 */
export function jsonResponse(description: string, schema: z.ZodType) {
  return { description, content: { 'application/json': { schema } } };
}

/**
 * A named schema (`.openapi('Name')`), or null. Not `.nullable()`: on a named schema the generator
 * writes the null into the name itself, and every other field of that name would admit null; a
 * plain union inlines a named union whole. The lazy wrapper keeps the reference: `Name | null`.
 */
export function namedOrNull<T extends z.ZodType>(named: T) {
  return z.union([z.lazy(() => named), z.null()]);
}

/**
 * A stored file as a download: its own media type, never sniffed by the browser, a file name
 * reduced to safe characters, and its SHA-256 for the reader to check.
 */
export function fileDownload(file: { content: Uint8Array; contentType: string; filename: string; sha256: string }): Response {
  return new Response(file.content as unknown as BodyInit, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename.replace(/[^\w.\- ]/g, '_')}"`,
      'x-content-type-options': 'nosniff',
      'x-checksum-sha256': file.sha256,
    },
  });
}
