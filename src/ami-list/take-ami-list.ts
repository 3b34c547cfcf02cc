// What a run does with its AMI list before planning: become its one writer, then make the index agree
// with the cells, so what it plans against and writes into is consistent.
import { type AmiListLock, type LockOptions, lockAmiList } from "./lock.ts";
import { repairIndex } from "./repair-index.ts";

export async function takeAmiList(options: LockOptions): Promise<AmiListLock> {
  const lock = await lockAmiList(options);
  if (!lock.held) return lock;
  try {
    const repaired = await repairIndex(options);
    if (repaired) options.notice(repaired);
  } catch (error) {
    await lock.release();
    throw error;
  }
  return lock;
}
