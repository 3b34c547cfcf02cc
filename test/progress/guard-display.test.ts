import { expect, it } from "vitest";
import { guardDisplay } from "../../src/progress/guard-display.ts";
import type { RunEvent } from "../../src/run/run-events.ts";

const step: RunEvent = { type: "step", jobId: "spark/us-east-1/hvm", text: "Launching" };

it("keeps a display bug from reaching the run, and reports it once the run is over", async () => {
  const reports: string[] = [];
  let calls = 0;
  const display = guardDisplay(
    {
      onEvent: () => {
        calls++;
        throw new Error("title of undefined");
      },
      finish: async () => {},
    },
    { report: (text) => reports.push(text) },
  );

  expect(() => display.onEvent(step)).not.toThrow();
  display.onEvent(step);
  expect(calls).toBe(1);
  expect(reports).toEqual([]);

  await display.finish();
  await display.finish();
  expect(reports).toHaveLength(1);
  expect(reports[0]).toMatch(
    /^The progress display failed; this is a bug .*\nError: title of undefined\n/,
  );
});

it("reports a display that fails to stop, without failing the caller", async () => {
  const reports: string[] = [];
  const display = guardDisplay(
    { onEvent: () => {}, finish: () => Promise.reject(new Error("renderer crashed")) },
    { report: (text) => reports.push(text) },
  );

  await expect(display.finish()).resolves.toBeUndefined();
  expect(reports.join("")).toContain("renderer crashed");
});
