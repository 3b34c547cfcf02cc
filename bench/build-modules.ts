// What a build loads, in one go: the CLI loads these only once a build needs them (so --help answers at
// once), and the bench loads them up front so that "RSS once the CLI's modules are loaded" means that.

export * as buildPrepared from "../src/commands/build/build-prepared.ts";
export * as formatPlan from "../src/commands/build/format-plan.ts";
export * as prepareRun from "../src/commands/build/prepare-run.ts";
export * as runBuild from "../src/commands/build/run-build.ts";
export * as provisioningOutput from "../src/packer/provisioning-output.ts";
export * as awsAccess from "../src/preflight/aws-access.ts";
export * as checkAccount from "../src/preflight/check-account.ts";
export * as progressDisplay from "../src/progress/progress-display.ts";
export * as rehearsal from "../src/rehearsal/start-rehearsal.ts";
export * as recordRun from "../src/report/record-run.ts";
export * as runPlan from "../src/run/run-plan.ts";
export * as maskSecrets from "../src/secrets/mask-secrets.ts";
export * as secretValues from "../src/secrets/secret-values.ts";
export * as sourceAmis from "../src/source-amis/resolve-source-amis.ts";
