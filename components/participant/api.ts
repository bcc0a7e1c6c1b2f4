// Browser-side calls to the participant API, with the server's error message kept.
export interface ApiFailure {
  ok: false;
  status: number;
  code: string;
  message: string;
  field?: string;
  suggestion?: string;
}
export type ApiResult<T> = { ok: true; data: T } | ApiFailure;

export async function api<T>(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResult<T>> {
  try {
    const response = await fetch(url, {
      method: init.method ?? "GET",
      headers: { ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}), ...init.headers },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      credentials: "same-origin",
      cache: "no-store",
    });
    const data = (await response.json().catch(() => null)) as unknown;
    if (response.ok) return { ok: true, data: data as T };
    const error = (data as { error?: { code?: string; message?: string; field?: string; suggestion?: string } } | null)?.error;
    return {
      ok: false,
      status: response.status,
      code: error?.code ?? "unknown",
      message: error?.message ?? `The server answered ${response.status}. Try again.`,
      field: error?.field,
      suggestion: error?.suggestion,
    };
  } catch {
    return { ok: false, status: 0, code: "network", message: "No connection to the server. Check your network; your earlier ratings are saved." };
  }
}

export const rejoinStorageKey = (code: string) => `stakhanov:${code}:rejoin`;
