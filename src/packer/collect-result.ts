// Keeps only what a finished run needs (AMIs, error messages, the last step), so memory stays flat no
// matter how much Packer prints.
import { amisFromArtifactId, type BuildEvent } from "./build-events.ts";

export interface PackerRunResult {
  /** null when Packer was ended by a signal. */
  exitCode: number | null;
  signal?: string;
  /** region → AMI id, from every artifact whose id has amazon-ebs's `region:ami` shape. */
  amis: Record<string, string>;
  /**
   * Masked messages of `error` records, then of the other `ui,error` lines (which include a script's
   * stderr, `set -x` traces too), each in order, without repeats, each kind capped: Packer's own
   * verdict comes first, however much a script printed before it.
   */
  errors: string[];
  /**
   * The step the build was in, e.g. "Launching a source AWS instance...": the last one Packer announced
   * before its first error or cancel, so the cleanup steps that follow a failure do not hide it.
   */
  lastStep?: string;
  /** Set when the log file could not be written; the run itself went on. */
  logError?: string;
}

export const MAX_ERRORS = 20;
export const MAX_ERROR_LENGTH = 4000;

const ERRORS_HEADER = "==> Some builds didn't complete successfully and had errors:";
const REPEAT_PREFIX = /^(--> [^\s:]+: |Build '[^']+' errored after [^:]+: )/;

// Packer prints each build error three times (`Build 'x' errored after ...: E`, the `error` record E,
// and `--> x: E`) under a header line; keeping E once makes the list readable.
function withoutDecoration(text: string): string {
  const message = text.trim();
  return message === ERRORS_HEADER ? "" : message.replace(REPEAT_PREFIX, "");
}

export interface ResultCollector {
  add(event: BuildEvent): void;
  finish(exit: { exitCode: number | null; signal?: string }): PackerRunResult;
}

export function createResultCollector(): ResultCollector {
  const amis: Record<string, string> = {};
  const records: string[] = [];
  const uiErrors: string[] = [];
  let lastStep: string | undefined;
  let failing = false;

  const addTo = (list: string[], text: string) => {
    const message = withoutDecoration(text).slice(0, MAX_ERROR_LENGTH);
    if (message && list.length < MAX_ERRORS && !list.includes(message)) list.push(message);
  };

  return {
    add(event) {
      if (event.kind === "step" && !failing) lastStep = event.text;
      if (event.kind === "error" || event.kind === "ui-error") failing = true;
      if (event.kind === "artifact") Object.assign(amis, amisFromArtifactId(event.id));
      if (event.kind === "error") addTo(records, event.message);
      if (event.kind === "ui-error") addTo(uiErrors, event.text);
    },
    finish({ exitCode, signal }) {
      return {
        exitCode,
        ...(signal ? { signal } : {}),
        amis,
        errors: [...records, ...uiErrors.filter((message) => !records.includes(message))],
        ...(lastStep === undefined ? {} : { lastStep }),
      };
    },
  };
}
