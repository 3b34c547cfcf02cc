import { expect, it } from "vitest";
import { displayMode } from "../../src/progress/display-mode.ts";

it("draws in place only on a terminal that can move its cursor, else prints plain lines", () => {
  const on = (env: NodeJS.ProcessEnv, interactive = true) =>
    displayMode({ interactive, env, platform: "linux" });
  expect(on({ TERM: "xterm-256color" })).toBe("interactive");
  expect(on({ TERM: "screen" })).toBe("interactive");
  expect(on({ TERM: "dumb" })).toBe("plain");
  expect(on({})).toBe("plain");
  expect(on({ TERM: "xterm" }, false)).toBe("plain");
  expect(displayMode({ interactive: true, env: {}, platform: "win32" })).toBe("interactive");
});
