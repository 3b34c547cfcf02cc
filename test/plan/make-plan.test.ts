import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkMatrixText } from "../../src/matrix/load-matrix.ts";
import { makePlan } from "../../src/plan/make-plan.ts";
import { buildArgsForAttempt } from "../../src/plan/packer-command.ts";
import { TemplateRenderError } from "../../src/templates/template-engine.ts";

const root = path.join(import.meta.dirname, "..", "..");
const template = readFileSync(path.join(root, "packer", "amazon-ebs.pkr.hcl.hbs"), "utf8");
const spark = checkMatrixText({
  file: "spark.json",
  text: readFileSync(path.join(root, "matrix", "spark.json"), "utf8"),
});

function plan({
  needsInit = false,
  local = false,
  ec2Endpoint,
}: {
  needsInit?: boolean;
  local?: boolean;
  ec2Endpoint?: string;
} = {}) {
  return makePlan({
    jobs: spark.jobs.filter((j) => j.region === "us-east-1"),
    runId: "RUN",
    runDir: "/project/runs/RUN",
    packerDir: "/project/packer",
    templates: new Map([["amazon-ebs.pkr.hcl.hbs", template]]),
    needsInit,
    mode: { local, ec2Endpoint },
  });
}

describe("makePlan", () => {
  it.each(["base/us-east-1/hvm", "base/us-east-1/pv", "spark/us-east-1/hvm", "spark/us-east-1/pv"])(
    "renders %s for a real build",
    (id) => {
      const planned = plan().jobs.find((p) => p.job.id === id);
      expect(planned?.templateText).toMatchSnapshot();
    },
  );

  it("puts each job's template in its own folder and builds attempt 1 under its own AMI name", () => {
    const [first] = plan().jobs;
    expect(first?.templateFile).toBe("/project/runs/RUN/base/us-east-1/hvm/template.pkr.hcl");
    expect(first?.commands).toEqual({
      validate: ["validate", first?.templateFile],
      build: [
        "build",
        "-machine-readable",
        "-color=false",
        "-var",
        "ami_name=base-hvm-RUN-a1",
        first?.templateFile,
      ],
    });
    expect(first?.amiName).toBe("base-hvm-RUN-a1");
  });

  it("passes the user's var files, by path, to packer validate and to every attempt's packer build", () => {
    const [first] = makePlan({
      jobs: spark.jobs.filter((j) => j.id === "base/us-east-1/hvm"),
      runId: "RUN",
      runDir: "/project/runs/RUN",
      packerDir: "/project/packer",
      templates: new Map([["amazon-ebs.pkr.hcl.hbs", template]]),
      needsInit: false,
      mode: { local: false },
      varFiles: ["/home/me/prod.pkrvars.hcl", "/home/me/more.json"],
    }).jobs;
    const files = ["-var-file=/home/me/prod.pkrvars.hcl", "-var-file=/home/me/more.json"];
    expect(first?.commands.validate).toEqual(["validate", ...files, first?.templateFile]);
    expect(first?.commands.build).toEqual([
      ...["build", "-machine-readable", "-color=false", ...files],
      ...["-var", "ami_name=base-hvm-RUN-a1", first?.templateFile],
    ]);
    expect(
      buildArgsForAttempt(
        { templateFile: "t.pkr.hcl", amiName: "base-hvm", runId: "RUN", varFiles: first?.varFiles },
        2,
      ),
    ).toEqual([
      ...["build", "-machine-readable", "-color=false", ...files],
      ...["-var", "ami_name=base-hvm-RUN-a2", "t.pkr.hcl"],
    ]);
  });

  it("adds packer init and required_plugins only for Packer 1.7+", () => {
    const [modern] = plan({ needsInit: true }).jobs;
    const [legacy] = plan({ needsInit: false }).jobs;
    expect(modern?.commands.init).toEqual(["init", modern?.templateFile]);
    expect(modern?.templateText).toContain('source  = "github.com/hashicorp/amazon"');
    expect(legacy?.commands.init).toBeUndefined();
    expect(legacy?.templateText).not.toContain("required_plugins");
  });

  it("renders the local rehearsal without SSH and against the given endpoint", () => {
    const text =
      plan({ local: true, ec2Endpoint: "http://127.0.0.1:4566" }).jobs[2]?.templateText ?? "";
    expect(text).toContain('communicator = "none"');
    expect(text).toContain('custom_endpoint_ec2        = "http://127.0.0.1:4566"');
    expect(text).not.toContain('provisioner "shell" {');
    expect(text).toContain("scripts/spark.sh did not run");
  });

  it("fails at plan time naming the template and the missing variable", () => {
    const broken = template.replace("{{hcl job.region}}", "{{hcl job.zone}}");
    let error: unknown;
    try {
      makePlan({
        jobs: spark.jobs.slice(0, 1),
        runId: "RUN",
        runDir: "/r",
        packerDir: "/p",
        templates: new Map([["amazon-ebs.pkr.hcl.hbs", broken]]),
        needsInit: false,
        mode: { local: false },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect((error as Error).message).toBe(
      "packer/amazon-ebs.pkr.hcl.hbs (job base/ap-northeast-1/hvm) uses {{job.zone}}, which is not defined",
    );
  });

  it("writes matrix values as HCL literals, never as HCL code", () => {
    const [job] = spark.jobs;
    if (!job) throw new Error("no job");
    const text = makePlan({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an HCL interpolation, on purpose
      jobs: [{ ...job, variables: { note: 'x" ${file("/etc/passwd")}' } }],
      runId: "RUN",
      runDir: "/r",
      packerDir: "/p",
      templates: new Map([["amazon-ebs.pkr.hcl.hbs", template]]),
      needsInit: false,
      mode: { local: false },
    }).jobs[0]?.templateText;
    expect(text).toContain('"NOTE=x\\" $${file(\\"/etc/passwd\\")}"');
  });
});
