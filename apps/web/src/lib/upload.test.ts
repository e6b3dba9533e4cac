import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api';
import { multipartBody, postMultipart } from './upload';

/** A stand-in for the browser's XMLHttpRequest: records the request, answers on demand. */
class FakeXhr {
  static last: FakeXhr | undefined;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  withCredentials = false;
  responseType = '';
  responseText = '';
  status = 0;
  body: FormData | undefined;
  upload: {
    onprogress:
      ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null;
    onload: (() => void) | null;
  } = { onprogress: null, onload: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  answer(status: number, text: string) {
    this.status = status;
    this.responseText = text;
    this.onload?.();
  }
}

function stubXhr(): () => FakeXhr {
  FakeXhr.last = undefined;
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return () => FakeXhr.last!;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const file = (name: string) => new File(['x'], name, { type: 'text/csv' });

describe('multipartBody', () => {
  it('puts the text fields first, then every file under the given field', () => {
    const form = multipartBody(
      { kind: 'members', note: 'a' },
      [file('a.csv'), file('b.csv')],
      'files',
    );
    expect([...form.keys()]).toEqual(['kind', 'note', 'files', 'files']);
    expect((form.getAll('files') as File[]).map((f) => f.name)).toEqual(['a.csv', 'b.csv']);
  });
});

describe('postMultipart', () => {
  it('posts with the CSRF header and the cookies, reports progress, resolves with the JSON', async () => {
    const xhr = stubXhr();
    const progress: number[] = [];
    const done = postMultipart<{ id: string }>('/api/x', { kind: 'a' }, [file('a.csv')], {
      fileField: 'file',
      onProgress: (sent) => progress.push(sent),
    });
    expect(xhr().method).toBe('POST');
    expect(xhr().url).toBe('/api/x');
    expect(xhr().withCredentials).toBe(true);
    expect(xhr().headers).toMatchObject({
      'X-Requested-With': 'affilia',
      Accept: 'application/json',
    });
    expect([...xhr().body!.keys()]).toEqual(['kind', 'file']);
    xhr().upload.onprogress?.({ lengthComputable: true, loaded: 1, total: 4 });
    xhr().upload.onload?.();
    xhr().answer(201, '{"id":"d1"}');
    await expect(done).resolves.toEqual({ id: 'd1' });
    expect(progress).toEqual([0.25, 1]);
  });

  it('rejects with the API’s error shape', async () => {
    const xhr = stubXhr();
    const done = postMultipart('/api/x', {}, [], { fileField: 'files', method: 'PUT' });
    expect(xhr().method).toBe('PUT');
    xhr().answer(
      422,
      JSON.stringify({
        error: { code: 'VALIDATION', message: 'Vérifiez', fields: { text: 'Requis' } },
      }),
    );
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'VALIDATION', fields: { text: 'Requis' } });
  });

  it('rejects with a French network error, and an AbortError when aborted', async () => {
    let xhr = stubXhr();
    const failed = postMultipart('/api/x', {}, [], { fileField: 'file' });
    xhr().onerror?.();
    await expect(failed).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });

    xhr = stubXhr();
    const controller = new AbortController();
    const aborted = postMultipart('/api/x', {}, [], {
      fileField: 'file',
      signal: controller.signal,
    });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(xhr()).toBeDefined();
  });
});
