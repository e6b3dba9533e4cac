/**
 * An answer's JSON written the way the routes' serializer writes it (fastify-type-provider-zod:
 * the schema's `encode`, then `JSON.stringify`), field by field and in UTF-8: a costly part of
 * an answer can then be encoded once and kept with the figures it comes from (the home page's
 * charts, modules/dashboard), and the answer put together from the parts as bytes — which the
 * server sends as they are, without measuring and encoding a long string again.
 */
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

/**
 * Each field of `value` as `schema` encodes it, in JSON (UTF-8); throws as the serializer does
 * (a ZodError, hence a 500) on a value outside the schema.
 */
export function fieldsJson<S extends z.ZodObject>(
  schema: S,
  value: z.output<S>,
): Record<string, Buffer> {
  const encoded = schema.encode(value) as Record<string, unknown>;
  const fields: Record<string, Buffer> = {};
  for (const [key, field] of Object.entries(encoded)) {
    const json = JSON.stringify(field) as string | undefined;
    if (json !== undefined) fields[key] = Buffer.from(json);
  }
  return fields;
}

/**
 * The object of `schema` from its fields' JSON (fieldsJson), in the order of the schema, which
 * is the order the serializer writes: the same text, byte for byte. A required field missing is
 * a programming error.
 */
export function schemaJson(schema: z.ZodObject, fields: Record<string, Buffer>): Buffer {
  const parts: Buffer[] = [];
  for (const [key, field] of Object.entries(schema.shape)) {
    const json = fields[key];
    if (json !== undefined) {
      parts.push(Buffer.from(`${parts.length === 0 ? '{' : ','}${JSON.stringify(key)}:`), json);
    } else if (!(field as z.ZodType).safeEncode(undefined).success) {
      throw new Error(`schemaJson: the field ${key} is missing`);
    }
  }
  parts.push(Buffer.from(parts.length === 0 ? '{}' : '}'));
  return Buffer.concat(parts);
}

/** Sends an answer schemaJson put together: as it is, since it is the route's JSON already. */
export function sendSchemaJson(reply: FastifyReply, json: Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}
