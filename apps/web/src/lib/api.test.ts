import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, toApiError } from './api';

function stubFetch(response: Response | Error) {
  const fetchMock = vi.fn<typeof fetch>(() =>
    response instanceof Error ? Promise.reject(response) : Promise.resolve(response),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api', () => {
  it('sends JSON with the CSRF header and same-origin credentials', async () => {
    const fetchMock = stubFetch(Response.json({ ok: true }));
    await expect(api.post('/api/auth/sign-in', { email: 'a@b.fr' })).resolves.toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/auth/sign-in');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe('{"email":"a@b.fr"}');
    expect(init?.headers).toMatchObject({
      'X-Requested-With': 'affilia',
      'Content-Type': 'application/json',
      Accept: 'application/json',
    });
  });

  it('sends the CSRF header on reads too, without a body', async () => {
    const fetchMock = stubFetch(Response.json({ messages: [] }));
    await api.get('/api/dev/outbox');
    const init = fetchMock.mock.calls[0]![1];
    expect(init?.body).toBeUndefined();
    expect(init?.headers).toMatchObject({ 'X-Requested-With': 'affilia' });
  });

  it('sends an empty JSON object when a POST has no body', async () => {
    const fetchMock = stubFetch(new Response(null, { status: 204 }));
    await expect(api.post('/api/auth/sign-out')).resolves.toBeUndefined();
    expect(fetchMock.mock.calls[0]![1]?.body).toBe('{}');
  });

  it("turns the server's error shape into an ApiError", async () => {
    stubFetch(
      Response.json(
        {
          error: {
            code: 'validation_failed',
            message: 'Vérifiez les champs signalés.',
            requestId: 'req-42',
            fields: { email: 'Saisissez une adresse e-mail valide' },
          },
        },
        { status: 400 },
      ),
    );
    const error = await api.post('/api/x', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Vérifiez les champs signalés.',
      requestId: 'req-42',
      fields: { email: 'Saisissez une adresse e-mail valide' },
    });
  });

  it('gives a French message for an answer that is not the error shape', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = await api.get('/api/x').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'UNEXPECTED_RESPONSE' });
    expect((error as ApiError).message).toMatch(/erreur inattendue/);
  });

  it('gives a French message when the server cannot be reached', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    const error = await api.get('/api/x').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
    expect((error as ApiError).message).toMatch(/injoignable/);
  });

  it('lets an abort through as it is', async () => {
    stubFetch(new DOMException('aborted', 'AbortError'));
    await expect(api.get('/api/x')).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('toApiError', () => {
  it('ignores malformed fields', () => {
    const error = toApiError(400, { error: { code: 'x', message: 'Message', fields: { a: 1 } } });
    expect(error.fields).toBeUndefined();
    expect(error.message).toBe('Message');
  });
});
