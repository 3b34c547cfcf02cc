// The GPU batch and Dask provisioning scripts' own logic in real bash, against local files: which
// registry region a login goes to, pinned model downloads, the ECS agent's settings, the Dask image
// cloud-init pulled, and what cloud-init's exit status means.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callFunction } from "./support/call-function.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gpu-batch-sh-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const SUM = "a".repeat(64);

describe("gpu-batch.sh", () => {
  it("logs in to the registry's own region, and says what a registry host looks like", async () => {
    expect(
      await callFunction("gpu-batch.sh", "ecr_region", [
        "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com",
      ]),
    ).toMatchObject({ code: 0, stdout: "ap-northeast-2" });
    const wrong = await callFunction("gpu-batch.sh", "ecr_region", ["ghcr.io"]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toBe(
      "gpu-batch.sh: ECR_REGISTRY 'ghcr.io' is not an ECR registry host such as 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com: set ecr_registry in your var file",
    );
  });

  it("reads a model URL pinned by SHA-256, and refuses one without a pin or over plain HTTP", async () => {
    expect(
      await callFunction("gpu-batch.sh", "model_entry", [
        `https://models.example.com/v3/encoder.onnx?version=2#sha256=${SUM.toUpperCase()}`,
      ]),
    ).toMatchObject({
      code: 0,
      stdout: `https://models.example.com/v3/encoder.onnx?version=2 ${SUM} encoder.onnx`,
    });
    for (const entry of [
      "https://models.example.com/v3/encoder.onnx",
      `http://models.example.com/encoder.onnx#sha256=${SUM}`,
      `https://models.example.com/v3/#sha256=${SUM}`,
    ]) {
      const result = await callFunction("gpu-batch.sh", "model_entry", [entry]);
      expect(result.code, entry).not.toBe(0);
      expect(result.stderr, entry).toMatch(/^gpu-batch\.sh: MODEL_URLS entry '/);
    }
  });

  it("keeps a download only when its SHA-256 is the pinned one", async () => {
    const file = path.join(dir, "model.bin");
    await writeFile(file, "weights");
    const good = createHash("sha256").update("weights").digest("hex");
    expect(await callFunction("gpu-batch.sh", "verify_sha256", [file, good])).toMatchObject({
      code: 0,
    });
    const bad = await callFunction("gpu-batch.sh", "verify_sha256", [file, SUM]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe(
      `gpu-batch.sh: model.bin: SHA-256 is ${good}, not the pinned ${SUM}; the download was removed`,
    );
    await expect(readFile(file)).rejects.toThrow();
  });

  it("sets the ECS agent's options once each, keeping the file's other lines", async () => {
    const config = path.join(dir, "ecs.config");
    await writeFile(config, "ECS_LOGLEVEL=info\nECS_ENABLE_GPU_SUPPORT=false\n");
    for (const [key, value] of [
      ["ECS_ENABLE_GPU_SUPPORT", "true"],
      ["ECS_IMAGE_PULL_BEHAVIOR", "prefer-cached"],
      ["ECS_IMAGE_PULL_BEHAVIOR", "prefer-cached"],
    ] as const) {
      expect(
        (await callFunction("gpu-batch.sh", "set_ecs_option", [config, key, value])).code,
      ).toBe(0);
    }
    expect(await readFile(config, "utf8")).toBe(
      "ECS_LOGLEVEL=info\nECS_ENABLE_GPU_SUPPORT=true\nECS_IMAGE_PULL_BEHAVIOR=prefer-cached\n",
    );
    const fresh = path.join(dir, "fresh.config");
    await callFunction("gpu-batch.sh", "set_ecs_option", [fresh, "ECS_ENABLE_GPU_SUPPORT", "true"]);
    expect(await readFile(fresh, "utf8")).toBe("ECS_ENABLE_GPU_SUPPORT=true\n");
  });

  it("runs on the ECS GPU Amazon Linux 2023 or 2, and names the image to use on anything else", async () => {
    const release = async (text: string) => {
      const file = path.join(dir, `os-release-${Math.random()}`);
      await writeFile(file, text);
      return callFunction("gpu-batch.sh", "os_family", [file]);
    };
    expect(await release('ID="amzn"\nVERSION_ID="2023"\n')).toMatchObject({ stdout: "al2023" });
    expect(await release('ID="amzn"\nVERSION_ID="2"\n')).toMatchObject({ stdout: "al2" });
    const ubuntu = await release('ID=ubuntu\nVERSION_ID="24.04"\n');
    expect(ubuntu.code).not.toBe(0);
    expect(ubuntu.stderr).toContain("al2023-ami-ecs-gpu-hvm-2023.*-kernel-6.1-x86_64-ebs");
  });
});

describe("dask.sh and cloud-init-wait.sh", () => {
  it("read the Dask image cloud-init wrote, and refuse one without a pinned tag", async () => {
    const env = path.join(dir, "image.env");
    await writeFile(env, "DASK_IMAGE=ghcr.io/dask/dask:2025.1.0-py3.12\n");
    expect(await callFunction("dask.sh", "dask_image_of", [env])).toMatchObject({
      code: 0,
      stdout: "ghcr.io/dask/dask:2025.1.0-py3.12",
    });
    await writeFile(env, "DASK_IMAGE=ghcr.io/dask/dask\n");
    const unpinned = await callFunction("dask.sh", "dask_image_of", [env]);
    expect(unpinned.stderr).toBe(
      "dask.sh: DASK_IMAGE 'ghcr.io/dask/dask' has no tag: pin it (image:tag or image@sha256:digest)",
    );
  });

  it("take cloud-init's exit status 2 as degraded, not failed", async () => {
    const meaning = async (status: string) =>
      (await callFunction("cloud-init-wait.sh", "status_meaning", [status])).stdout;
    expect([await meaning("0"), await meaning("2"), await meaning("1")]).toEqual([
      "done",
      "degraded",
      "failed",
    ]);
  });

  it("ship cloud-init files that pin the image they pull", async () => {
    for (const file of ["dask.cloud-init.yaml", "dask-gpu.cloud-init.yaml"]) {
      const text = await readFile(
        path.join(import.meta.dirname, "..", "..", "packer", "user-data", file),
        "utf8",
      );
      expect(text.startsWith("#cloud-config\n")).toBe(true);
      const image = /^\s+DASK_IMAGE=(\S+)$/m.exec(text)?.[1] ?? "";
      const pinned = await callFunction("dask.sh", "dask_image_of", [
        await (async () => {
          const env = path.join(dir, `${file}.env`);
          await writeFile(env, `DASK_IMAGE=${image}\n`);
          return env;
        })(),
      ]);
      expect(pinned, file).toMatchObject({ code: 0, stdout: image });
    }
  });
});
