// One simulated person's browser: their cookies, the headers a browser sends, and every request timed
// and judged. Anything but the expected answer (a 5xx, a network error or time-out, a 4xx, a redirect
// to /login) is a failure, kept with its address and status for the report.
import { BROWSER_HEADERS, mergeCookies } from "../bench/session";

/** What the report counts per kind of request: its latencies (ms) and its failures. */
export class Recorder {
  readonly latencies = new Map<string, number[]>();
  readonly failures: Array<{ kind: string; user: string; method: string; url: string; status: number | string; detail: string }> = [];
  /** 409 answers to a stale version, retried after reading the record again: expected, not failures. */
  readonly conflicts = new Map<string, number>();
  /** Whether requests count: sign-in and preparation happen before the measured minute. */
  measuring = false;

  record(kind: string, ms: number) {
    if (!this.measuring) return;
    const list = this.latencies.get(kind) ?? [];
    list.push(ms);
    this.latencies.set(kind, list);
  }

  fail(entry: Recorder["failures"][number]) {
    this.failures.push(entry);
    // Shown as they happen (the first few), so a broken run is seen without waiting for its end.
    if (this.failures.length <= 10)
      console.error(`[load] FAILURE ${entry.user} ${entry.method} ${entry.url} → ${entry.status}: ${entry.detail}`);
  }

  conflict(kind: string) {
    this.conflicts.set(kind, (this.conflicts.get(kind) ?? 0) + 1);
  }
}

export type Answer = { status: number; location: string | null; body: string };

/** A request that did not get the expected answer; the failure is already recorded. */
export class RequestFailed extends Error {}

const TIMEOUT_MS = 30_000;

export class Browser {
  cookie = "";

  constructor(
    readonly base: string,
    readonly name: string,
    private readonly recorder: Recorder,
  ) {}

  /**
   * One request, timed from sending to the last byte of the body. `expect` lists the acceptable
   * statuses; with a redirect, `location` is the only acceptable target (a redirect elsewhere, such as
   * to /login, is a failure). Returns the answer; throws RequestFailed after recording anything else,
   * unless the status is in `tolerate` (a 409 the caller handles).
   */
  async send(
    kind: string,
    method: "GET" | "POST",
    path: string,
    options: { form?: Array<[string, string]>; expect: number[]; location?: string; tolerate?: number[]; accept?: string },
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...BROWSER_HEADERS, ...(options.accept ? { Accept: options.accept } : {}) };
    if (this.cookie) headers.Cookie = this.cookie;
    let body: string | undefined;
    if (method === "POST") {
      // What a browser sends with a form posted from the page itself: the server checks Origin.
      headers.Origin = this.base;
      headers.Referer = this.base + path;
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(options.form ?? []).toString();
    }
    const started = performance.now();
    let answer: Answer;
    try {
      const response = await fetch(this.base + path, {
        method,
        headers,
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await response.text();
      this.cookie = mergeCookies(this.cookie, response.headers.getSetCookie());
      answer = { status: response.status, location: response.headers.get("location"), body: text };
    } catch (error) {
      this.recorder.record(kind, performance.now() - started);
      this.recorder.fail({
        kind,
        user: this.name,
        method,
        url: path,
        status: "network",
        detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      throw new RequestFailed(path);
    }
    this.recorder.record(kind, performance.now() - started);
    if (options.tolerate?.includes(answer.status)) return answer;
    const target = answer.location ? new URL(answer.location, this.base + path) : null;
    const wrongPlace =
      answer.status >= 300 && answer.status < 400 && options.location !== undefined && target?.pathname !== options.location;
    if (!options.expect.includes(answer.status) || wrongPlace) {
      const detail = target
        ? `redirect to ${target.pathname}${target.search}`
        : answer.body
            .replace(/<[^>]+>/g, " ")
            .replace(/\s+/g, " ")
            .trim()
            .slice(0, 200);
      this.recorder.fail({ kind, user: this.name, method, url: path, status: answer.status, detail });
      throw new RequestFailed(path);
    }
    return answer;
  }

  /** A failure found by looking at an answer (a page not showing what was just saved). */
  mismatch(kind: string, method: string, url: string, detail: string) {
    this.recorder.fail({ kind, user: this.name, method, url, status: "mismatch", detail });
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
