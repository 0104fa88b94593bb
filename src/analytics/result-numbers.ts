// Number kinds of the analytics' results, for their zod schemas (the API's response schemas reuse
// them): a count of things, and a share of a whole.
import { z } from 'zod';

export const COUNT = z.number().int().min(0);
export const SHARE = z.number().min(0).max(1);
