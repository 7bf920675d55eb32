/** POSTs JSON (optionally as a signed-in host) and returns the parsed answer; a non-2xx throws with its body. */
export async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${new URL(url).pathname} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}
