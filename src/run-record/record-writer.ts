// Keeps the run record on disk as the run goes. Every change schedules a write of the whole record
// (a few kB): atomically, one write at a time, and a change made during a write is written right after
// it, so the file on disk is at most one write behind and never half written. A SIGKILL loses nothing
// that was written (the data is in the page cache); only a crash of the machine could.

import { errorMessage } from "../errors.ts";
import { writeFileAtomic } from "../fs/write-file-atomic.ts";
import { identify } from "./process-identity.ts";
import { type AttemptRecord, type RunRecord, runRecordFile } from "./run-record.ts";

type Resources = Pick<AttemptRecord, "keyPair" | "securityGroup" | "instanceId" | "amiId">;

export interface RunRecorder {
  attemptStarted(attempt: Omit<AttemptRecord, "state" | "startedAt">): void;
  /** What Packer announced, as it announces it. */
  attemptMade(key: { job: string; attempt: number }, made: Resources): void;
  attemptState(key: { job: string; attempt: number }, state: AttemptRecord["state"]): void;
  /** Each interrupt that counted. */
  interrupted(signal: string): void;
  /** Marks the builds over and waits for the last write; the first write error, if any. */
  close(): Promise<string | undefined>;
}

export function createRunRecorder({
  runDir,
  runId,
  now = () => new Date(),
  write = writeFileAtomic,
}: {
  runDir: string;
  runId: string;
  now?: () => Date;
  write?: (file: string, text: string) => Promise<void>;
}): RunRecorder {
  const file = runRecordFile(runDir);
  const startedAt = now().toISOString();
  const record: RunRecord = {
    runId,
    process: identify(process.pid),
    startedAt,
    updatedAt: startedAt,
    interrupts: [],
    attempts: [],
  };
  let writing: Promise<void> | undefined;
  let again = false;
  let error: string | undefined;

  const writeLoop = async () => {
    do {
      again = false;
      record.updatedAt = now().toISOString();
      try {
        await write(file, `${JSON.stringify(record, null, 2)}\n`);
      } catch (cause) {
        error ??= errorMessage(cause);
      }
    } while (again);
    writing = undefined;
  };
  const changed = () => {
    if (writing) again = true;
    else writing = writeLoop();
  };
  const find = ({ job, attempt }: { job: string; attempt: number }) =>
    record.attempts.find((a) => a.job === job && a.attempt === attempt);

  changed();
  return {
    attemptStarted(attempt) {
      record.attempts.push({ ...attempt, startedAt: now().toISOString(), state: "running" });
      changed();
    },
    attemptMade(key, made) {
      const entry = find(key);
      if (!entry) return;
      const news = Object.entries(made).filter(
        ([name, value]) => value !== undefined && entry[name as keyof Resources] !== value,
      );
      if (news.length === 0) return;
      Object.assign(entry, Object.fromEntries(news));
      changed();
    },
    attemptState(key, state) {
      const entry = find(key);
      if (!entry || entry.state === state) return;
      entry.state = state;
      changed();
    },
    interrupted(signal) {
      record.interrupts.push({ signal, at: now().toISOString() });
      changed();
    },
    async close() {
      record.endedAt = now().toISOString();
      changed();
      while (writing) await writing;
      return error;
    },
  };
}
