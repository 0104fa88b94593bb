type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * A GET a peer's proof signs (the outbox's catch-up, a file's content), the proof in the
 * `Sosa-Proof` header: a URL is written in proxies' access logs, and a logged proof would fetch
 * the same thing again while fresh. A peer not yet upgraded reads the proof only from the query
 * and answers 422 naming `proof`: then, once, the query it knows, so a federation upgrading one
 * instance at a time keeps catching up and fetching files meanwhile (review of stop 28).
 */
export async function signedGet(doFetch: Fetch, url: string, proof: string, init: RequestInit = {}): Promise<Response> {
  const res = await doFetch(url, { ...init, method: 'GET', headers: { ...(init.headers as Record<string, string> | undefined), 'sosa-proof': proof } });
  if (res.status !== 422) return res;
  const body = (await res.json().catch(() => null)) as { errors?: Array<{ field?: unknown }> } | null;
  if (!body?.errors?.some((e) => e.field === 'proof')) return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
  return doFetch(`${url}${url.includes('?') ? '&' : '?'}proof=${encodeURIComponent(proof)}`, { ...init, method: 'GET' });
}
