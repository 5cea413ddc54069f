/**
 * POST /api/generate: streams a generation as newline-delimited JSON events (lib/ai/events.ts).
 * A route handler rather than a server action: the request's AbortSignal fires when the student
 * presses Cancel or the browser goes away, and the model call is aborted with it at once.
 */
import { headers } from "next/headers";
import { validationFailure } from "@/lib/actions/client";
import type { GenerationEvent } from "@/lib/ai/events";
import { generateRequestSchema } from "@/lib/ai/request";
import { prepareGeneration, runGeneration } from "@/lib/ai/service";
import { clientIp } from "@/lib/auth/client-ip";
import { requireUser } from "@/lib/auth/session";
import { type AppErrorShape, errorResponse, toErrorShape } from "@/lib/errors";
import { retrieveContext } from "@/lib/rag/retrieve";
import { sameOriginOnly } from "@/lib/http/same-origin";

export const dynamic = "force-dynamic";

async function generate(req: Request) {
  let prepared;
  try {
    const user = await requireUser();
    const parsed = generateRequestSchema.safeParse(await req.json().catch(() => null));
    if (!parsed.success) return errorResponse((validationFailure(parsed.error) as { error: AppErrorShape }).error);
    prepared = await prepareGeneration(user.id, parsed.data, { ip: clientIp(await headers()), retrieve: retrieveContext });
  } catch (e) {
    return errorResponse(toErrorShape(e));
  }

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
}

/** Refused with 403 when it comes from another site (lib/http/same-origin.ts). */
export const POST = sameOriginOnly(generate);
