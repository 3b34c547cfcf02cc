// A real build of a matrix that asks its users for values stops before anything is spent when one is
// not given; a --var, a var file or PKR_VAR_NAME each count as given.
import { describe, expect, it } from "vitest";
import type { Job } from "../../src/model/job.ts";
import { NO_VARIABLES } from "../../src/variables/packer-variables.ts";
import { unsetVariables, unsetVariableText } from "../../src/variables/unset-variables.ts";

const job = {
  id: "gpu-batch/ap-northeast-2/hvm",
  subnetId: { variable: "subnet_id" },
  securityGroupIds: ["sg-0abc"],
  userVariables: [
    { name: "ecr_registry", sensitive: false },
    { name: "models_s3_uri", default: "", sensitive: false },
  ],
} as unknown as Job;

describe("unsetVariables", () => {
  it("names each variable nothing sets, what needs it and which cells", () => {
    const unset = unsetVariables({ jobs: [job], variables: NO_VARIABLES, env: {} });
    expect(unset).toEqual([
      { name: "subnet_id", setting: "subnetId", jobs: ["gpu-batch/ap-northeast-2/hvm"] },
      {
        name: "ecr_registry",
        setting: "userVariables.ecr_registry",
        jobs: ["gpu-batch/ap-northeast-2/hvm"],
      },
    ]);
    expect(unsetVariableText(unset[0] as (typeof unset)[number])).toBe(
      "subnet_id (subnetId of gpu-batch/ap-northeast-2/hvm) is not set; give it in a --var-file (the matrix's example is in packer/vars/), with --var subnet_id=…, or as PKR_VAR_subnet_id",
    );
  });

  it("counts a --var, a var file's entry and a PKR_VAR_ variable as set, an empty one not", () => {
    const variables = {
      vars: [{ name: "subnet_id", value: "subnet-0abc" }],
      files: [{ path: "/v.pkrvars.hcl", shown: "v.pkrvars.hcl", entries: [] }],
    };
    expect(
      unsetVariables({ jobs: [job], variables, env: { PKR_VAR_ecr_registry: "1.dkr.ecr" } }),
    ).toEqual([]);
    const fromFile = {
      vars: [],
      files: [
        {
          path: "/v.pkrvars.hcl",
          shown: "v.pkrvars.hcl",
          entries: [
            { name: "subnet_id", values: ["subnet-0abc"] },
            { name: "ecr_registry", values: ["x"] },
          ],
        },
      ],
    };
    expect(unsetVariables({ jobs: [job], variables: fromFile, env: {} })).toEqual([]);
    expect(
      unsetVariables({ jobs: [job], variables, env: { PKR_VAR_ecr_registry: "" } }).map(
        (v) => v.name,
      ),
    ).toEqual(["ecr_registry"]);
  });
});
