/** Every answer to a question, newest first, with the schedule it left behind. */
import type { QuestionDetail } from "@/lib/bank/types";
import { LETTERS } from "@/lib/questions/letters";

export function AttemptHistory({ attempts, timeZone }: { attempts: QuestionDetail["attempts"]; timeZone: string }) {
  if (attempts.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">You have not answered this question yet.</p>;
  const when = new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] text-left text-sm" data-testid="attempt-history">
        <caption className="sr-only">Your answers to this question, newest first</caption>
        <thead className="text-xs uppercase text-muted">
          <tr>
            <th scope="col" className="py-2 pr-3">Date</th>
            <th scope="col" className="py-2 pr-3">Chosen</th>
            <th scope="col" className="py-2 pr-3">Result</th>
            <th scope="col" className="py-2 pr-3">Confidence</th>
            <th scope="col" className="py-2 pr-3">Time</th>
            <th scope="col" className="py-2 pr-3">XP</th>
            <th scope="col" className="py-2">Next interval</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {attempts.map((a) => (
            <tr key={a.id}>
              <td className="py-2 pr-3 whitespace-nowrap">{when.format(a.answeredAt)}</td>
              <td className="py-2 pr-3">{LETTERS[a.selectedIndex] ?? "?"}</td>
              <td className={a.isCorrect ? "py-2 pr-3 text-emerald-700 dark:text-emerald-300" : "py-2 pr-3 text-red-700 dark:text-red-300"}>
                {a.isCorrect ? "Correct" : "Wrong"}
              </td>
              <td className="py-2 pr-3">{a.confidence} / 5</td>
              <td className="py-2 pr-3">{a.timeTakenSeconds} s</td>
              <td className="py-2 pr-3">+{a.xpEarned}</td>
              <td className="py-2">{a.intervalAfter === 1 ? "1 day" : `${a.intervalAfter} days`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
