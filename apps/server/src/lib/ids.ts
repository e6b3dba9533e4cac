import { randomUUID } from 'node:crypto';

/** A new random identifier (UUID v4): used as primary key and in URLs, never guessable. */
export function newId(): string {
  return randomUUID();
}
