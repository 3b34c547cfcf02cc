// How often ami-matrix polls EC2 while it waits (instances terminating, for its own clean-up). It reads
// the setting Packer's waiters read, so a rehearsal that makes Packer poll fast makes this fast too.
export const DEFAULT_POLL_SECONDS = 5;

export function pollDelayMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.AWS_POLL_DELAY_SECONDS ?? DEFAULT_POLL_SECONDS);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : DEFAULT_POLL_SECONDS) * 1000;
}
