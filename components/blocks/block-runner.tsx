"use client";
/**
 * The two ways to run a block, each loaded only when the block is of its kind: a timed block never
 * downloads the tutor's answer card, and a tutor block never downloads the timed runner.
 */
import dynamic from "next/dynamic";

const loading = () => <p className="text-sm">Loading the block…</p>;

export const TimedBlockRunner = dynamic(() => import("./timed-block").then((m) => m.TimedBlock), { loading });
export const TutorBlockRunner = dynamic(() => import("./tutor-block").then((m) => m.TutorBlock), { loading });
