/** jsdom lacks what antd measures layout with; these stubs are enough for rendering and clicking. */
export function stubBrowserApis(): void {
  Object.defineProperty(window, "matchMedia", {
    writable: true,
    configurable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.defineProperty(window, "ResizeObserver", {
    writable: true,
    configurable: true,
    value: ResizeObserverStub,
  });
  Object.defineProperty(globalThis, "ResizeObserver", {
    writable: true,
    configurable: true,
    value: ResizeObserverStub,
  });
  // jsdom cannot compute pseudo-element styles and says so on every call; antd only asks for scrollbars.
  const computed = window.getComputedStyle.bind(window);
  window.getComputedStyle = (el: Element) => computed(el);
}

/** A route's answer that is an error: `status` with the body given (e.g. the server's error JSON). */
export class FakeFailure {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** The server's error body for `code`, as `server/plugins/errors.ts` sends it. */
export function failWith(status: number, code: string, message: string, details?: unknown): FakeFailure {
  return new FakeFailure(status, {
    error: { code, message, messageEn: code, ...(details === undefined ? {} : { details }) },
  });
}

/**
 * A fetch that answers from a table of `METHOD url` → JSON body (or a FakeFailure, or a function
 * of the request body giving either, or a promise of either), and records what was sent.
 */
export function fakeFetch(routes: Record<string, unknown | ((body: unknown) => unknown)>) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    calls.push({ method, url, body });
    const route = routes[`${method} ${url}`];
    if (route === undefined) {
      return new Response(
        JSON.stringify({
          error: { code: "ROUTE_NOT_FOUND", message: "接口不存在", messageEn: "No such endpoint" },
        }),
        {
          status: 404,
          headers: { "content-type": "application/json" },
        },
      );
    }
    // A route given as a function may answer later (a promise): the screen's waiting state is seen.
    const answer = typeof route === "function" ? await (route as (b: unknown) => unknown)(body) : route;
    if (answer instanceof FakeFailure)
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { "content-type": "application/json" },
      });
    return new Response(JSON.stringify(answer), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  };
  return { fn, calls };
}
