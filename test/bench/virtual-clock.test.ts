import { expect, it } from "vitest";
import { onVirtualClock } from "../../bench/virtual-clock.ts";

it("the virtual clock jumps from timer to timer, waking those due together in the order they were set", async () => {
  const woken: string[] = [];
  const endedAt = await onVirtualClock(async (clock) => {
    const at = (name: string, ms: number) =>
      clock.wait(ms).then(() => woken.push(`${name}@${clock.now()}`));
    await Promise.all([at("late", 3_600_000), at("b", 5), at("c", 5), at("a", 1)]);
    await clock.wait(10);
    return clock.now();
  });
  expect(woken).toEqual(["a@1", "b@5", "c@5", "late@3600000"]);
  expect(endedAt).toBe(3_600_010);
});

it("the virtual clock says so when the work waits on something it does not drive", async () => {
  await expect(onVirtualClock(() => new Promise(() => {}))).rejects.toThrow(/not a timer/);
});
