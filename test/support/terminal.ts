// A real terminal for tests: a pty from tmux on a server of its own, running an interactive bash, as
// a person types into it. Keys go in with send-keys; the screen (with its history) comes back with
// capture-pane; killing the server closes the terminal, and the pty's hangup follows. Each prompt
// appends the last exit code and the command it was for to a file: `cmd; echo $?` would not do, since
// bash drops the rest of a line whose command died of SIGINT, as npx does after a Ctrl-C (it re-raises
// its child shell's SIGINT), and the screen would not either, since a run that outlives the command
// the shell waited for (SIGTERM to npx alone) redraws its display over the prompt.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { until } from "./until.ts";

export interface Terminal {
  /** Types a command line and Enter. */
  type(commandLine: string): Promise<void>;
  ctrlC(): Promise<void>;
  screen(): Promise<string>;
  /** Waits for the command typed last to end, and returns its exit code. */
  exitCode(timeoutMs?: number): Promise<number>;
  /** Closes the terminal, as closing its window does: the pty hangs up. */
  close(): Promise<void>;
}

export async function openTerminal({
  env,
  columns = 160,
  rows = 50,
}: {
  env: NodeJS.ProcessEnv;
  columns?: number;
  rows?: number;
}): Promise<Terminal> {
  // A socket of its own, removed with its folder: tmux leaves socket files behind.
  const folder = await mkdtemp(path.join(tmpdir(), "ami-matrix-tmux-"));
  const socket = path.join(folder, "socket");
  const exits = path.join(folder, "exits");
  const tmux = (...args: string[]) =>
    execa("tmux", ["-S", socket, "-f", "/dev/null", ...args], {
      env: {
        ...env,
        // The shell's history names each command (for the exit codes) but is never saved.
        HISTFILE: "",
        PROMPT_COMMAND: `code=$?; echo "EXIT=$code"; echo "$code $(history 1)" >> ${exits}`,
      },
    });
  await tmux(
    "new-session",
    "-d",
    "-s",
    "t",
    "-x",
    String(columns),
    "-y",
    String(rows),
    "bash --norc --noprofile -i",
  );
  await tmux("set-option", "-g", "history-limit", "20000");
  let closed = false;
  let typed = 0;
  const screen = async () => (await tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "t")).stdout;
  return {
    async type(commandLine) {
      typed++;
      await tmux("send-keys", "-t", "t", "-l", `${commandLine} # command ${typed}`);
      await tmux("send-keys", "-t", "t", "Enter");
    },
    async ctrlC() {
      await tmux("send-keys", "-t", "t", "C-c");
    },
    screen,
    async exitCode(timeoutMs = 120_000) {
      // The first prompt after the command: a Ctrl-C at a later prompt repeats the same history line.
      const ended = new RegExp(`^(\\d+) .*# command ${typed}$`, "m");
      const code = await until(
        "the command to end",
        async () => ended.exec(await readFile(exits, "utf8").catch(() => ""))?.[1],
        timeoutMs,
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}; the terminal shows:\n${await screen()}`);
      });
      return Number(code);
    },
    async close() {
      if (closed) return;
      closed = true;
      await tmux("kill-server").catch(() => {});
      await rm(folder, { recursive: true, force: true });
    },
  };
}
