/**
 * GET /api/jobs/:id/stream: a generation job's events as the AI SDK's UI message stream (SSE), one
 * typed data part per event. Replays the job so far, then follows it live until it is done; any web
 * process can serve any job (lib/ai/jobs.ts). Closing it does not stop the job: Cancel does.
 */
import { createUIMessageStream, createUIMessageStreamResponse } from "ai";
import { type GenerationUIMessage, toDataChunk } from "@/lib/ai/events";
import { generationEvents } from "@/lib/ai/jobs";
import { generationStreamRoute } from "@/lib/api/routes";
import { authedRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = authedRoute(generationStreamRoute, async ({ params }, { user, req }) => {
  // Another student's job is a 404 before the stream starts (generationEvents reads it first).
  const events = generationEvents(user.id, params.id, req.signal);
  const first = await events.next();
  const stream = createUIMessageStream<GenerationUIMessage>({
    execute: async ({ writer }) => {
      try {
        for (let r = first; !r.done; r = await events.next()) writer.write(toDataChunk(r.value));
      } finally {
        await events.return(undefined); // lets go of the log (and the student's open-stream count)
      }
    },
    onError: () => "The generation's progress could not be read. Reload the page to see what was saved.",
  });
  // A comment every 15 s keeps proxies from closing the stream of a job still waiting for a worker.
  return createUIMessageStreamResponse({ stream, keepAliveMs: 15_000, headers: { "Cache-Control": "no-store, no-transform", "X-Accel-Buffering": "no" } });
});
