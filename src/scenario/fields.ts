/** The field types every part of the scenario schema is built from. */
import { z } from 'zod';
import { ACTIVITY_IDS, ACTIVITY_MEANINGS } from '../model/catalogue.js';

/** A number in [0,1]. */
export const unit = z.number().min(0).max(1);
/** A probability strictly inside (0,1), where log-odds must be finite. */
export const prob = z.number().gt(0).lt(1);
/** An id: a letter, then letters, digits, "_", "-" or ".". */
export const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'an id: a letter, then letters, digits, "_", "-" or "."');
/** A step of the run: an integer from 0. */
export const step = z.number().int().min(0);

/**
 * For editors, the activity kinds of the catalogue as a list to complete from (with each one's
 * meaning, which VS Code shows as `enumDescriptions`). The loader checks the name itself
 * (`crossCheck`), so an unknown one is reported as `unknown activity "x"; expected one of: ...`.
 */
const activityIds = { enum: [...ACTIVITY_IDS], enumDescriptions: ACTIVITY_IDS.map((a) => ACTIVITY_MEANINGS[a]) };
/** An activity kind by its id (README, "Activity ids"). */
export const activityId = z.string().meta(activityIds);
