// Packer 1.6.6 names its temporary security group and key pair `packer_<uuid>` and tags neither. The
// uuid is "time ordered": its first 8 hex digits are the Unix time it was made, in seconds, which is
// the only age a security group has (EC2 records none).
export const PACKER_TEMPORARY = /^packer_/;

const TIME_ORDERED_UUID = /^packer_([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** When Packer made it, in ms since the epoch; undefined when the name carries no time. */
export function packerTemporaryTime(name: string): number | undefined {
  const match = TIME_ORDERED_UUID.exec(name);
  return match ? Number.parseInt(match[1] as string, 16) * 1000 : undefined;
}
