/**
 * eval:questions: the quality gates measured over the 25 OpenStax chapters, offline.
 *
 * For each chapter: five topics from its own section headings (sections of at least 600 words),
 * and two topics taken from other chapters that this one never mentions; 10 questions asked for
 * each through the real pipeline with the offline writer. Prints, per gate and linter rule, the
 * candidates caught; delivered / requested on covered topics; refusals on uncovered ones; the
 * off-topic rate (delivered items whose passage lies outside the topic's section and whose quote
 * lacks the topic's words); duplicate facts; the key-position chi-square; solver agreement; and
 * linter flaws left in what was delivered. Then the mock-model run: a model that writes a known
 * mix of flawed and good vignettes, every planted flaw to be caught and every good item kept.
 *
 *   npm run eval:questions            (EVAL_CHAPTERS=3 for a quick look)
 */
import { corpusChapters } from "@/lib/ai/testing/corpus";
import { type TopicRun, chapterChunks, chapterTopics, chiSquareUniform, deliveredFlaws, duplicatePairs, runTopic, uncoveredTopics } from "./corpus-eval";
import { runMockMix } from "./mock-mix";
import { LETTERS } from "@/lib/questions/letters";

const pct = (a: number, b: number) => (b === 0 ? "n/a" : `${((100 * a) / b).toFixed(1)} %`);

async function main() {
  const started = performance.now();
  const files = corpusChapters().slice(0, Number(process.env.EVAL_CHAPTERS || 25));
  const chapters = files.map((f) => ({ file: f, passages: chapterChunks(f) }));
  const topicsOf = new Map(chapters.map((c) => [c.file, chapterTopics(c.passages)]));
  const runs: TopicRun[] = [];

  for (const [i, c] of chapters.entries()) {
    // Other chapters' topics, starting half the book away, that this chapter does not mention.
    const others = chapters.map((_, k) => chapters[(i + Math.ceil(chapters.length / 2) + k) % chapters.length]!).filter((o) => o.file !== c.file);
    const absent = uncoveredTopics(c.passages, others.flatMap((o) => topicsOf.get(o.file)!.map((t) => t.topic)));
    const bank = { fingerprints: [], facts: [] };
    for (const t of topicsOf.get(c.file)!) runs.push(await runTopic(c.file, c.passages, t, bank));
    for (const topic of absent) runs.push(await runTopic(c.file, c.passages, { topic }, bank));
    process.stderr.write(".");
  }
  process.stderr.write("\n");

  const covered = runs.filter((r) => r.covered);
  const absent = runs.filter((r) => !r.covered);
  const delivered = covered.flatMap((r) => r.delivered);
  const absentDelivered = absent.reduce((n, r) => n + r.delivered.length, 0);
  const requested = covered.length * 10;
  const drops = new Map<string, number>();
  for (const r of runs)
    for (const d of r.result?.drops ?? []) {
      const key = d.reason === "lint" ? `lint: ${d.detail?.split(":")[0]}` : d.reason;
      drops.set(key, (drops.get(key) ?? 0) + 1);
    }
  const positions = [0, 0, 0, 0, 0];
  for (const q of delivered) positions[q.correctIndex]!++;
  const { chi2, p } = chiSquareUniform(positions);
  const solverDrops = drops.get("solver") ?? 0;
  const dupes = chapters.reduce((n, c) => n + duplicatePairs(runs.filter((r) => r.chapter === c.file).flatMap((r) => r.delivered)), 0);

  console.log(`\n## Offline writer over ${chapters.length} chapters (${covered.length} covered topics, ${absent.length} uncovered)\n`);
  console.log("| Figure | Value | Goal |");
  console.log("| --- | --- | --- |");
  console.log(`| Delivered / requested, covered topics | ${delivered.length} / ${requested} (${pct(delivered.length, requested)}) | >= 90 % |`);
  console.log(`| Covered topics refused as "too little material" | ${covered.filter((r) => r.refused).length} of ${covered.length} | |`);
  console.log(`| Uncovered topics refused with the message | ${absent.filter((r) => r.refused).length} of ${absent.length}; items delivered: ${absentDelivered} | all; 0 items |`);
  console.log(`| Shown items with a linter flaw | ${deliveredFlaws(delivered)} | 0 |`);
  console.log(`| Off-topic items | ${covered.reduce((n, r) => n + r.offTopic, 0)} (${pct(covered.reduce((n, r) => n + r.offTopic, 0), delivered.length)}) | 0 |`);
  console.log(`| Duplicate facts among delivered (pairs, per chapter) | ${dupes} | 0 |`);
  console.log(`| Key positions ${LETTERS.join("/")} | ${positions.join(" / ")}: chi-square ${chi2.toFixed(2)}, p = ${p.toFixed(3)} | p > 0.05 |`);
  console.log(`| Solver agreement on candidates that reached it | ${pct(delivered.length, delivered.length + solverDrops)} | |`);
  console.log("\nCandidates caught by the pipeline's gates (the offline writer already runs the linter and solver on its own items):\n");
  console.log("| Gate / rule | Caught |");
  console.log("| --- | --- |");
  for (const [k, n] of [...drops.entries()].sort((a, b) => b[1] - a[1])) console.log(`| ${k} | ${n} |`);
  if (drops.size === 0) console.log("| (none) | 0 |");

  const mix = await runMockMix();
  console.log(`\n## Mock model writing a known mix (${mix.planted.length} planted flaws, ${mix.good.length} good vignettes)\n`);
  console.log("| Item | Expected | Got |");
  console.log("| --- | --- | --- |");
  for (const r of [...mix.planted, ...mix.good]) console.log(`| ${r.name} | ${r.expected} | ${r.got}${r.ok ? "" : " ✗"} |`);
  console.log(`\nPlanted flaws caught: ${mix.planted.filter((r) => r.ok).length} / ${mix.planted.length}; good items kept: ${mix.good.filter((r) => r.ok).length} / ${mix.good.length}`);
  if (process.env.EVAL_SHOW_OFF_TOPIC)
    for (const r of runs) {
      if (r.covered && r.delivered.length < 9) console.log(`[short ${r.delivered.length}] ${r.chapter} :: ${r.topic} ${r.refused ? "(refused)" : ""} ${JSON.stringify(r.result?.drops ?? [])}`);
      for (const q of r.covered ? r.offTopicItems : r.delivered)
        console.log(`[${r.topic}] ${q.source.heading} :: ${q.sourceQuote.slice(0, 140)}`);
    }
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

void main();
