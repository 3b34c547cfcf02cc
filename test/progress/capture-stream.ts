// A stand-in for a terminal: keeps everything written to it. Tests give it a size to act as a TTY.
export function captureStream({ columns = 120, rows = 40 } = {}) {
  const stream = {
    text: "",
    isTTY: true,
    columns,
    rows,
    write(chunk: string | Uint8Array) {
      stream.text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
      return true;
    },
  };
  return { stream, asWriteStream: stream as unknown as NodeJS.WriteStream };
}
