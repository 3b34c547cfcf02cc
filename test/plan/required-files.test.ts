// requiresFiles in the plan: cells without their files are skipped with the files named (and so is
// whatever needs them), cells with them upload them by path, and the files' digests, never their
// contents, are part of the fingerprint.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkMatrixText } from "../../src/matrix/load-matrix.ts";
import type { Job } from "../../src/model/job.ts";
import { makePlan } from "../../src/plan/make-plan.ts";
import { skippedForMissingFiles } from "../../src/plan/required-files.ts";

const root = path.join(import.meta.dirname, "..", "..");
const template = readFileSync(path.join(root, "packer", "amazon-ebs.pkr.hcl.hbs"), "utf8");
const LICENSE = "secrets/license";
const TOKEN = "secrets/token";

// Two images, the licensed one built on by a third; two regions, copied from the first.
function matrix(extra: object = {}) {
  return checkMatrixText({
    file: "m.json",
    text: JSON.stringify({
      axes: {
        image: ["free", "licensed", "on-licensed"],
        virtualization: ["hvm"],
        region: ["us-east-1", "eu-west-1"],
      },
      defaults: {
        instanceType: "t3.medium",
        sourceAmi: { owners: ["099720109477"], name: "ubuntu/images/*" },
        scripts: ["scripts/a.sh"],
      },
      image: {
        licensed: { requiresFiles: [LICENSE, TOKEN], sshUsername: "ubuntu" },
        "on-licensed": { from: "licensed" },
      },
      ...extra,
    }),
  }).jobs;
}

function plan(jobs: Job[], missing: string[], digests: [string, string][] = [], local = false) {
  return makePlan({
    jobs,
    runId: "RUN",
    runDir: "/project/runs/RUN",
    packerDir: "/project/packer",
    templates: new Map([["amazon-ebs.pkr.hcl.hbs", template]]),
    needsInit: false,
    mode: { local },
    requiredFiles: { missing: new Set(missing), digests: new Map(digests) },
  });
}

describe("cells whose required files are missing", () => {
  it("are skipped naming every missing file, and so is each cell that needs one", () => {
    const skipped = skippedForMissingFiles(matrix(), new Set([LICENSE, TOKEN]));
    expect(Object.fromEntries(skipped)).toEqual({
      "licensed/us-east-1/hvm": "missing packer/secrets/license, packer/secrets/token",
      "licensed/eu-west-1/hvm": "missing packer/secrets/license, packer/secrets/token",
      "on-licensed/us-east-1/hvm": "needs licensed/us-east-1/hvm, which is skipped",
      "on-licensed/eu-west-1/hvm": "needs licensed/eu-west-1/hvm, which is skipped",
    });
    expect(skippedForMissingFiles(matrix(), new Set([TOKEN])).get("licensed/us-east-1/hvm")).toBe(
      "missing packer/secrets/token",
    );
  });

  it("skip a copy whose home build is skipped, and nothing when every file is there", () => {
    const copies = matrix({ strategy: "copy" });
    const skipped = skippedForMissingFiles(copies, new Set([LICENSE]));
    expect(skipped.get("licensed/eu-west-1/hvm")).toBe(
      "needs licensed/us-east-1/hvm, which is skipped",
    );
    expect(skipped.has("free/eu-west-1/hvm")).toBe(false);
    expect(skippedForMissingFiles(copies, new Set()).size).toBe(0);
  });

  it("are planned as skips: no Packer template is validated, the reason is kept", () => {
    const planned = plan(matrix(), [LICENSE, TOKEN]);
    const byId = new Map(planned.jobs.map((p) => [p.job.id, p]));
    expect(byId.get("free/us-east-1/hvm")?.action).toBe("build");
    expect(byId.get("licensed/us-east-1/hvm")).toMatchObject({
      action: "skip",
      skipReason: "missing packer/secrets/license, packer/secrets/token",
    });
    expect(byId.get("on-licensed/eu-west-1/hvm")?.action).toBe("skip");
  });
});

describe("cells whose required files are there", () => {
  const present: [string, string][] = [
    [LICENSE, "digest-of-license"],
    [TOKEN, "digest-of-token"],
  ];

  it("upload each file by its path in the project, before the scripts, and remove them after", () => {
    const licensed = plan(matrix(), [], present).jobs.find(
      (p) => p.job.id === "licensed/us-east-1/hvm",
    );
    const text = licensed?.templateText ?? "";
    expect(licensed?.action).toBe("build");
    expect(text).toContain('ssh_username = "ubuntu"');
    const order = [
      'inline = ["mkdir -m 700 -p /tmp/ami-matrix-files"]',
      'source      = "/project/packer/secrets/license"\n    destination = "/tmp/ami-matrix-files/license"',
      'source      = "/project/packer/secrets/token"\n    destination = "/tmp/ami-matrix-files/token"',
      'environment_vars = ["REQUIRED_FILES_DIR=/tmp/ami-matrix-files"]',
      'inline = ["rm -rf /tmp/ami-matrix-files"]',
    ].map((part) => text.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // A cell without required files has none of it, and Amazon Linux's user.
    const free = plan(matrix(), [], present).jobs[0]?.templateText ?? "";
    expect(free).not.toContain("ami-matrix-files");
    expect(free).toContain('ssh_username = "ec2-user"');
  });

  it("in a rehearsal, upload nothing but check that each file can be read", () => {
    const text =
      plan(matrix(), [], present, true).jobs.find((p) => p.job.id === "licensed/us-east-1/hvm")
        ?.templateText ?? "";
    expect(text).not.toContain('provisioner "file"');
    expect(text).toContain(
      'inline = ["test -r /project/packer/secrets/license", "test -r /project/packer/secrets/token"]',
    );
  });

  it("make the files' digests part of the fingerprint: a new license rebuilds", () => {
    const fingerprint = (digests: [string, string][]) =>
      plan(matrix(), [], digests).jobs.find((p) => p.job.id === "licensed/us-east-1/hvm");
    const before = fingerprint(present);
    const after = fingerprint([
      [LICENSE, "digest-of-the-renewed-license"],
      [TOKEN, "digest-of-token"],
    ]);
    expect(before?.inputs.files).toEqual({
      "scripts/a.sh": "unread",
      [LICENSE]: "digest-of-license",
      [TOKEN]: "digest-of-token",
    });
    expect(after?.fingerprint).not.toBe(before?.fingerprint);
  });
});

describe("the matrix's requiresFiles and sshUsername", () => {
  it("refuses paths outside packer/, two files of one name, and a user name that is not one", () => {
    const problems = (image: object) => {
      try {
        matrix({ image: { licensed: image } });
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problems({ requiresFiles: ["../secrets/license"] })).toContain(
      "image.licensed.requiresFiles[0]: must be a path inside the project's packer/ folder, such as secrets/license",
    );
    expect(problems({ requiresFiles: ["/etc/license"] })).toContain("requiresFiles[0]");
    expect(problems({ requiresFiles: ["a/license", "b/license"] })).toContain(
      'requiresFiles: "b/license" would land on the instance under a name another file of the cell has',
    );
    expect(problems({ sshUsername: "ubuntu; rm" })).toContain(
      "image.licensed.sshUsername: must be a Linux user name such as ec2-user or ubuntu",
    );
  });
});
