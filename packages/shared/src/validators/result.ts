/** Result of parsing user input: the canonical value, or a French message for the user. */
export type ParseResult<T = string> = { ok: true; value: T } | { ok: false; error: string };
