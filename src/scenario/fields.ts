/** The field types every part of the scenario schema is built from. */
import { z } from 'zod';

/** A number in [0,1]. */
export const unit = z.number().min(0).max(1);
/** A probability strictly inside (0,1), where log-odds must be finite. */
export const prob = z.number().gt(0).lt(1);
/** An id: a letter, then letters, digits, "_", "-" or ".". */
export const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'an id: a letter, then letters, digits, "_", "-" or "."');
/** A step of the run: an integer from 0. */
export const step = z.number().int().min(0);
