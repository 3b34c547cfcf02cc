import type { Job, JobOutcome } from "../../src/model/job.ts";
import { makeOutcome } from "../report/make-outcome.ts";

export const spark = makeOutcome().job;
export const sparkEu = makeOutcome({ region: "eu-west-1" }).job;
export const basePv = makeOutcome({ image: "base", region: "us-west-2", virtualization: "pv" }).job;
export const JOBS: Job[] = [spark, sparkEu, basePv];

// An outcome for one of the jobs above; tests give only what their story is about.
export function outcomeOf(job: Job, outcome: Partial<Omit<JobOutcome, "job">>): JobOutcome {
  return { ...makeOutcome(), job, log: `/project/runs/r1/${job.id}.log`, ...outcome };
}

/** A clock the test moves by hand; starts at 21:04:00 UTC. */
export function manualClock() {
  let time = Date.UTC(2025, 0, 2, 21, 4, 0);
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}
