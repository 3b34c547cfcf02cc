// The Rails benchmark image's scripts in real bash, where they can run here: which OS rails-benchmark.sh
// accepts, which Passenger package passenger.sh pins for a release or series, and how it hands the
// Enterprise download token to apt (a root-only file, never printed, never an argument).
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { makeTempDir } from "../support/temp-dir.ts";
import { callFunction, SCRIPTS_DIR } from "./support/call-function.ts";

describe("rails-benchmark.sh", () => {
  it("builds on Ubuntu 24.04 and names the image to use on anything else", async () => {
    const dir = await makeTempDir();
    const osRelease = async (text: string) => {
      const file = path.join(dir, "os-release");
      await writeFile(file, text);
      return callFunction("rails-benchmark.sh", "check_os", [file]);
    };
    expect(
      await osRelease('NAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\n'),
    ).toMatchObject({ code: 0, stderr: "" });
    const al2023 = await osRelease('NAME="Amazon Linux"\nID="amzn"\nVERSION_ID="2023"\n');
    expect(al2023.code).toBe(1);
    expect(al2023.stderr).toBe(
      "rails-benchmark.sh: unsupported OS 'amzn 2023': build this image from Ubuntu 24.04 LTS, e.g. the source AMI name ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*",
    );
  });
});

describe("passenger.sh", () => {
  const madison = ["1:6.1.0-1~noble1", "1:6.0.27-1~noble1", "1:6.0.26-1~noble1"].join("\n");

  it("pins the newest package of the release or series asked for, and nothing else", async () => {
    const pinned = async (prefix: string) =>
      (await callFunction("passenger.sh", "matching_version", [prefix, madison])).stdout;
    expect(await pinned("6.0")).toBe("1:6.0.27-1~noble1");
    expect(await pinned("6.0.26")).toBe("1:6.0.26-1~noble1");
    expect(await pinned("6")).toBe("1:6.1.0-1~noble1");
    expect(await pinned("6.0.2")).toBe("");
    expect(await pinned("7")).toBe("");
  });

  it("gives apt the download token in a file only root reads, printing nothing of it", async () => {
    const dir = await makeTempDir();
    const uploaded = path.join(dir, "uploaded");
    await mkdir(uploaded);
    const authFile = path.join(dir, "auth.conf.d", "passenger-enterprise.conf");
    const writeAuth = async (token: string) => {
      await writeFile(path.join(uploaded, "passenger-download-token"), token);
      return execa(
        "bash",
        [
          "-c",
          'source "$1"; AUTH_FILE="$2"; REQUIRED_FILES_DIR="$3"; write_token_auth',
          "test",
          path.join(SCRIPTS_DIR, "passenger.sh"),
          authFile,
          uploaded,
        ],
        { reject: false },
      );
    };
    const written = await writeAuth("tok-3f9a-secret\n");
    expect(written.exitCode, written.stderr).toBe(0);
    expect(written.stdout + written.stderr).toBe("");
    expect(await readFile(authFile, "utf8")).toBe(
      "machine www.phusionpassenger.com/enterprise_apt\nlogin download\npassword tok-3f9a-secret\n",
    );
    expect((await stat(authFile)).mode & 0o777).toBe(0o600);

    const empty = await writeAuth(" \n");
    expect(empty.exitCode).toBe(1);
    expect(empty.stderr).toBe(
      "passenger.sh: passenger-download-token is empty: put the download token from the Passenger Enterprise Customer Area in it",
    );
  });
});
