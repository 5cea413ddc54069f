/**
 * POST /api/generate: streams a generation as newline-delimited JSON events (lib/ai/events.ts).
 * A route handler rather than a server action: the request's AbortSignal fires when the student
 * presses Cancel or the browser goes away, and the model call is aborted with it at once.
 */
import { headers } from "next/headers";
import type { GenerationEvent } from "@/lib/ai/events";
import { prepareGeneration, runGeneration } from "@/lib/ai/service";
import { generateRoute } from "@/lib/api/routes";
import { clientIp } from "@/lib/auth/client-ip";
import { authedRoute } from "@/lib/http/route";
import { retrieveContext } from "@/lib/rag/retrieve";

export const dynamic = "force-dynamic";

/**
 * Refused before it starts like any route (403 from another site, 401, 400, 429 for the limits);
 * once the stream has begun, failures travel as `error` events.
 */
export const POST = authedRoute(generateRoute, async ({ body }, { user, req }) => {
  const prepared = await prepareGeneration(user.id, body, { ip: clientIp(await headers()), retrieve: retrieveContext });
  const abort = new AbortController();
  const stop = () => abort.abort(new DOMException("The client went away", "AbortError"));
  req.signal.addEventListener("abort", stop, { once: true });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const emit = (e: GenerationEvent) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(e)}\n`));
        } catch {
          open = false; // the reader is gone; the run still finishes its bookkeeping
        }
      };
      void runGeneration(prepared, abort.signal, emit)
        .catch((e) => console.error("[generate] run failed", e))
        .finally(() => {
          req.signal.removeEventListener("abort", stop);
          if (open) controller.close();
          open = false;
        });
    },
    cancel: stop,
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
});
