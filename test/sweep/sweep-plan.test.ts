// The pure selection behind sweep: thresholds, states, what is provably ours, and what stays.
import { describe, expect, it } from "vitest";
import type { AmiInfo } from "../../src/aws/ami-info.ts";
import { TAG, TOOL_NAME } from "../../src/model/tags.ts";
import { packerTemporaryTime } from "../../src/removal/packer-temporary-name.ts";
import {
  type InstanceInfo,
  planSweep,
  type RecordedAttempt,
  type SweepInventory,
  type SweepPlan,
} from "../../src/sweep/sweep-plan.ts";

const NOW = Date.parse("2026-11-22T12:00:00.000Z");
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const OURS = {
  [TAG.tool]: TOOL_NAME,
  [TAG.run]: "20261122T080000Z-abcd",
  [TAG.job]: "spark/us-east-1/hvm",
};

// Packer's name for a temporary made at that time.
function packerName(at: number, n = 1): string {
  return `packer_${Math.floor(at / 1000).toString(16)}-000${n}-0000-0000-000000000000`;
}

function instance(id: string, overrides: Partial<InstanceInfo> = {}): InstanceInfo {
  return {
    id,
    state: "running",
    launchTime: ago(3 * HOUR),
    keyName: packerName(NOW - 3 * HOUR, Number(id.slice(-1))),
    groups: [{ id: `sg-${id}`, name: packerName(NOW - 3 * HOUR, Number(id.slice(-1))) }],
    tags: OURS,
    ...overrides,
  };
}

function image(id: string, overrides: Partial<AmiInfo> = {}): AmiInfo {
  return {
    id,
    name: `spark-hvm-20261122T080000Z-abcd-a1`,
    state: "pending",
    creationDate: ago(3 * HOUR),
    snapshotIds: [`snap-${id}`],
    tags: {},
    ...overrides,
  };
}

function plan(
  inventory: Partial<SweepInventory>,
  options: {
    olderThanMs?: number;
    recorded?: Map<string, string>;
    untagged?: boolean;
    attempts?: Map<string, RecordedAttempt>;
  } = {},
): SweepPlan {
  return planSweep({
    now: NOW,
    olderThanMs: options.olderThanMs ?? 2 * HOUR,
    inventory: { instances: [], images: [], groups: [], keys: [], ...inventory },
    recorded: options.recorded ?? new Map(),
    attempts: options.attempts ?? new Map(),
    includeUntaggedPackerTemporaries: options.untagged ?? false,
  });
}

const chosen = (p: SweepPlan) => ({
  terminate: p.terminate.map((c) => c.resource.id),
  groups: p.deleteGroups.map((c) => c.resource.id),
  keys: p.deleteKeys.map((c) => c.resource.name),
  amis: p.deregister.map((c) => c.resource.id),
});
const sparedReason = (p: SweepPlan, id: string) => p.spared.find((s) => s.id === id)?.reason;

describe("planSweep: instances", () => {
  it("terminates tagged instances older than the threshold in every live state, with their group and key", () => {
    const states = ["pending", "running", "stopping", "stopped", "shutting-down"];
    const instances = states.map((state, n) => instance(`i-${n + 1}`, { state }));
    const p = plan({ instances });
    expect(chosen(p).terminate).toEqual(["i-1", "i-2", "i-3", "i-4", "i-5"]);
    expect(chosen(p).groups).toEqual(["sg-i-1", "sg-i-2", "sg-i-3", "sg-i-4", "sg-i-5"]);
    expect(chosen(p).keys).toHaveLength(5);
    expect(p.terminate[3]?.reason).toBe(
      "stopped, launched 3h 00m ago; run 20261122T080000Z-abcd, job spark/us-east-1/hvm",
    );
  });

  it("leaves tagged instances younger than the threshold, and their group and key", () => {
    const young = instance("i-1", { launchTime: ago(HOUR) });
    const p = plan({ instances: [young] });
    expect(chosen(p)).toEqual({ terminate: [], groups: [], keys: [], amis: [] });
    expect(sparedReason(p, "i-1")).toBe(
      "launched 1h 00m ago, younger than 2h: its run may still be going",
    );
  });

  it("takes everything at --older-than 0, even what was launched a moment ago", () => {
    const p = plan({ instances: [instance("i-1", { launchTime: ago(0) })] }, { olderThanMs: 0 });
    expect(chosen(p).terminate).toEqual(["i-1"]);
  });

  it("never terminates an instance without the tool tag", () => {
    const p = plan({
      instances: [instance("i-1", { tags: { [TAG.job]: "spark/us-east-1/hvm" } })],
    });
    expect(chosen(p)).toEqual({ terminate: [], groups: [], keys: [], amis: [] });
  });

  it("deletes only groups and keys named packer_*, and none another instance that stays still uses", () => {
    const shared = { id: "sg-shared", name: packerName(NOW - 3 * HOUR, 7) };
    const old = instance("i-1", {
      keyName: "my-own-key",
      groups: [{ id: "sg-default", name: "default" }, shared],
    });
    const other = instance("i-2", { tags: {}, groups: [shared] });
    const p = plan({ instances: [old, other] });
    expect(chosen(p)).toEqual({ terminate: ["i-1"], groups: [], keys: [], amis: [] });
    expect(sparedReason(p, "sg-shared")).toContain("also used by i-2, which stays");
  });
});

describe("planSweep: unattached Packer temporaries", () => {
  const lone = { id: "sg-lone", name: packerName(NOW - 3 * HOUR) };
  const loneKey = { name: packerName(NOW - 3 * HOUR, 2) };

  it("leaves them without --include-untagged-packer-temporaries, saying how to include them", () => {
    const p = plan({ groups: [lone], keys: [loneKey] });
    expect(chosen(p)).toEqual({ terminate: [], groups: [], keys: [], amis: [] });
    expect(sparedReason(p, "sg-lone")).toContain(
      "left alone without --include-untagged-packer-temporaries",
    );
  });

  it("with it, deletes those made before the threshold that no instance uses", () => {
    const young = { id: "sg-young", name: packerName(NOW - HOUR) };
    const used = { id: "sg-used", name: packerName(NOW - 3 * HOUR, 3) };
    const notPacker = { id: "sg-other", name: "packer-like-but-not" };
    const nameless = { id: "sg-nameless", name: "packer_custom" };
    const user = instance("i-9", { tags: {}, groups: [used], keyName: "k" });
    const p = plan(
      { instances: [user], groups: [lone, young, used, notPacker, nameless], keys: [loneKey] },
      { untagged: true },
    );
    expect(chosen(p).groups).toEqual(["sg-lone"]);
    expect(chosen(p).keys).toEqual([loneKey.name]);
    expect(sparedReason(p, "sg-young")).toContain("younger than 2h");
    expect(sparedReason(p, "sg-used")).toContain("used by i-9");
    expect(sparedReason(p, "sg-nameless")).toContain("carries no creation time");
    expect(sparedReason(p, "sg-other")).toBeUndefined();
  });

  it("ages a key pair by EC2's creation time when there is one", () => {
    const key = { name: packerName(NOW - 3 * HOUR), createTime: ago(HOUR) };
    const p = plan({ keys: [key] }, { untagged: true });
    expect(chosen(p).keys).toEqual([]);
    expect(sparedReason(p, key.name)).toContain("made 1h 00m ago");
  });
});

describe("planSweep: AMIs", () => {
  it("deregisters pending and failed AMIs, tagged or named like a run's attempt, older than the threshold", () => {
    const p = plan({
      images: [
        image("ami-1"),
        image("ami-2", { state: "failed", name: "anything", tags: OURS }),
        image("ami-3", { state: "available", tags: OURS }),
        image("ami-4", { name: "someone-elses-build" }),
        image("ami-5", { creationDate: ago(HOUR) }),
      ],
    });
    expect(chosen(p).amis).toEqual(["ami-1", "ami-2"]);
    expect(p.deregister[0]?.reason).toBe(
      "pending, created 3h 00m ago; run 20261122T080000Z-abcd attempt 1; untagged, recognised by its name",
    );
    expect(p.deregister[1]?.reason).toBe("failed, created 3h 00m ago; run 20261122T080000Z-abcd");
    expect(sparedReason(p, "ami-3")).toBeUndefined();
    expect(sparedReason(p, "ami-4")).toBeUndefined();
    expect(sparedReason(p, "ami-5")).toContain("younger than 2h: its build may still be running");
  });

  it("spares an AMI a run report or the AMI list records, and says where", () => {
    const recorded = new Map([["ami-1", "runs/20261122T080000Z-abcd/report.json"]]);
    const p = plan({ images: [image("ami-1")] }, { recorded, olderThanMs: 0 });
    expect(chosen(p).amis).toEqual([]);
    expect(sparedReason(p, "ami-1")).toBe(
      "pending, recorded in runs/20261122T080000Z-abcd/report.json",
    );
  });
});

describe("planSweep: available AMIs a killed run left", () => {
  const attemptName = "spark-hvm-20261122T080000Z-abcd-a2";
  const recordedAttempt = (overrides: Partial<RecordedAttempt> = {}) =>
    new Map([
      [
        attemptName,
        {
          runId: "20261122T080000Z-abcd",
          job: "spark/us-east-1/hvm",
          attempt: 2,
          state: "running" as const,
          running: false,
          ...overrides,
        },
      ],
    ]);

  it("takes an untagged available AMI with an attempt name, with its snapshots, once old enough", () => {
    const p = plan({
      images: [
        image("ami-old", { state: "available" }),
        image("ami-young", { state: "available", creationDate: ago(HOUR) }),
        image("ami-foreign", { state: "available", name: "golden-image-2026" }),
      ],
    });
    expect(chosen(p).amis).toEqual(["ami-old"]);
    expect(p.deregister[0]?.resource.snapshotIds).toEqual(["snap-ami-old"]);
    expect(p.deregister[0]?.reason).toBe(
      "available, created 3h 00m ago; run 20261122T080000Z-abcd attempt 1; untagged, so Packer never finished it",
    );
    expect(sparedReason(p, "ami-young")).toContain("younger than 2h");
    expect(sparedReason(p, "ami-foreign")).toBeUndefined();
  });

  it("leaves a tagged available AMI to prune unless a run record names its attempt", () => {
    const tagged = image("ami-t", { state: "available", name: attemptName, tags: OURS });
    expect(chosen(plan({ images: [tagged] })).amis).toEqual([]);
    const p = plan({ images: [tagged] }, { attempts: recordedAttempt() });
    expect(chosen(p).amis).toEqual(["ami-t"]);
    expect(p.deregister[0]?.reason).toBe(
      "available, created 3h 00m ago; run 20261122T080000Z-abcd attempt 2 of spark/us-east-1/hvm, cut off while Packer was building, never in the AMI list",
    );
  });

  it("spares the AMI of an attempt that succeeded, of a run still going, or that a report records", () => {
    const tagged = image("ami-t", { state: "available", name: attemptName, tags: OURS });
    const succeeded = plan(
      { images: [tagged] },
      { attempts: recordedAttempt({ state: "succeeded" }) },
    );
    expect(sparedReason(succeeded, "ami-t")).toContain("wrote it to the AMI list");
    const going = plan(
      { images: [tagged] },
      { attempts: recordedAttempt({ running: true }), olderThanMs: 0 },
    );
    expect(sparedReason(going, "ami-t")).toBe(
      "available; its run 20261122T080000Z-abcd is still going",
    );
    const inReport = plan(
      { images: [tagged] },
      { attempts: recordedAttempt(), recorded: new Map([["ami-t", "runs/x/report.json"]]) },
    );
    expect(sparedReason(inReport, "ami-t")).toBe("available, recorded in runs/x/report.json");
  });
});

describe("the names sweep recognises", () => {
  it("reads the time out of Packer's time-ordered packer_<uuid> names", () => {
    const at = Date.parse("2026-11-22T21:47:31.000Z");
    expect(packerTemporaryTime(packerName(at))).toBe(at);
    expect(packerTemporaryTime("packer_custom")).toBeUndefined();
    expect(packerTemporaryTime("packer_6b036ab2-47d7-06ec-bb0d-b62cd9c9cedb")).toBe(
      Date.parse("2026-11-22T22:20:34.000Z"),
    );
  });
});

describe("planSweep: Spot builds' launch templates", () => {
  const template = (id: string, createdAgo: number, tags: Record<string, string> = OURS) => ({
    id,
    name: `packer-fleet-launch-template-${id.slice(-7)}`,
    createTime: ago(createdAgo),
    tags,
  });

  it("deletes the tool's old enough, leaves a young one and never touches one without its tag", () => {
    const p = plan({
      launchTemplates: [
        template("lt-0000000000000001", 3 * HOUR),
        template("lt-0000000000000002", HOUR),
        template("lt-0000000000000003", 3 * HOUR, { Name: "someone else's" }),
      ],
    });
    expect(p.deleteTemplates.map((c) => c.resource.id)).toEqual(["lt-0000000000000001"]);
    expect(p.deleteTemplates[0]?.reason).toBe(
      "packer-fleet-launch-template-0000001, made 3h 00m ago for a Spot build; run 20261122T080000Z-abcd, job spark/us-east-1/hvm",
    );
    expect(sparedReason(p, "lt-0000000000000002")).toBe(
      "packer-fleet-launch-template-0000002, made 1h 00m ago, younger than 2h: its build may still be going",
    );
    expect(sparedReason(p, "lt-0000000000000003")).toBeUndefined();
  });
});
