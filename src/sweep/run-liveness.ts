// Whether a recorded run is still going: its own process, or a Packer build of an attempt that had
// not ended, is still there. A run ended by its own hand says so (endedAt).
import { liveness } from "../run-record/process-identity.ts";
import type { ProcessIdentity, RunRecord } from "../run-record/run-record.ts";

export interface RunLiveness {
  /** Processes of the run still alive on this host. */
  alive: ProcessIdentity[];
  /** The host the run was recorded on, when that is not this one: it cannot be checked from here. */
  elsewhere?: string;
}

export function checkRun(record: RunRecord): RunLiveness {
  if (record.endedAt) return { alive: [] };
  const processes = [
    record.process,
    ...record.attempts.flatMap((a) => (a.state === "running" && a.packer ? [a.packer] : [])),
  ];
  const states = processes.map((p) => ({ p, state: liveness(p) }));
  const elsewhere = states.find((s) => s.state === "elsewhere")?.p.host;
  return {
    alive: states.filter((s) => s.state === "alive").map((s) => s.p),
    ...(elsewhere ? { elsewhere } : {}),
  };
}

export function runIsGoing(record: RunRecord): boolean {
  return checkRun(record).alive.length > 0;
}
