import type { FastifyRequest } from 'fastify';

/** Who is calling, as far as the audit log and the sign-in rules need to know. */
export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  const ua = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof ua === 'string' ? ua.slice(0, 400) : null };
}
