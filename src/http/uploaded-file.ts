import type { Context } from 'hono';
import { AppError } from '../domain/errors.js';
import type { HttpEnv } from './http-env.js';

/**
 * The file and visibility of a multipart upload (a request's attachment, and one on a partner
 * copy): a body that is not multipart, cannot be read or has no file part is a 4xx problem, never
 * a 500.
 */
export async function uploadedFile(c: Context<HttpEnv>): Promise<{ filename: string; contentType: string; content: Uint8Array; visibility: 'shared' | 'internal' }> {
  if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { detail: 'Send the attachment as multipart/form-data with a "file" part.' });
  }
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new AppError('VALIDATION_FAILED', { detail: 'The multipart body could not be read.', errors: [{ field: 'file', message: 'unreadable multipart body' }] });
  }
  const file = form.file;
  const visibility = form.visibility ?? 'shared';
  if (!(file instanceof File)) throw new AppError('VALIDATION_FAILED', { errors: [{ field: 'file', message: 'a file part is required' }] });
  if (visibility !== 'shared' && visibility !== 'internal') throw new AppError('VALIDATION_FAILED', { errors: [{ field: 'visibility', message: 'must be shared or internal' }] });
  return { filename: file.name, contentType: file.type, content: new Uint8Array(await file.arrayBuffer()), visibility };
}
