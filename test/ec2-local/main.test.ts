import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa, type ResultPromise } from "execa";
import { afterEach, describe, expect, it } from "vitest";

const MAIN = fileURLToPath(new URL("../../src/ec2-local/main.ts", import.meta.url));
const REPO = fileURLToPath(new URL("../..", import.meta.url));

let child: ResultPromise | undefined;
let tempDir: string | undefined;

afterEach(async () => {
  if (child?.exitCode === null) child.kill("SIGKILL");
  await child?.catch(() => {});
  child = undefined;
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
  tempDir = undefined;
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

function startMain(args: string[]): ResultPromise {
  return execa(process.execPath, ["--import", "tsx", MAIN, ...args], { cwd: REPO, reject: false });
}

async function firstStdoutLine(running: ResultPromise): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    running.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      if (buffered.includes("\n")) resolve(buffered.split("\n")[0] ?? "");
    });
    running.once("exit", () => reject(new Error(`exited before printing: ${buffered}`)));
  });
}

describe("npm run ec2-local", () => {
  it("listens on the given port, answers EC2 calls and exits cleanly on SIGTERM", async () => {
    const port = await freePort();
    child = startMain(["--port", String(port)]);

    expect(await firstStdoutLine(child)).toBe(`ec2-local listening on http://127.0.0.1:${port}`);
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization:
          "AWS4-HMAC-SHA256 Credential=AKID/20261122/us-west-1/ec2/aws4_request, Signature=0",
      },
      body: "Action=DescribeAvailabilityZones&Version=2016-11-15",
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<zoneName>us-west-1c</zoneName>");

    child.kill("SIGTERM");
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain("us-west-1 DescribeAvailabilityZones 200");
    expect(result.stderr).toContain("SIGTERM, closing");
  }, 20_000);

  it("refuses an invalid fault file, naming the file and the problem", async () => {
    tempDir = await mkdtemp(join(tmpdir(), "ec2-local-main-"));
    const file = join(tempDir, "faults.json");
    await writeFile(
      file,
      JSON.stringify({ faults: [{ action: "RunInstances", code: "X", fraction: 2 }] }),
    );

    child = startMain(["--port", "0", "--faults", file]);
    const result = await child;

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain("faults.0.fraction");
  }, 20_000);
});
