import { expect, it } from "vitest";
import { declaredVariables } from "../../src/variables/declared-variables.ts";

it("finds each variable block and whether it says sensitive = true", () => {
  const template = `
# variable "in_a_comment" { sensitive = true }
variable "ami_name" {
  type    = string
  default = "x-\${local.y}-{not a block}"
}

variable "db_password" {
  type      = string
  sensitive = true
  validation {
    condition     = length(var.db_password) > 8
    error_message = "At least \\"9\\" characters: { unbalanced."
  }
}

/* variable "in_a_block_comment" {} */
variable "motd" {
  default = <<EOT
variable "inside_a_heredoc" {
  sensitive = true
}
EOT
  sensitive = false
}

source "amazon-ebs" "main" {
  tags = { variable = "not a declaration" }
}
`;
  expect([...declaredVariables([template])]).toEqual([
    ["ami_name", { sensitive: false }],
    ["db_password", { sensitive: true }],
    ["motd", { sensitive: false }],
  ]);
});

it("a variable is sensitive when any template declares it so", () => {
  const plain = 'variable "token" {\n  type = string\n}\n';
  const sensitive = 'variable "token" {\n  sensitive = true\n}\n';
  expect(declaredVariables([plain, sensitive]).get("token")).toEqual({ sensitive: true });
  expect(declaredVariables([sensitive, plain]).get("token")).toEqual({ sensitive: true });
  expect(declaredVariables([plain]).get("token")).toEqual({ sensitive: false });
});
