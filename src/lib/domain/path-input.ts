/**
 * The path's form inputs as zod schemas, apart from domain/path.ts so the pair page's browser
 * code (which needs the path rules, not the validation) does not carry zod.
 */
import { z } from 'zod';
import { COORDINATOR_STATUSES } from './path';
import { PATH_PHASES } from './phases';

export const phaseInput = z.enum(PATH_PHASES, 'required');

export const coordinatorStatusInput = z.enum(COORDINATOR_STATUSES, 'required');

/** The statuses a pair member sets (the database checks who and when). */
export const memberStatusInput = z.enum(['active', 'paused', 'ended'], 'required');
