import { expect, it } from "vitest";
import { templateKey } from "../../src/plan/template-key.ts";

const render = ({
  region,
  image,
  ami,
  instance = "m5.large",
  name = `${image}-hvm`,
}: Record<string, string>) =>
  `# job ${image}/${region}/hvm
source "amazon-ebs" "main" {
  region        = "${region}"
  instance_type = "${instance}"
  ami_name      = "${name}"
  source_ami    = "${ami}"
  tags          = { "ami-matrix:job" = "${image}/${region}/hvm" }
}
`;
const key = (values: Record<string, string>) =>
  templateKey(render(values), [values.image ?? "", values.region ?? "", "hvm", values.ami ?? ""]);

it("gives templates one key when they differ only by job values of the same length", () => {
  const east = key({ region: "us-east-1", image: "base", ami: "ami-0123456789abcdef0" });
  expect(key({ region: "eu-west-1", image: "core", ami: "ami-0fedcba9876543210" })).toBe(east);
  // A comment is not judged by Packer.
  expect(
    templateKey(`${render({ region: "us-east-1", image: "base", ami: "ami-0" })}# more\n`, [
      "base",
      "us-east-1",
      "hvm",
      "ami-0",
    ]),
  ).toBe(
    templateKey(render({ region: "us-east-1", image: "base", ami: "ami-0" }), [
      "base",
      "us-east-1",
      "hvm",
      "ami-0",
    ]),
  );
});

it("keeps templates apart when a length, another value or the structure differs", () => {
  const east = key({ region: "us-east-1", image: "base", ami: "ami-0123456789abcdef0" });
  // Packer checks name lengths: a longer region makes a longer AMI name.
  expect(key({ region: "ap-northeast-1", image: "base", ami: "ami-0123456789abcdef0" })).not.toBe(
    east,
  );
  // Values that are not the job's (an instance type, a name pattern) are compared as they are.
  expect(
    key({
      region: "us-east-1",
      image: "base",
      ami: "ami-0123456789abcdef0",
      instance: "m3.medium",
    }),
  ).not.toBe(east);
  expect(
    key({ region: "us-east-1", image: "base", ami: "ami-0123456789abcdef0", name: "base*hvm" }),
  ).not.toBe(east);
  // A value with characters Packer may refuse is never replaced.
  expect(key({ region: "us-east-1", image: "b@se", ami: "ami-0123456789abcdef0" })).not.toBe(
    key({ region: "us-east-1", image: "base", ami: "ami-0123456789abcdef0" }),
  );
  // Outside string literals (a block named after the region), the value stays.
  const structural = (region: string) =>
    templateKey(`source "amazon-ebs" ${region} {\n  region = "${region}"\n}\n`, [region]);
  expect(structural("us-east-1")).not.toBe(structural("eu-west-1"));
});
