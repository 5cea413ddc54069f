/**
 * GET /api/questions: one page of the student's bank, with the Questions page's filters, search
 * and sort (the same parser, lib/bank/query.ts, and the same service, lib/bank/service.ts).
 */
import { listQuestionsRoute } from "@/lib/api/routes";
import { BANK_PAGE_SIZE } from "@/lib/bank/query";
import { listBank } from "@/lib/bank/service";
import { authedRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = authedRoute(listQuestionsRoute, async ({ query }, { user }) => {
  const { rows, ...page } = await listBank(user.id, query);
  return { questions: rows, ...page, pageSize: BANK_PAGE_SIZE };
});
