// What the supervisor tells its worker over their IPC channel: a signal it received, and when (the
// supervisor's event loop is idle, so its clock says when the signal really came).
export const WORKER_ENV = "AMI_MATRIX_WORKER";

export interface InterruptMessage {
  type: "ami-matrix:interrupt";
  signal: string;
  at: number;
}

export function isInterruptMessage(message: unknown): message is InterruptMessage {
  const m = message as Partial<InterruptMessage> | null;
  return (
    typeof m === "object" &&
    m !== null &&
    m.type === "ami-matrix:interrupt" &&
    typeof m.signal === "string" &&
    typeof m.at === "number"
  );
}
