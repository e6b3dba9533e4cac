import type { BackofficeMatrix } from './types';

/** The back-office routes of this area (see ./types.ts). */
export const staffMatrix: BackofficeMatrix = {};
