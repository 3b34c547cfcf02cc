// The CLI checks credentials and regions (and may resolve source AMIs) before it builds, so the bench
// points it at ec2-local with --ec2-endpoint, as the stand-in tests do. The server runs in a child
// process so its CPU and memory stay out of the runner's figures.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PROJECT_DIR = fileURLToPath(new URL("..", import.meta.url));
const START_TIMEOUT_MS = 30_000;

export interface Ec2Endpoint {
  url: string;
  close(): Promise<void>;
}

/** `script` and its arguments: ec2-local's own main by default, or one that sets it up otherwise. */
export async function startEc2Endpoint(
  script: readonly string[] = [path.join("src", "ec2-local", "main.ts"), "--port", "0", "--quiet"],
): Promise<Ec2Endpoint> {
  const child = spawn(process.execPath, ["--import", "tsx", ...script], {
    cwd: PROJECT_DIR,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail("did not start in time"), START_TIMEOUT_MS);
    function fail(why: string) {
      clearTimeout(timer);
      child.kill("SIGTERM");
      reject(new Error(`ec2-local ${why}:\n${output}`));
    }
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ec2-local listening on (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("exit", (code) => fail(`exited ${code}`));
    child.once("error", (error) => fail(error.message));
  });
  return { url, close: () => stop(child) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await exited;
}
