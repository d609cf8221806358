/** Redirects followed within the profile's origin before giving up. */
const MAX_REDIRECTS = 5;

/** The status of the answer that stands in for a refused redirect: "sent to a server that cannot answer it". */
const MISDIRECTED = 421;

function refusal(message: string): Response {
  return new Response(JSON.stringify({ error: { message, type: 'invalid_request_error', code: 'cross_origin_redirect' } }), {
    status: MISDIRECTED,
    headers: { 'content-type': 'application/json' },
  });
}

function replayable(body: RequestInit['body']): boolean {
  return body === undefined || body === null || typeof body === 'string' || body instanceof URLSearchParams || ArrayBuffer.isView(body) || body instanceof ArrayBuffer;
}

/**
 * A `fetch` that never carries a request (and so its `Authorization`, `api-key` or any other key header) to
 * another origin: redirects are followed by hand, within the origin of the request only. A redirect to
 * another origin is answered locally with an error naming both origins (HTTP 421, which the SDK does not
 * retry), so the key stays with the host it was stored for.
 */
export function sameOriginFetch(base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    let url = new URL(input instanceof Request ? input.url : String(input));
    const options: RequestInit = { ...init, redirect: 'manual' };
    for (let hops = 0; ; hops++) {
      const response = await base(url, options);
      const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
      if (!location) return response;
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.origin !== url.origin) {
        return refusal(`The server at ${url.origin} redirected the request to ${next.origin}, another origin; it was not followed, so the API key was not sent there. Check the profile's base URL.`);
      }
      if (hops >= MAX_REDIRECTS) return refusal(`The server at ${url.origin} redirected the request more than ${MAX_REDIRECTS} times. Check the profile's base URL.`);
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && options.method === 'POST')) {
        options.method = 'GET';
        options.body = undefined;
      } else if (!replayable(options.body)) {
        return refusal(`The server at ${url.origin} redirected an upload to ${next.pathname}; it cannot be sent again. Check the profile's base URL.`);
      }
      url = next;
    }
  };
}
